import Collections
import Foundation

/// Paces one limit with no burst: requests start at least `window / capacity` apart (0.5 s for
/// 2 req/s). Against a server token bucket of the same rate this never sees a 429, because the
/// bucket always keeps a token of slack; bursting to the bucket's capacity would drain that
/// slack and the first jitter in arrival times would cost a 429.
///
/// With a `shared` schedule every process of a profile (or of a team) reserves its starts from
/// the same schedule, so together they stay inside the one limit of the account.
public actor IntervalPacer: RequestPacer {
    public nonisolated let kind: BudgetKind
    public let capacity: Int
    public let windowSeconds: Double
    private let interval: Double
    private let clock: WallClock
    private nonisolated let broadcaster = Broadcaster<BudgetSnapshot>()
    /// Where the schedule lives when other processes pace the same limit; nil: only here.
    private let shared: (any SharedSlotSchedules)?

    /// The schedule as this process last saw it (all of it when not shared).
    private var schedule = SlotSchedule()
    private var waiting = 0
    /// Operator requests waiting here: background work stands aside while there are any.
    private var operatorsWaiting = 0
    /// Starts in the window, oldest first: this process's, and colleagues' as they are heard of
    /// (`colleagueStarted`), which may lie ahead while their reservation waits.
    private var recentStarts: Deque<Date> = []
    /// When the last request really started: a busy machine can wake several reservations late
    /// and at once, and they must still start `interval` apart.
    private var lastStart: Date?
    private var last429At: Date?
    /// Publishes again when the window moves on, so a budget shown as spent refills on screen
    /// although no request follows.
    private var settle: Task<Void, Never>?

    /// `capacity` requests per `windowSeconds` (2 per 1 s, 100 per 60 s, ...). `shared`: the
    /// schedule other processes of the profile (or the team) pace the same limit with.
    public init(kind: BudgetKind, capacity: Int, windowSeconds: Double, clock: WallClock = .system, shared: (any SharedSlotSchedules)? = nil) {
        self.kind = kind
        self.capacity = max(1, capacity)
        self.windowSeconds = windowSeconds
        self.interval = windowSeconds / Double(max(1, capacity))
        self.clock = clock
        self.shared = shared
    }

    /// A rate like 2.0 per second or 5.0 per second, possibly fractional.
    public init(kind: BudgetKind, perSecond: Double, clock: WallClock = .system, shared: (any SharedSlotSchedules)? = nil) {
        let rate = max(0.001, perSecond)
        if rate >= 1, rate == rate.rounded() {
            self.init(kind: kind, capacity: Int(rate), windowSeconds: 1, clock: clock, shared: shared)
        } else {
            self.init(kind: kind, capacity: 1, windowSeconds: 1 / rate, clock: clock, shared: shared)
        }
    }

    public func acquire(priority: RequestPriority) async throws {
        let isOperator = priority == .operator
        waiting += 1
        if isOperator { operatorsWaiting += 1 }
        func leaveQueue() {
            waiting -= 1
            if isOperator { operatorsWaiting -= 1 }
        }
        do {
            try await waitForStart(isOperator: isOperator)
        } catch {
            leaveQueue()
            publish()
            throw error
        }
        leaveQueue()
        let started = clock.now()
        lastStart = started
        insertStart(started)
        trim(now: started)
        publish()
    }

    private func waitForStart(isOperator: Bool) async throws {
        while true {
            let now = clock.now()
            // Background work queues nowhere: it takes a start only when one is free now and no
            // operator here waits for one; otherwise it looks again when the schedule frees up.
            if !isOperator, operatorsWaiting > 0 {
                publish()
                try await clock.sleep(max(interval, schedule.nextSlot.timeIntervalSince(now)))
                continue
            }
            guard let slot = try await reserve(now: now, onlyIfFree: !isOperator) else {
                publish()
                try await clock.sleep(max(0.01, schedule.nextSlot.timeIntervalSince(now)))
                continue
            }
            if slot > now {
                publish()
                try await clock.sleep(slot.timeIntervalSince(now))
            }
            // A 429 that arrived while we waited moves everyone behind it.
            if try await currentSchedule().isPaused(at: clock.now()) { continue }
            // Woken late together with an earlier reservation: start behind it, not with it.
            if let lastStart, clock.now() < lastStart.addingTimeInterval(interval) {
                let behind = lastStart.addingTimeInterval(interval)
                try await moveSchedule(pastStartAt: behind)
                try await clock.sleep(behind.timeIntervalSince(clock.now()))
                if try await currentSchedule().isPaused(at: clock.now()) { continue }
            }
            return
        }
    }

    public func pause(for seconds: Double, message: String) async {
        let now = clock.now()
        let until = now.addingTimeInterval(max(0, seconds))
        if let shared, let updated = try? await shared.pause(kind, until: until, message: message) {
            schedule = updated
        } else {
            schedule.pause(until: until, message: message)
        }
        last429At = now
        publish()
    }

    private func reserve(now: Date, onlyIfFree: Bool) async throws -> Date? {
        guard let shared else { return schedule.reserve(now: now, interval: interval, onlyIfFree: onlyIfFree) }
        let (slot, updated) = try await shared.reserve(kind, now: now, interval: interval, onlyIfFree: onlyIfFree)
        schedule = updated
        return slot
    }

    /// This request starts late, at `start`: the next reservation comes an interval after it.
    private func moveSchedule(pastStartAt start: Date) async throws {
        let next = start.addingTimeInterval(interval)
        guard let shared else {
            schedule.nextSlot = max(schedule.nextSlot, next)
            return
        }
        schedule = try await shared.delayNextSlot(kind, toAtLeast: next)
    }

    /// The schedule now: read again when other processes may have paused it meanwhile.
    private func currentSchedule() async throws -> SlotSchedule {
        if let shared { schedule = try await shared.read(kind) }
        return schedule
    }

    /// Another process of the team reserved a start at `start` from the shared schedule: it
    /// counts in what this process shows, so the status bar shows the team's budget.
    public func colleagueStarted(at start: Date) {
        insertStart(start)
        if schedule.nextSlot < start.addingTimeInterval(interval) { schedule.nextSlot = start.addingTimeInterval(interval) }
        publish()
    }

    /// Another process of the team was answered 429 and paused the shared schedule.
    public func colleaguePaused() async {
        _ = try? await currentSchedule()
        last429At = clock.now()
        publish()
    }

    public func snapshot() -> BudgetSnapshot {
        let now = clock.now()
        trim(now: now)
        let nextSlot = schedule.nextSlot
        let blocked = schedule.pausedUntil.flatMap { $0 > now ? $0 : nil }
        let ahead = recentStarts.reversed().prefix { $0 > now }.count
        let used = recentStarts.count - ahead
        let available = blocked == nil ? max(0, capacity - used) : 0
        let drain = max(0, nextSlot.timeIntervalSince(now))
        return BudgetSnapshot(
            kind: kind, capacity: capacity, windowSeconds: windowSeconds, available: available,
            used: used, queued: waiting + ahead, nextFreeAt: nextSlot > now ? nextSlot : nil,
            drainSeconds: drain, last429At: last429At, last429Message: last429At == nil ? nil : schedule.pauseMessage,
            blockedUntil: blocked)
    }

    public nonisolated func updates() -> AsyncStream<BudgetSnapshot> { broadcaster.subscribe() }

    /// Keeps `recentStarts` in time order: a colleague's start heard of may lie after this one.
    private func insertStart(_ start: Date) {
        var index = recentStarts.endIndex
        while index > recentStarts.startIndex, recentStarts[index - 1] > start { index -= 1 }
        recentStarts.insert(start, at: index)
    }

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
        let ahead = recentStarts.first { $0 > now }
        let changes = [recentStarts.first?.addingTimeInterval(windowSeconds), ahead, snapshot.blockedUntil].compactMap { $0 }
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
