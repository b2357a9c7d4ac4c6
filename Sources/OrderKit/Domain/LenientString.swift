import Foundation

/// Decodes a field that vendors send as a string in one place and a number in another
/// (item ids, order ids), always keeping it as text.
struct LenientString: Codable, Hashable, Sendable {
    var value: String

    init(_ value: String) { self.value = value }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) {
            value = s
        } else if let i = try? container.decode(Int64.self) {
            value = String(i)
        } else if let d = try? container.decode(Double.self) {
            value = String(d)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string or a number")
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension KeyedDecodingContainer {
    // Each tries the plain string first: it is the common case, and decoding a String straight
    // from the keyed container skips building a nested decoder (measurable on a 100,000-order
    // import). Anything else goes through LenientString, errors included, as before.
    func decodeLenientString(forKey key: Key) throws -> String {
        if let s = try? decode(String.self, forKey: key) { return s }
        return try decode(LenientString.self, forKey: key).value
    }

    func decodeLenientStringIfPresent(forKey key: Key) throws -> String? {
        if let s = try? decodeIfPresent(String.self, forKey: key) { return s }
        return try decodeIfPresent(LenientString.self, forKey: key)?.value
    }

    /// A number that may arrive as a JSON number or as a numeric string ("199.90").
    func decodeLenientDoubleIfPresent(forKey key: Key) throws -> Double? {
        if let d = try? decodeIfPresent(Double.self, forKey: key) { return d }
        if let s = try decodeIfPresent(LenientString.self, forKey: key)?.value {
            guard let d = Double(s) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a number: \(s)")
            }
            return d
        }
        return nil
    }
}
