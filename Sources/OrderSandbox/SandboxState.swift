import Foundation
import OrderKit

/// Every piece of mutable sandbox state, behind one actor: the three vendors' data, the budgets,
/// the clock, the faults and the statistics. Handlers call one method per request, so each
/// request's checks and changes happen atomically.
actor SandboxState {
    let options: SandboxOptions
    var clock: SandboxClock
    var yuju = YujuStore()
    var bridge = BridgeStore()
    var datacrush = DatacrushStore()
    var stats = SandboxStats()
    var faults = Faults()
    /// Where notifications go (`POST /_sandbox/webhooks`); nil: none are sent.
    var webhookTarget: WebhookTarget?
    nonisolated let webhookSender = WebhookSender()
    /// Ids handed out at run time (report ids, outbound keys, BRIDGE tokens); separate from the
    /// seeding generator so the seeded data never depends on traffic.
    var idGenerator: SplitMix64
    var faultGenerator: SplitMix64
    /// `http://127.0.0.1:PORT`, known once the server runs; report `url`s are built on it.
    var baseURL = ""
    /// How long the last seeding took (reported by the stats route's caller in tests).
    private(set) var lastSeedDuration: Duration = .zero

    init(options: SandboxOptions) {
        self.options = options
        clock = SandboxClock(frozen: options.freezeClock)
        idGenerator = SplitMix64(seed: options.seed ^ 0x5EED_1D5)
        faultGenerator = SplitMix64(seed: options.seed ^ 0xFA17)
        let started = ContinuousClock.now
        (yuju, bridge) = Seeder(count: options.orders, seed: options.seed, now: Date()).build()
        lastSeedDuration = ContinuousClock.now - started
    }

    var now: Date { clock.now() }

    func setBaseURL(_ url: String) { baseURL = url }

    func seedDuration() -> Duration { lastSeedDuration }

    /// `POST /_sandbox/reset`: fresh seeded data, counters zero, clock back to real time.
    /// Faults are cleared too, so one test's faults never leak into the next.
    func reset() {
        clock.reset()
        let started = ContinuousClock.now
        (yuju, bridge) = Seeder(count: options.orders, seed: options.seed, now: clock.now()).build()
        lastSeedDuration = ContinuousClock.now - started
        datacrush = DatacrushStore()
        stats = SandboxStats()
        faults = Faults()
        webhookTarget = nil
        webhookSender.resetCounts()
        idGenerator = SplitMix64(seed: options.seed ^ 0x5EED_1D5)
        faultGenerator = SplitMix64(seed: options.seed ^ 0xFA17)
    }

    func statsWithWebhooks() -> SandboxStats {
        var current = stats
        current.webhooks = webhookSender.snapshot
        return current
    }

    func countRequest(_ key: String) { stats.requests[key, default: 0] += 1 }
    func countRateLimited(_ key: String) { stats.rateLimited[key, default: 0] += 1 }
}
