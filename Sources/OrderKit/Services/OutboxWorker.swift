import Foundation
import Logging

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
        do {
            switch try await delivery.deliver(entry, user: user, now: { clock.now() }) {
            case .sent(let response):
                try store.markSent(id: entry.id, at: clock.now(), response: response)
                events.publish(OutboxEvent(entry, state: .sent, detail: response, at: clock.now()))
            case .failed(let reason):
                try store.markFailed(id: entry.id, at: clock.now(), reason: reason)
                events.publish(OutboxEvent(entry, state: .failed, detail: reason, at: clock.now()))
            }
        } catch is CancellationError {
            // Left in `sending`: the next start resumes it, checking first.
        } catch {
            let reason = String(describing: error)
            try? store.markFailed(id: entry.id, at: clock.now(), reason: reason)
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
