import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// Two members of one team, each with a local cache of its own, on a real PostgreSQL: what one
/// writes reaches the other through the team's order feed.
@Suite("Team order feed", .serialized)
struct TeamOrderSyncTests {
    let logger = Logger(label: "team-order-test")

    static func order(_ id: String, status: String = "pending", channel: Int = 4301, customer: String = "Ana") throws -> StoredOrder {
        let json = """
            {"id_channel":\(channel),"id_order":"\(id)","status":"\(status)","currency":"MXN","total":10.5,
             "payment_accredited_at":"2026-11-01T10:00:00","customer":{"first_name":"\(customer)","last_name":"Pérez"},
             "vendor_extra":{"kept":true},
             "items":[{"id_item":"1","sku":"sku-\(id)","quantity":1,"price":10.5,"status":"\(status)"}]}
            """
        return try StoredOrder(raw: Data(json.utf8))
    }

    struct Member {
        let store: OrderStore
        let database: TeamDatabase
        let sync: TeamOrderSync
    }

    func member(_ url: TeamDatabaseURL, name: String, store: OrderStore? = nil) async throws -> Member {
        let store = try store ?? OrderStore.inMemory()
        store.startNotingChangesForTeam()
        let database = try await TeamDatabase.connect(url, logger: logger)
        return Member(store: store, database: database, sync: try TeamOrderSync(store: store, database: database, operatorName: name, logger: logger))
    }

    @Test("orders one member writes reach another's cache, JSON intact, and are not echoed back")
    func ordersReachAnotherMember() async throws {
        let url = try await TeamTestDatabase.fresh()
        let a = try await member(url, name: "ana"), b = try await member(url, name: "beto")
        try a.store.upsertOrders([try Self.order("100"), try Self.order("101", status: "shipped")])
        #expect(try await a.sync.catchUp().isEmpty)
        #expect(try a.store.unpublishedTeamChanges() == 0)

        let absorbed = try await b.sync.catchUp()
        #expect(Set(absorbed) == [OrderKey(idChannel: 4301, idOrder: "100"), OrderKey(idChannel: 4301, idOrder: "101")])
        let copy = try #require(try b.store.order(OrderKey(idChannel: 4301, idOrder: "101")))
        #expect(copy.order.status == .shipped)
        #expect(String(decoding: copy.raw, as: UTF8.self).contains("\"vendor_extra\""))
        // Absorbed orders are not noted to be published again.
        #expect(try b.store.unpublishedTeamChanges() == 0)
        // Nothing new: a second catch-up brings nothing.
        #expect(try await b.sync.catchUp().isEmpty)
        await a.database.close(); await b.database.close()
    }

    @Test("the newest write wins, and a local change not yet published is never overwritten by an older one")
    func localPendingChangeWins() async throws {
        let url = try await TeamTestDatabase.fresh()
        let a = try await member(url, name: "ana"), b = try await member(url, name: "beto")
        try a.store.upsertOrders([try Self.order("200")])
        try await a.sync.catchUp()
        try await b.sync.catchUp()
        // Both change the order; A publishes first, B has not published yet.
        try a.store.upsertOrders([try Self.order("200", status: "ready_to_ship")])
        try await a.sync.publishPending()
        try b.store.upsertOrders([try Self.order("200", status: "shipped")])
        // B publishes before reading, so its newer write is what the team keeps.
        try await b.sync.catchUp()
        #expect(try b.store.order(OrderKey(idChannel: 4301, idOrder: "200"))?.order.status == .shipped)
        try await a.sync.catchUp()
        #expect(try a.store.order(OrderKey(idChannel: 4301, idOrder: "200"))?.order.status == .shipped)
        await a.database.close(); await b.database.close()
    }

    @Test("an order written just before a crash is published at the next start")
    func journalSurvivesACrash() async throws {
        let url = try await TeamTestDatabase.fresh()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("team-journal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        do {
            let store = try OrderStore(path: path)
            store.startNotingChangesForTeam()
            try store.upsertOrders([try Self.order("300")])
            // The process dies here: nothing published.
        }
        let reopened = try await member(url, name: "ana", store: try OrderStore(path: path))
        #expect(try reopened.store.unpublishedTeamChanges() == 1)
        let b = try await member(url, name: "beto")
        #expect(try await b.sync.catchUp().isEmpty)
        try await reopened.sync.catchUp()
        #expect(try await b.sync.catchUp() == [OrderKey(idChannel: 4301, idOrder: "300")])
        await reopened.database.close(); await b.database.close()
    }

    @Test("a new process on the same cache does not take back what this cache published")
    func ownPublicationsAreNotReabsorbedAfterARestart() async throws {
        let url = try await TeamTestDatabase.fresh()
        let store = try OrderStore.inMemory()
        let first = try await member(url, name: "ana", store: store)
        // Written just before quitting: `stop` publishes it and reads nothing back.
        try store.upsertOrders([try Self.order("500"), try Self.order("501")])
        await first.sync.stop()
        #expect(try store.unpublishedTeamChanges() == 0)
        await first.database.close()
        // The next start: a new process, the same cache. A colleague writes meanwhile.
        let b = try await member(url, name: "beto")
        try b.store.upsertOrders([try Self.order("502")])
        try await b.sync.catchUp()
        let again = try await member(url, name: "ana", store: store)
        #expect(try await again.sync.catchUp() == [OrderKey(idChannel: 4301, idOrder: "502")])
        await again.database.close(); await b.database.close()
    }

