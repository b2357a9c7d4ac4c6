import Foundation

/// The one place that removes credentials from text before it reaches a log line, an error, a
/// stored URL or the screen. Knows every configured secret, and also blanks the value of
/// credential query parameters (Datacrush's `api_key` travels in the query string) even when the
/// secret itself is unknown.
public struct Redactor: Sendable {
    public static let placeholder = Secret.placeholder
    /// Query parameters whose value is always a credential.
    static let credentialParameters = ["api_key", "apikey", "token", "secret_key", "client_secret", "clientSecret", "access_token"]

    private let secrets: [String]

    public init(secrets: [Secret]) {
        var texts: Set<String> = []
        for secret in secrets where secret.exposedValue.count >= 3 {
            let value = secret.exposedValue
            texts.insert(value)
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { texts.insert(encoded) }
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { texts.insert(encoded) }
        }
        // Longest first, so a secret containing another is removed whole.
        self.secrets = texts.sorted { $0.count > $1.count }
    }

    public static let none = Redactor(secrets: [])

    public func redact(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        for name in Self.credentialParameters {
            out = Self.blankParameter(name, in: out)
        }
        return out
    }

    public func redact(_ error: any Error) -> String { redact(String(describing: error)) }

    /// `...?portal_id=1&api_key=abc&x=1` → `...?portal_id=1&api_key=<redacted>&x=1`.
    static func blankParameter(_ name: String, in text: String) -> String {
        let marker = name + "="
        guard text.contains(marker) else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            // Only a real parameter (after ?, & or the start), not e.g. "my_api_key=".
            guard before == nil || before == "?" || before == "&" || before == " " || before == "\"" else { continue }
            let end = rest.firstIndex(where: { "&# \"'\n\r\t<>".contains($0) }) ?? rest.endIndex
            if end != rest.startIndex { result += placeholder }
            rest = rest[end...]
        }
        result += rest
        return result
    }
}
