import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// One contract, two engines: every test here runs against the embedded SQLite outbox and the
/// team's PostgreSQL one.
@Suite("Outbox contract", .serialized)
struct OutboxQueueContractTests {
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A queue of the engine over a store holding order 4301/1 (pending, two items), and what
    /// closes it.
    static func queue(_ engine: Engine, leaseSeconds: Double = 10) async throws -> (queue: any OutboxQueue, store: OrderStore, close: () async -> Void) {
        let store = try OrderStore.inMemory()
        try store.upsertOrders([try TeamOrderSyncTests.order("1", status: "pending")])
        switch engine {
        case .sqlite:
            return (LocalOutboxQueue(store), store, {})
        case .postgres:
            let database = try await TeamDatabase.connect(try await TeamTestDatabase.fresh(), logger: Logger(label: "contract"))
            let outbox = TeamOutbox(database: database, store: store, owner: "test-a", leaseSeconds: leaseSeconds, logger: Logger(label: "contract"))
            return (outbox, store, { await outbox.release(); await database.close() })
        }
    }

    static func change(_ status: OrderStatus, order: String = "1", items: [String]? = nil) -> OutboxRequest {
        .status(StatusChangeRequest(idOrder: order, idChannel: 4301, status: status, carrier: "DHL", idItems: items), mirrorToBridge: false)
    }

    static let key = OrderKey(idChannel: 4301, idOrder: "1")
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("queued entries are read back in order, counted, and audited with the operator", arguments: Engine.allCases)
    func enqueueAndRead(_ engine: Engine) async throws {
        let (queue, _, close) = try await Self.queue(engine)
        let entries = try await queue.enqueue([Self.change(.readyToShip), Self.change(.shipped)], user: "ana", at: now)
        #expect(entries.map(\.state) == [.queued, .queued])
        #expect(entries[0].id < entries[1].id)
        // The second step starts where the first leaves the order.
        #expect(entries.map(\.startsFrom) == [.pending, .readyToShip])
        #expect(try await queue.count(states: [.queued]) == 2)
        #expect(try await queue.entries(states: [.queued], limit: 1).map(\.id) == [entries[0].id])
        let read = try #require(try await queue.entry(id: entries[1].id))
        #expect(read.request == Self.change(.shipped) && read.user == "ana" && read.createdAt == now)
        let trail = try await queue.auditTrail(for: Self.key)
        #expect(trail.count == 2 && trail.allSatisfy { $0.user == "ana" && $0.outcome == "queued" })
        #expect(trail.contains { $0.action.hasPrefix("status pending → ready_to_ship (DHL)") })
        await close()
    }

    @Test("an invalid change refuses the whole batch with the vendor's text", arguments: Engine.allCases)
    func invalidBatchWritesNothing(_ engine: Engine) async throws {
        let (queue, _, close) = try await Self.queue(engine)
        let bad = OutboxRequest.status(StatusChangeRequest(idOrder: "1", idChannel: 4301, status: .shipped, carrier: " "), mirrorToBridge: false)
        await #expect(throws: ValidationFailure.self) { try await queue.enqueue([Self.change(.readyToShip), bad], user: "ana", at: now) }
        #expect(try await queue.count(states: Set(OutboxState.allCases)) == 0)
        await close()
    }

