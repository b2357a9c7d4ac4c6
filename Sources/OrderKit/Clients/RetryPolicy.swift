import Foundation

/// When and how often a request is tried again. One type for every client:
/// - 429: wait as the server says (`Retry-After`, else 1 s) through the pacer, never hammer;
///   at most `maxRateLimitWaits` times.
/// - 5xx, timeouts, dropped or refused connections: bounded exponential backoff with jitter.
/// - any other 4xx: never.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var multiplier: Double
    public var maxDelay: Double
    /// Share of each delay that is randomised (0.5: between half and the whole delay).
    public var jitter: Double
    public var maxRateLimitWaits: Int
    public var clock: WallClock
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 6, baseDelay: Double = 0.5, multiplier: Double = 2, maxDelay: Double = 8, jitter: Double = 0.5,
        maxRateLimitWaits: Int = 10, clock: WallClock = .system, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.maxRateLimitWaits = maxRateLimitWaits
        self.clock = clock
        self.random = random
    }

    public static let standard = RetryPolicy()
    /// For tests: no waiting at all.
    public static let immediate = RetryPolicy(baseDelay: 0, maxDelay: 0, clock: WallClock(now: { Date() }, sleep: { _ in }))

    /// Backoff before attempt `attempt + 1` after `attempt` failed (1-based).
    public func backoff(afterAttempt attempt: Int) -> Double {
        let raw = baseDelay * pow(multiplier, Double(max(0, attempt - 1)))
        let capped = min(maxDelay, raw)
        return capped * (1 - jitter) + capped * jitter * random()
    }

    public enum Decision: Sendable, Equatable {
        case giveUp
        case backoff(Double)
        case rateLimited(Double)
    }

    /// What to do after a failed attempt.
    public func decide(_ error: ClientError, attempt: Int, rateLimitWaits: Int) -> Decision {
        switch error {
        case .rateLimited(_, _, let retryAfter, _):
            return rateLimitWaits < maxRateLimitWaits ? .rateLimited(retryAfter ?? Assumed.rateLimitFallbackSeconds) : .giveUp
        case .serverError, .transport:
            return attempt < maxAttempts ? .backoff(backoff(afterAttempt: attempt)) : .giveUp
        default:
            return .giveUp
        }
    }
}
