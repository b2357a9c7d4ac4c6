import Foundation

/// Yuju's orders report: `capacity` runs in any rolling `windowSeconds` (5 per 24 h). The count
/// comes from the persistent ledger (`runTimes`, e.g. the store's `reportRuns(since:)`), so it
/// survives restarts; a 429 from the server carries the minutes until a run frees up, and that
/// word overrides the local count.
public actor ReportRunLedger: ReportRunBudget {
    public let capacity: Int
    public let windowSeconds: Double
    private let clock: WallClock
    /// Start times of the runs recorded since a date.
    private let runTimes: @Sendable (Date) throws -> [Date]
    private nonisolated let broadcaster = Broadcaster<BudgetSnapshot>()
    /// Runs reserved but not yet in the ledger.
    private var inFlight = 0
    private var blockedUntil: Date?
    private var last429At: Date?
    private var last429Message: String?

    public init(capacity: Int = 5, windowSeconds: Double = 86_400, clock: WallClock = .system, runTimes: @escaping @Sendable (Date) throws -> [Date]) {
        self.capacity = capacity
        self.windowSeconds = windowSeconds
        self.clock = clock
        self.runTimes = runTimes
    }

    public func reserve() throws {
        let snap = snapshot()
        if snap.available <= 0 {
            let message = last429Message ?? "\(snap.used) of \(capacity) report runs used in the last 24 h"
            throw ClientError.reportBudgetExhausted(nextFreeAt: snap.nextFreeAt, message: message)
        }
        inFlight += 1
        publish()
    }

    public func release() {
        inFlight = max(0, inFlight - 1)
        publish()
    }

    public func serverRefused(message: String) {
        let now = clock.now()
        last429At = now
        last429Message = message
        let minutes = YujuText.minutesInReportLimit(message) ?? Assumed.reportLimitFallbackMinutes
        blockedUntil = now.addingTimeInterval(Double(minutes) * 60)
        publish()
    }

    public func snapshot() -> BudgetSnapshot {
        let now = clock.now()
        let since = now.addingTimeInterval(-windowSeconds)
        let times = ((try? runTimes(since)) ?? []).filter { $0 > since }.sorted()
        let used = times.count + inFlight
        var nextFree: Date?
        if used >= capacity, let oldest = times.first { nextFree = oldest.addingTimeInterval(windowSeconds) }
        var blocked: Date?
        if let blockedUntil, blockedUntil > now {
            blocked = blockedUntil
            nextFree = max(nextFree ?? blockedUntil, blockedUntil)
        }
        let available = blocked != nil ? 0 : max(0, capacity - used)
        return BudgetSnapshot(
            kind: .yujuReport, capacity: capacity, windowSeconds: windowSeconds, available: available, used: min(used, max(used, 0)),
            queued: inFlight, nextFreeAt: nextFree, drainSeconds: 0, last429At: last429At, last429Message: last429Message,
            blockedUntil: blocked)
    }

    public nonisolated func updates() -> AsyncStream<BudgetSnapshot> { broadcaster.subscribe() }

    /// The run is in the store this ledger reads: only publish the new count.
    public func record(_ run: ReportRun) { publish() }

    private func publish() { broadcaster.publish(snapshot()) }
}
