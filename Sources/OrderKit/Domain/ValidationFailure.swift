/// Input refused before anything is sent. `message` is the vendor's own text, verbatim, so the
/// user sees locally exactly what the server would have answered.
public struct ValidationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum System: String, Sendable { case yuju, bridge, datacrush }

    public let system: System
    /// The vendor's text, verbatim.
    public let message: String
    /// The vendor's error code where it has one (BRIDGE `ack`, Datacrush `error.code`).
    public let code: Int?
    /// The offending field, when the vendor's text does not name it (e.g. Yuju's bare "Error.").
    public let field: String?

    public init(_ system: System, _ message: String, code: Int? = nil, field: String? = nil) {
        self.system = system
        self.message = message
        self.code = code
        self.field = field
    }

    public var description: String {
        var text = message
        if let code { text = "\(code): \(text)" }
        if let field { text += " (\(field))" }
        return text
    }
}
