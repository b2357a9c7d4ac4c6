import Foundation

/// Time as the pacers and the retry policy see it; tests inject a fake one.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (_ seconds: Double) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (_ seconds: Double) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = WallClock(
        now: { Date() },
        sleep: { seconds in
            guard seconds > 0 else { return }
            // At most a year: a larger (or infinite) wait would not fit the Int64 of nanoseconds.
            try await Task.sleep(for: .nanoseconds(Int64(min(seconds, 365 * 86_400) * 1_000_000_000)))
        })
}
