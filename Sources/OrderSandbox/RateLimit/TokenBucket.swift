import Foundation

/// Yuju's 2 req/s: a bucket of `capacity` tokens refilled continuously. Time comes from the
/// caller (the sandbox clock), never from the system.
struct TokenBucket: Sendable {
    let capacity: Double
    let refillPerSecond: Double
    private var tokens: Double
    private var updatedAt: Date?

    init(capacity: Double, refillPerSecond: Double) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
    }

    /// Takes one token; false when none is left.
    mutating func take(now: Date) -> Bool {
        if let updatedAt {
            let elapsed = max(0, now.timeIntervalSince(updatedAt))
            tokens = min(capacity, tokens + elapsed * refillPerSecond)
        }
        updatedAt = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
