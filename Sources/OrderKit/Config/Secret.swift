/// A credential. Printing, dumping or encoding it yields `<redacted>`; only `exposedValue`
/// gives the text, and only the clients call it, to put it on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable, Codable {
    public static let placeholder = "<redacted>"

    private let value: String

    public init(_ value: String) { self.value = value }

    public var exposedValue: String { value }
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { Self.placeholder }
    public var debugDescription: String { Self.placeholder }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.placeholder)
    }
}
