import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Drains the outbox: takes every queued (or interrupted) entry, sends it through the pacers,
/// records the outcome in the store and publishes events. Entries of one order go one after
/// the other, in the order they were asked for; different orders go side by side (the pacer,
/// not the worker, sets the pace).
actor OutboxWorker {
    private let store: OrderStore
    private let delivery: OutboxDelivery
    private let events: Broadcaster<OutboxEvent>
    private let clock: WallClock
    private let logger: Logger
    private let user: String
    /// Orders in flight at once; enough to keep a 2 req/s pacer busy when answers are slow.
    private let concurrency: Int

    private var pass: Task<Void, Never>?
    private var wakeAgain = false

    init(store: OrderStore, delivery: OutboxDelivery, events: Broadcaster<OutboxEvent>, clock: WallClock, user: String, concurrency: Int = 8, logger: Logger) {
        self.store = store
        self.delivery = delivery
        self.events = events
        self.clock = clock
        self.user = user
        self.concurrency = concurrency
        self.logger = logger
    }

    /// Starts draining if idle; otherwise makes the running pass look again when it ends.
    func kick() {
        if pass != nil {
            wakeAgain = true
            return
        }
        pass = Task { await self.run() }
    }

    /// Returns when nothing is queued or being sent.
    func drain() async {
        kick()
        while let current = pass {
            await current.value
        }
    }

    /// A drain pass is running here.
    var isDraining: Bool { pass != nil }

    func stop() async {
        pass?.cancel()
        await pass?.value
    }

    private func run() async {
        repeat {
            wakeAgain = false
            await drainOnce()
        } while wakeAgain && !Task.isCancelled
        pass = nil
    }

    private func drainOnce() async {
        // One drainer per profile at a time, across processes: another OrderDesk on the same
        // state file (the TUI while a script runs) would otherwise send the same entries, and
        // take an entry in flight there for one interrupted here. The queue is read once the
        // lock is held, so what the other process sent meanwhile is seen as sent.
        guard let lock = await OutboxLock.acquire(for: store.path, logger: logger) else { return }
        defer { lock.release() }
        let pending: [OutboxEntry]
        do {
            pending = try store.outboxEntries(states: [.queued, .sending])
        } catch {
            logger.error("outbox: cannot read the queue: \(error)")
            return
        }
        guard !pending.isEmpty else { return }
        // Chains: one per order (or BRIDGE address), in creation order.
        var chains: [String: [OutboxEntry]] = [:]
        var order: [String] = []
        for entry in pending {
            let lane = Self.lane(of: entry)
            if chains[lane] == nil { order.append(lane) }
            chains[lane, default: []].append(entry)
        }
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for lane in order {
                if running >= concurrency {
                    await group.next()
                    running -= 1
                }
                guard !Task.isCancelled else { break }
                let chain = chains[lane] ?? []
                group.addTask { await self.send(chain) }
                running += 1
            }
            await group.waitForAll()
        }
    }

    private func send(_ chain: [OutboxEntry]) async {
        for entry in chain {
            if Task.isCancelled { return }
            await send(entry)
        }
    }

    private func send(_ entry: OutboxEntry) async {
        do {
            try store.markSending(id: entry.id, at: clock.now())
        } catch {
            logger.error("outbox \(entry.id): cannot mark sending: \(error)")
            return
        }
        events.publish(OutboxEvent(entry, state: .sending, at: clock.now()))
        let clock = self.clock
        let tracker = AttemptTracker()
        do {
            let outcome = try await AttemptTracker.$current.withValue(tracker) {
                try await delivery.deliver(entry, user: user, now: { clock.now() })
            }
            let attempts = tracker.requestsSent
            switch outcome {
            case .sent(let response):
                try store.markSent(id: entry.id, at: clock.now(), response: response, attempts: attempts)
                events.publish(OutboxEvent(entry, state: .sent, detail: response, at: clock.now()))
                // Its delivery may have queued a follow-up (the BRIDGE mirror): look again.
                if entry.request.mayQueueFollowUp { wakeAgain = true }
            case .failed(let reason):
                try store.markFailed(id: entry.id, at: clock.now(), reason: reason, attempts: attempts)
                events.publish(OutboxEvent(entry, state: .failed, detail: reason, at: clock.now()))
            case .refused(let reason):
                try store.markRefused(id: entry.id, at: clock.now(), reason: reason, attempts: attempts)
                events.publish(OutboxEvent(entry, state: .refused, detail: reason, at: clock.now()))
            }
        } catch is CancellationError {
            // Left in `sending`: the next start resumes it, checking first.
        } catch {
            let reason = String(describing: error)
            try? store.markFailed(id: entry.id, at: clock.now(), reason: reason, attempts: tracker.requestsSent)
            events.publish(OutboxEvent(entry, state: .failed, detail: reason, at: clock.now()))
        }
    }

    static func lane(of entry: OutboxEntry) -> String {
        if let key = entry.request.key { return "order:\(key)" }
        if case .bridge(let change) = entry.request {
            return "bridge:\(change.internalNumber ?? "")/\(change.channel ?? "")/\(change.externalNumber ?? "")"
        }
        return "entry:\(entry.id)"
    }
}

/// An exclusive `flock` on `<state file>.outbox-lock`, held while one drain pass runs. The
/// kernel drops it when the process dies (even by `kill -9`), so a crash never leaves it held.
struct OutboxLock {
    private let descriptor: Int32

    /// Waits (polling, without blocking a thread) until the lock is free. A store in memory
    /// has no other process to share with: an unlocked token. Nil when cancelled meanwhile.
    static func acquire(for statePath: String?, logger: Logger) async -> OutboxLock? {
        guard let statePath else { return OutboxLock(descriptor: -1) }
        let descriptor = open(statePath + ".outbox-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            // No lock file (read-only folder?): send anyway, as before; the store still refuses
            // impossible transitions.
            logger.warning("outbox: cannot open the lock file next to \(statePath): errno \(errno)")
            return OutboxLock(descriptor: -1)
        }
        var waited = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if !waited {
                logger.info("outbox: another OrderDesk on this profile is sending; waiting for it")
                waited = true
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                close(descriptor)
                return nil
            }
        }
        return OutboxLock(descriptor: descriptor)
    }

    /// True while some process (this one included) holds the lock, i.e. is sending.
    static func isHeld(for statePath: String?) -> Bool {
        guard let statePath else { return false }
        let descriptor = open(statePath + ".outbox-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
