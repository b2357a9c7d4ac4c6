import OrderKit

/// Faults injected into vendor routes (`POST /_sandbox/faults`); never into `/_sandbox/*`.
struct Faults: Sendable, Codable, Equatable {
    var latencyMs: Int = 0
    /// Share of requests answered 500 before any state change.
    var errorRate: Double = 0
    /// Share of connections closed without an answer: half before the change, half after.
    var dropRate: Double = 0
    var force429: Bool = false

    enum CodingKeys: String, CodingKey {
        case latencyMs = "latency_ms", errorRate = "error_rate", dropRate = "drop_rate", force429 = "force_429"
    }

    /// Fields left out of a request keep their current value.
    func merged(with json: [String: JSONValue]) -> Faults? {
        var copy = self
        for (key, value) in json {
            switch key {
            case "latency_ms":
                guard let n = value.number, n >= 0 else { return nil }
                copy.latencyMs = Int(n)
            case "error_rate":
                guard let n = value.number, (0...1).contains(n) else { return nil }
                copy.errorRate = n
            case "drop_rate":
                guard let n = value.number, (0...1).contains(n) else { return nil }
                copy.dropRate = n
            case "force_429":
                guard case .bool(let b) = value else { return nil }
                copy.force429 = b
            default:
                return nil
            }
        }
        return copy
    }
}

/// What a fault roll decided for one request.
enum FaultDecision: Sendable {
    case none
    case forced429
    case error500
    case dropBefore
    case dropAfter
}
