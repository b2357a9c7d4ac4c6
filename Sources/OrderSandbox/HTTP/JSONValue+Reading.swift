import OrderKit

/// Lenient reads of raw request JSON: vendors' clients send ids as strings or numbers alike.
extension JSONValue {
    var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// A string, or a number written as text (an `id_order` sent as 12345).
    var lenientString: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }

    /// An integer, or a string holding one (an `id_channel` sent as "4308").
    var lenientInt: Int? {
        switch self {
        case .int(let i): Int(exactly: i)
        case .double(let d): d.rounded() == d ? Int(exactly: d) : nil
        case .string(let s): Int(s)
        default: nil
        }
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