    @Test("a report imported by one member is in the other's cache after one catch-up")
    func importedReportReachesTheTeam() async throws {
        let url = try await TeamTestDatabase.fresh()
        let a = try await member(url, name: "ana"), b = try await member(url, name: "beto")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("team-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 2_500   // more than one batch of the feed
        let file = directory.appendingPathComponent("report.json")
        let orders = try (0..<count).map { try Self.order("R\($0)") }
        try Data(("[" + orders.map { String(decoding: $0.raw, as: UTF8.self) }.joined(separator: ",") + "]").utf8).write(to: file)
        _ = try a.store.importReportFile(at: file, progress: nil)
        try await a.sync.catchUp()
        #expect(try await b.sync.catchUp().count == count)
        #expect(try b.store.orderCount() == count)
        await a.database.close(); await b.database.close()
    }

    @Test("live: a member's write is in a running colleague's cache within a second, announced as arrived")
    func liveArrival() async throws {
        let url = try await TeamTestDatabase.fresh()
        let a = try await member(url, name: "ana"), b = try await member(url, name: "beto")
        await a.sync.run()
        await b.sync.run()
        let arrivals = b.sync.arrivals.subscribe()
        try await Task.sleep(for: .milliseconds(300))   // both listening
        let started = ContinuousClock.now
        try a.store.upsertOrders([try Self.order("400", status: "shipped")])
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            b.sync.arrivals.finish()   // a feed that never delivers fails the test instead of hanging it
        }
        defer { watchdog.cancel() }
        var seen: [OrderKey] = []
        for await keys in arrivals {
            seen += keys
            if seen.contains(OrderKey(idChannel: 4301, idOrder: "400")) { break }
        }
        let elapsed = ContinuousClock.now - started
        #expect(seen.contains(OrderKey(idChannel: 4301, idOrder: "400")))
        #expect(elapsed < .seconds(1), "arrived after \(elapsed)")
        #expect(try b.store.order(OrderKey(idChannel: 4301, idOrder: "400"))?.order.status == .shipped)
        await a.sync.stop(); await b.sync.stop()
        await a.database.close(); await b.database.close()
    }

    static func outbound(_ pk: String, order: String, createdAt: String, status: String) -> OutboundRecord {
        OutboundRecord(
            orderIntExternalPk: pk, createdAt: createdAt, updatedAt: createdAt, idChannel: 4301, idOrder: order, idShop: nil,
            moduleName: "wms", extra: ["tracking_url": .string("https://t.example/\(pk)")], reference: "G-\(pk)", message: "guía \(status)",
            status: status, type: "order", actions: [])
    }

    @Test("outbound history is shared: what one member fetched or sent is in a colleague's cache, and a member without it erases nothing")
    func outboundHistoryTravelsWithItsOrder() async throws {
        let url = try await TeamTestDatabase.fresh()
        let a = try await member(url, name: "ana"), b = try await member(url, name: "beto"), c = try await member(url, name: "caro")
        let key = OrderKey(idChannel: 4301, idOrder: "500")
        try a.store.upsertOrders([try Self.order("500")])
        try await a.sync.catchUp()
        try await b.sync.catchUp()
        #expect(try b.store.outbounds(for: key).isEmpty)

        // Ana fetched the history (GET /orders/outbounds), then sent a record (POST answered).
        let fetched = [Self.outbound("p1", order: "500", createdAt: "2026-11-20T10:00:00", status: "ok"),
                       Self.outbound("p2", order: "500", createdAt: "2026-11-21T10:00:00", status: "in_transit")]
        try a.store.replaceOutbounds(fetched, for: key)
        try a.store.upsertOutbound(Self.outbound("p3", order: "500", createdAt: "2026-11-22T10:00:00", status: "delivered"))
        #expect(try a.store.unpublishedTeamChanges() == 1)
        try await a.sync.catchUp()
        #expect(try await b.sync.catchUp() == [key])
        #expect(try b.store.outbounds(for: key) == a.store.outbounds(for: key))
        #expect(try b.store.outbounds(for: key).map(\.orderIntExternalPk) == ["p3", "p2", "p1"])

        // Caro changes the order before her first catch-up, with no history of it...
        try c.store.upsertOrders([try Self.order("500", status: "shipped")])
        try await c.sync.catchUp()
        // ...the order moves on, the history the team has stays, and caro gets it too.
        #expect(try c.store.outbounds(for: key).count == 3)
        #expect(try await b.sync.catchUp() == [key])
        #expect(try b.store.order(key)?.order.status == .shipped)
        #expect(try b.store.outbounds(for: key).count == 3)
        let d = try await member(url, name: "dani")
        try await d.sync.catchUp()
        #expect(try d.store.outbounds(for: key).count == 3)
        for member in [a, b, c, d] { await member.database.close() }
    }
}
