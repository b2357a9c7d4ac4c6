import Foundation
import Logging

/// Drains the outbox: takes every queued (or interrupted) entry, sends it through the pacers,
/// records the outcome in the store and publishes events. Entries of one order go one after
/// the other, in the order they were asked for; different orders go side by side (the pacer,
/// not the worker, sets the pace).
actor OutboxWorker {
    private let queue: any OutboxQueue
    private let delivery: OutboxDelivery
    private let events: Broadcaster<OutboxEvent>
    private let clock: WallClock
    private let logger: Logger
    private let user: String
    /// Orders in flight at once; enough to keep a 2 req/s pacer busy when answers are slow.
    private let concurrency: Int

    private var pass: Task<Void, Never>?
    private var wakeAgain = false
    private var takeover: Task<Void, Never>?

    init(queue: any OutboxQueue, delivery: OutboxDelivery, events: Broadcaster<OutboxEvent>, clock: WallClock, user: String, concurrency: Int = 8, logger: Logger) {
        self.queue = queue
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

    /// Returns when nothing is queued or being sent here, and nothing this process queued waits
    /// behind a colleague's earlier change of the same order (team mode).
    func drain() async {
        repeat {
            kick()
            while let current = pass {
                await current.value
            }
            guard await queue.hasOwnEntriesWaiting() else { return }
            try? await Task.sleep(for: .milliseconds(250))
        } while !Task.isCancelled
    }

    /// Team mode: looks now and then for entries a member left when it died (their lease ran
    /// out), and sends them.
    func startTakeoverPolling() {
        guard takeover == nil, let interval = queue.takeoverInterval else { return }
        takeover = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.kick()
            }
        }
    }

    /// A drain pass is running here.
    var isDraining: Bool { pass != nil }

    func stop() async {
        takeover?.cancel()
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
        // Only what this process holds: in the embedded mode the profile's lock (another
        // OrderDesk on the same state file would otherwise send the same entries), in team mode
        // the leases on whole lanes. The queue is read once held, so what another process sent
        // meanwhile is seen as sent.
        guard let claim = await queue.claim(logger: logger) else { return }
        let pending = claim.entries
        guard !pending.isEmpty else {
            await claim.release()
            return
        }
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
        await claim.release()
    }

    private func send(_ chain: [OutboxEntry]) async {
        for entry in chain {
            if Task.isCancelled { return }
            await send(entry)
        }
    }

    private func send(_ entry: OutboxEntry) async {
        do {
            try await queue.markSending(id: entry.id, at: clock.now())
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
                try await queue.markSent(id: entry.id, at: clock.now(), response: response, attempts: attempts)
                events.publish(OutboxEvent(entry, state: .sent, detail: response, at: clock.now()))
                // Its delivery may have queued a follow-up (the BRIDGE mirror): look again.
                if entry.request.mayQueueFollowUp { wakeAgain = true }
            case .failed(let reason):
                try await queue.markFailed(id: entry.id, at: clock.now(), reason: reason, attempts: attempts)
                events.publish(OutboxEvent(entry, state: .failed, detail: reason, at: clock.now()))
            case .refused(let reason):
                try await queue.markRefused(id: entry.id, at: clock.now(), reason: reason, attempts: attempts)
                events.publish(OutboxEvent(entry, state: .refused, detail: reason, at: clock.now()))
            }
        } catch is CancellationError {
            // Left in `sending`: the next start resumes it, checking first.
        } catch {
            let reason = String(describing: error)
            try? await queue.markFailed(id: entry.id, at: clock.now(), reason: reason, attempts: tracker.requestsSent)
            events.publish(OutboxEvent(entry, state: .failed, detail: reason, at: clock.now()))
        }
    }

    static func lane(of entry: OutboxEntry) -> String {
        entry.request.lane ?? "entry:\(entry.id)"
    }
}
