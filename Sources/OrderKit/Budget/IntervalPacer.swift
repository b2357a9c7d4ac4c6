import Collections
import Foundation

/// Paces one limit with no burst: requests start at least `window / capacity` apart (0.5 s for
/// 2 req/s). Against a server token bucket of the same rate this never sees a 429, because the
/// bucket always keeps a token of slack; bursting to the bucket's capacity would drain that
/// slack and the first jitter in arrival times would cost a 429.
public actor IntervalPacer: RequestPacer {
    public nonisolated let kind: BudgetKind
    public let capacity: Int
    public let windowSeconds: Double
    private let interval: Double
    private let clock: WallClock
    private nonisolated let broadcaster = Broadcaster<BudgetSnapshot>()

    /// The earliest moment the next reservation may start.
    private var nextSlot = Date.distantPast
    private var pausedUntil: Date?
    private var waiting = 0
    private var recentStarts: Deque<Date> = []
    /// When the last request really started: a busy machine can wake several reservations late
    /// and at once, and they must still start `interval` apart.
    private var lastStart: Date?
    private var last429At: Date?
    private var last429Message: String?
    /// Publishes again when the window moves on, so a budget shown as spent refills on screen
    /// although no request follows.
    private var settle: Task<Void, Never>?

    /// `capacity` requests per `windowSeconds` (2 per 1 s, 100 per 60 s, ...).
    public init(kind: BudgetKind, capacity: Int, windowSeconds: Double, clock: WallClock = .system) {
        self.kind = kind
        self.capacity = max(1, capacity)
        self.windowSeconds = windowSeconds
        self.interval = windowSeconds / Double(max(1, capacity))
        self.clock = clock
    }

    /// A rate like 2.0 per second or 5.0 per second, possibly fractional.
    public init(kind: BudgetKind, perSecond: Double, clock: WallClock = .system) {
        let rate = max(0.001, perSecond)
        if rate >= 1, rate == rate.rounded() {
            self.init(kind: kind, capacity: Int(rate), windowSeconds: 1, clock: clock)
        } else {
            self.init(kind: kind, capacity: 1, windowSeconds: 1 / rate, clock: clock)
        }
    }

    public func acquire() async throws {
        while true {
            let now = clock.now()
            var slot = max(now, nextSlot)
            if let pausedUntil, pausedUntil > slot { slot = pausedUntil }
            nextSlot = slot.addingTimeInterval(interval)
            let wait = slot.timeIntervalSince(now)
            if wait > 0 {
                waiting += 1
                publish()
                do {
                    try await clock.sleep(wait)
                } catch {
                    waiting -= 1
                    publish()
                    throw error
                }
                waiting -= 1
            }
            // A 429 that arrived while we waited moves everyone behind it.
            if let pausedUntil, clock.now() < pausedUntil { continue }
            // Woken late together with an earlier reservation: start behind it, not with it.
            if let lastStart, clock.now() < lastStart.addingTimeInterval(interval) {
                nextSlot = max(nextSlot, lastStart.addingTimeInterval(interval))
                continue
            }
            break
        }
        let started = clock.now()
        lastStart = started
        recentStarts.append(started)
        trim(now: started)
        publish()
    }

    public func pause(for seconds: Double, message: String) {
        let now = clock.now()
        let until = now.addingTimeInterval(max(0, seconds))
        pausedUntil = max(pausedUntil ?? until, until)
        if nextSlot < until { nextSlot = until }
        last429At = now
        last429Message = message
        publish()
    }

    public func snapshot() -> BudgetSnapshot {
        let now = clock.now()
        trim(now: now)
        let blocked = pausedUntil.flatMap { $0 > now ? $0 : nil }
        let available = blocked == nil ? max(0, capacity - recentStarts.count) : 0
        let drain = max(0, nextSlot.timeIntervalSince(now))
        return BudgetSnapshot(
            kind: kind, capacity: capacity, windowSeconds: windowSeconds, available: available,
            used: recentStarts.count, queued: waiting, nextFreeAt: nextSlot > now ? nextSlot : nil,
            drainSeconds: drain, last429At: last429At, last429Message: last429Message, blockedUntil: blocked)
    }

    public nonisolated func updates() -> AsyncStream<BudgetSnapshot> { broadcaster.subscribe() }

    private func trim(now: Date) {
        let horizon = now.addingTimeInterval(-windowSeconds)
        while let first = recentStarts.first, first <= horizon { recentStarts.removeFirst() }
    }

    private func publish() {
        let snapshot = snapshot()
        broadcaster.publish(snapshot)
        scheduleSettle(after: snapshot)
    }

    /// The next moment this budget changes by itself: the oldest start leaving the window, or a
    /// pause ending. Real time, not `clock`: this only refreshes what people see.
    private func scheduleSettle(after snapshot: BudgetSnapshot) {
        guard settle == nil else { return }
        let now = clock.now()
        let changes = [recentStarts.first?.addingTimeInterval(windowSeconds), snapshot.blockedUntil].compactMap { $0 }
        guard let next = changes.min() else { return }
        let delay = min(max(next.timeIntervalSince(now), 0.01), windowSeconds)
        settle = Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000) + 5))
            await self?.settled()
        }
    }

    private func settled() {
        settle = nil
        publish()
    }
}
