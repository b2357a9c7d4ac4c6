import Foundation

/// Why a transport attempt produced no HTTP answer.
public enum TransportFailure: Sendable, Hashable, CustomStringConvertible {
    case timeout
    case connectionClosed
    case connectionFailed(String)
    /// The TLS handshake refused the server's certificate: nothing was sent, and trying again
    /// changes nothing until the certificate or the trusted authorities do.
    case untrustedCertificate(String)
    case other(String)

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .connectionClosed: "connection closed without an answer"
        case .connectionFailed(let reason): "could not connect (\(reason))"
        case .untrustedCertificate(let reason): "the server's TLS certificate is not trusted (\(reason))"
        case .other(let reason): reason
        }
    }

    /// False only when no connection was made, so the request cannot have left this machine.
    public var mayHaveReachedServer: Bool {
        switch self {
        case .connectionFailed, .untrustedCertificate: false
        default: true
        }
    }
}

/// Every failure a client reports. Texts are already redacted; vendor texts are verbatim.
public enum ClientError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Refused locally before anything was sent, with the vendor's own text.
    case invalid(ValidationFailure)
    /// The vendor refused the request; `message` is its text verbatim, `code` its own code
    /// (BRIDGE `ack`, Datacrush `error.code`).
    case rejected(VendorSystem, endpoint: String, status: Int, message: String, code: Int?)
    /// Missing, wrong or expired credentials.
    case unauthorized(VendorSystem, endpoint: String, message: String)
    /// 429 still answered after waiting as told as often as the policy allows.
    case rateLimited(VendorSystem, endpoint: String, retryAfter: Double?, message: String)
    /// The report budget (5 runs per 24 h) is spent; `nextFreeAt` is when a run frees up.
    case reportBudgetExhausted(nextFreeAt: Date?, message: String)
    /// 5xx after every attempt.
    case serverError(VendorSystem, endpoint: String, status: Int, snippet: String)
    /// No HTTP answer (timeout, refused, reset, dropped) after every attempt.
    case transport(VendorSystem, endpoint: String, TransportFailure)
    /// An answer whose body is not what the endpoint documents.
    case malformed(VendorSystem, endpoint: String, status: Int, snippet: String, detail: String)
    /// Something the configuration lacks (a credential, a base URL).
    case notConfigured(String)

    public var description: String {
        switch self {
        case .invalid(let failure):
            return failure.description
        case let .rejected(system, endpoint, status, message, code):
            let codeText = code.map { " \($0):" } ?? ""
            return "\(system.displayName) \(endpoint) → \(status):\(codeText) \(message)"
        case let .unauthorized(system, endpoint, message):
            return "\(system.displayName) \(endpoint) → not authorised: \(message)"
        case let .rateLimited(system, endpoint, retryAfter, message):
            let wait = retryAfter.map { " (retry after \(Int($0.rounded(.up))) s)" } ?? ""
            return "\(system.displayName) \(endpoint) → 429\(wait): \(message)"
        case let .reportBudgetExhausted(nextFreeAt, message):
            let when = nextFreeAt.map { " next run frees up at \(ISO8601DateFormatter().string(from: $0))" } ?? ""
            return "report budget spent:\(when) \(message)"
        case let .serverError(system, endpoint, status, snippet):
            return "\(system.displayName) \(endpoint) → \(status) server error: \(snippet)"
        case let .transport(system, endpoint, failure):
            let hint = if case .untrustedCertificate = failure, let setting = system.trustSetting {
                "; if it uses a private CA or a self-signed certificate, set \(setting) in the config"
            } else { "" }
            return "\(system.displayName) \(endpoint): \(failure)\(hint)"
        case let .malformed(system, endpoint, status, snippet, detail):
            return "\(system.displayName) \(endpoint) → \(status): unexpected answer (\(detail)): \(snippet)"
        case .notConfigured(let what):
            return "not configured: \(what)"
        }
    }

    public var errorDescription: String? { description }

    /// The vendor's own text, when the failure carries one (shown verbatim to the user).
    public var vendorMessage: String? {
        switch self {
        case .invalid(let failure): failure.message
        case .rejected(_, _, _, let message, _), .unauthorized(_, _, let message), .rateLimited(_, _, _, let message): message
        case .reportBudgetExhausted(_, let message): message
        default: nil
        }
    }

    /// The vendor's code (BRIDGE ack, Datacrush error code), if any.
    public var vendorCode: Int? {
        switch self {
        case .invalid(let failure): failure.code
        case .rejected(_, _, _, _, let code): code
        default: nil
        }
    }

    /// The HTTP status of the answer the failure came from; nil when there was none (or the
    /// failure does not keep it).
    public var httpStatus: Int? {
        switch self {
        case .rejected(_, _, let status, _, _), .serverError(_, _, let status, _), .malformed(_, _, let status, _, _): status
        default: nil
        }
    }

    /// False when the request cannot have reached the server: refused locally, not configured,
    /// or no connection made (refused, name not resolved). What spends a report run.
    public var mayHaveReachedServer: Bool {
        switch self {
        case .invalid, .notConfigured, .reportBudgetExhausted: false
        case .transport(_, _, let failure): failure.mayHaveReachedServer
        default: true
        }
    }

    /// A refusal of the request itself, with the vendor's text: final, sending it again would
    /// be refused again. (Credentials and rate limits are not about the request.)
    public var isRefusal: Bool {
        switch self {
        case .invalid, .rejected: true
        default: false
        }
    }

    /// True when the failure says nothing about whether the server applied the request: it may
    /// have, so the outbox must check before sending again.
    public var outcomeUnknown: Bool {
        switch self {
        case .transport, .serverError, .malformed: true
        default: false
        }
    }
}

/// Shortens and cleans a response body for an error message: the first bytes only, control
/// characters replaced, credentials removed.
enum BodySnippet {
    static let limit = 160

    static func make(_ body: Data, redactor: Redactor) -> String {
        if body.isEmpty { return "(empty body)" }
        let head = String(decoding: body.prefix(limit), as: UTF8.self)
        let cleaned = String(String.UnicodeScalarView(head.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format ? "·" : scalar
        }))
        return redactor.redact(cleaned) + (body.count > limit ? "…" : "")
    }
}