    @Test("moves follow the same rules, each audited; an impossible move is refused", arguments: Engine.allCases)
    func moves(_ engine: Engine) async throws {
        let (queue, _, close) = try await Self.queue(engine)
        let ids = try await queue.enqueue([Self.change(.readyToShip), Self.change(.shipped)], user: "ana", at: now).map(\.id)
        try await queue.markSending(id: ids[0], at: now)
        #expect(try await queue.entry(id: ids[0])?.started == true)
        try await queue.markSent(id: ids[0], at: now, response: "200 OK", attempts: 1)
        let sent = try #require(try await queue.entry(id: ids[0]))
        #expect(sent.state == .sent && sent.response == "200 OK" && sent.attempts == 1)
        await #expect(throws: OrderStoreError.invalidOutboxTransition(id: ids[0], from: .sent, to: .sending)) {
            try await queue.markSending(id: ids[0], at: now)
        }
        await #expect(throws: OrderStoreError.outboxEntryNotFound(999_999)) { try await queue.markSending(id: 999_999, at: now) }
        try await queue.markSending(id: ids[1], at: now)
        try await queue.markFailed(id: ids[1], at: now, reason: "timed out", attempts: 2)
        #expect(try await queue.entry(id: ids[1])?.lastError == "timed out")
        #expect(try await queue.requeue(ids: ids) == [ids[1]])
        #expect(try await queue.entry(id: ids[1])?.state == .queued)
        try await queue.markRefused(id: ids[1], at: now, reason: "El pedido no existe.", attempts: 1)
        #expect(try await queue.requeue(ids: [ids[1]]).isEmpty)
        let outcomes = try await queue.auditTrail(for: Self.key).map(\.outcome)
        #expect(outcomes.contains("sent") && outcomes.contains("failed: timed out") && outcomes.contains("refused: El pedido no existe."))
        await close()
    }

    @Test("the list's outbox column: each order's newest entry", arguments: Engine.allCases)
    func newestStates(_ engine: Engine) async throws {
        let (queue, store, close) = try await Self.queue(engine)
        try store.upsertOrders([try TeamOrderSyncTests.order("2", status: "pending")])
        let ids = try await queue.enqueue([Self.change(.readyToShip), Self.change(.shipped), Self.change(.readyToShip, order: "2")], user: "ana", at: now).map(\.id)
        try await queue.markSending(id: ids[0], at: now)
        try await queue.markSent(id: ids[0], at: now, response: "200", attempts: 1)
        try await queue.markSending(id: ids[2], at: now)
        let second = OrderKey(idChannel: 4301, idOrder: "2")
        #expect(try await queue.newestStates(for: nil) == [Self.key: .queued, second: .sending])
        #expect(try await queue.newestStates(for: [second]) == [second: .sending])
        await close()
    }

    @Test("the change dialog's warning: these orders' entries not yet sent, whoever queued them", arguments: Engine.allCases)
    func unsentEntries(_ engine: Engine) async throws {
        let (queue, store, close) = try await Self.queue(engine)
        try store.upsertOrders([try TeamOrderSyncTests.order("2", status: "pending"), try TeamOrderSyncTests.order("3", status: "pending")])
        let first = try await queue.enqueue([Self.change(.readyToShip), Self.change(.readyToShip, order: "3")], user: "ana", at: now).map(\.id)
        let second = try await queue.enqueue([Self.change(.shipped), Self.change(.readyToShip, order: "2")], user: "beto", at: now).map(\.id)
        try await queue.markSending(id: first[0], at: now)
        try await queue.markSending(id: second[1], at: now)
        try await queue.markSent(id: second[1], at: now, response: "200", attempts: 1)
        let two = OrderKey(idChannel: 4301, idOrder: "2"), three = OrderKey(idChannel: 4301, idOrder: "3")
        let unsent = try await queue.unsentEntries(for: [Self.key, two])
        #expect(unsent.map(\.id) == [first[0], second[0]])
        #expect(unsent.map(\.user) == ["ana", "beto"] && unsent.map(\.state) == [.sending, .queued])
        #expect(try await queue.unsentEntries(for: [three]).map(\.id) == [first[1]])
        #expect(try await queue.unsentEntries(for: []).isEmpty)
        await close()
    }

    @Test("a claim holds every queued and interrupted entry, oldest first", arguments: Engine.allCases)
    func claimHoldsTheQueue(_ engine: Engine) async throws {
        let (queue, _, close) = try await Self.queue(engine)
        let ids = try await queue.enqueue([Self.change(.readyToShip), Self.change(.shipped, order: "2"), Self.change(.shipped)], user: "ana", at: now).map(\.id)
        try await queue.markSending(id: ids[1], at: now)
        let claim = try #require(await queue.claim(logger: Logger(label: "contract")))
        #expect(claim.entries.map(\.id) == ids)
        await claim.release()
        #expect(await queue.hasOwnEntriesWaiting() == false || engine == .postgres)
        await close()
    }
}
