import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// Issue 15, "Trouble": the team database lost mid-session and back. New changes are refused
/// at once and clearly, nothing queued is lost or doubled, the loss and the return are told, and
/// the pool reconnects by itself.
@Suite("Team database lost and back", .serialized)
struct TeamTroubleTests {
    let logger = Logger(label: "team-trouble-test")

    @Test("lost mid-session: refused at once, told, nothing lost; back: told, queue goes on")
    func lostAndBack() async throws {
        var url = try await TeamTestDatabase.fresh()
        let direct = try await TeamDatabase.connect(url, logger: logger)
        let proxy = try CuttableProxy(targetPort: url.port)
        url.port = proxy.port
        let database = try await TeamDatabase.connect(url, logger: logger)
        let store = try OrderStore.inMemory()
        let outbox = TeamOutbox(database: database, store: store, owner: "ana-1", leaseSeconds: 10, logger: logger)
        let health = TeamHealth(database)
        let changes = health.changes.subscribe()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))
            health.changes.finish()   // a change never told fails the test instead of hanging it
        }
        defer { watchdog.cancel() }
        let now = Date()
        let first = try await outbox.enqueue([OutboxQueueContractTests.change(.readyToShip)], user: "ana", at: now)[0].id

        proxy.cut()
        var iterator = changes.makeAsyncIterator()
        var told: TeamConnection?
        let cutAt = ContinuousClock.now
        while told == nil, ContinuousClock.now - cutAt < .seconds(6) { told = await iterator.next() }
        guard case .lost = told else { Issue.record("the loss was not told: \(String(describing: told))"); return }
        let toldAfter = ContinuousClock.now - cutAt
        #expect(toldAfter < .seconds(4), "told after \(toldAfter)")
        // A new change is refused at once, saying why and that nothing was queued.
        let refusedAt = ContinuousClock.now
        await #expect(throws: TeamOutboxError.self) {
            try await outbox.enqueue([OutboxQueueContractTests.change(.shipped, order: "2")], user: "ana", at: now)
        }
        #expect(ContinuousClock.now - refusedAt < .seconds(1))
        #expect(TeamOutboxError.unreachable("no answer").description.contains("not queued"))
        // What was queued is still in the database.
        let queued = try await TeamOutbox(database: direct, store: store, owner: "check", leaseSeconds: 10, logger: logger).entries(states: [.queued])
        #expect(queued.map(\.id) == [first])

        proxy.restore()
        told = nil
        let restoredAt = ContinuousClock.now
        while told == nil, ContinuousClock.now - restoredAt < .seconds(10) { told = await iterator.next() }
        #expect(told == .connected, "the return was not told")
        let second = try await outbox.enqueue([OutboxQueueContractTests.change(.shipped, order: "2")], user: "ana", at: now)[0].id
        let claim = try #require(await outbox.claim(logger: logger))
        #expect(claim.entries.map(\.id) == [first, second])
        print("TeamTroubleTests: loss told \(toldAfter) after the cut; back told \(ContinuousClock.now - restoredAt) after the restore")
        health.stop()
        await outbox.release()
        await database.close()
        await direct.close()
    }
}
