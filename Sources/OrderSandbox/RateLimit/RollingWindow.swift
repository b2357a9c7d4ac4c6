import Foundation

/// Events in a rolling window (the 5 report runs per 24 h, Datacrush's calls per minute).
struct RollingWindow: Sendable {
    /// Seconds.
    let length: TimeInterval
    private(set) var events: [Date] = []

    init(length: TimeInterval) { self.length = length }

    mutating func prune(now: Date) {
        events.removeAll { now.timeIntervalSince($0) >= length }
    }

    func count(now: Date) -> Int { events.filter { now.timeIntervalSince($0) < length }.count }

    mutating func record(_ date: Date) { events.append(date) }

    /// Seconds until the oldest event in the window leaves it.
    func secondsUntilFree(now: Date) -> TimeInterval {
        guard let oldest = events.filter({ now.timeIntervalSince($0) < length }).min() else { return 0 }
        return max(0, oldest.addingTimeInterval(length).timeIntervalSince(now))
    }
}
