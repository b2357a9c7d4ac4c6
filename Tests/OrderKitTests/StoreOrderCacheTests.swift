import Foundation
import GRDB
import Testing
@testable import OrderKit

@Suite struct StoreOrderCacheTests {
    typealias S = StoreTestSupport

    @Test func migrationsOnAFreshFileCreateTheSchemaAndParentDirectories() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.orderCount() == 0)
        let (tables, journal, applied) = try store.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try StoreMigrations.migrator.appliedIdentifiers(db))
        }
        for table in ["audit", "orders", "outbounds", "outbox", "report_runs", "bridge_changes", "report_ids", "team_journal", "team_feed", "list_index_state"] { #expect(tables.contains(table)) }
        #expect(journal == "wal")
        #expect(applied == ["v1-orders", "v1-outbounds", "v1-outbox", "v1-report-runs", "v1-audit", "v2-outbox-checks", "v2-bridge-changes", "v3-report-ids", "v4-webhook-notifications", "v5-team-journal", "v6-orders-contact-lines", "v7-team-feed-origin", "v8-list-index"])
        // Opening again runs no migration twice.
        _ = try OrderStore(path: path)
    }

    @Test func upsertAndLookupKeepTheRawJSON() throws {
        let store = try OrderStore.inMemory()
        let json = S.orderJSON(id: "50032")
        try store.upsertOrders([try S.stored(json)])
        let found = try #require(try store.order(OrderKey(idChannel: 4301, idOrder: "50032")))
        #expect(found.raw == Data(json.utf8))
        #expect(found.order.items?.count == 2)
        #expect(try S.rawObject(found)["vendor_extra"] != nil)
        #expect(try store.order(OrderKey(idChannel: 9999, idOrder: "50032")) == nil)

        // Upsert again with a new status: replaced, not duplicated.
        try store.upsertOrders([try S.stored(S.orderJSON(id: "50032", status: "shipped"))])
        #expect(try store.orderCount() == 1)
        #expect(try store.order(OrderKey(idChannel: 4301, idOrder: "50032"))?.order.status == .shipped)
    }

    @Test func anOrderWithoutRawIsStoredEncoded() throws {
        let store = try OrderStore.inMemory()
        let order = YujuOrder(idChannel: 1, idOrder: "A-1", status: .pending, items: [.init(idItem: "9", sku: "S9", status: .pending)])
        try store.upsertOrders([StoredOrder(order: order, raw: Data())])
        let found = try #require(try store.order(order.id))
        #expect(found.order == order)
        #expect(!found.raw.isEmpty)
    }

    @Test func summariesCarryListColumnsOutboundStatusAndOutboxState() throws {
        let store = try OrderStore.inMemory()
        try store.upsertOrders([
            try S.stored(S.orderJSON(id: "1", carrier: "DHL")),
            try S.stored(S.orderJSON(id: "2", customer: ("José", "Muñoz 🚚"))),
            try S.stored(S.orderJSON(channel: 99, id: "1", items: nil)),
        ])
        let key = OrderKey(idChannel: 4301, idOrder: "1")
        try store.replaceOutbounds([
            S.outbound(pk: "a", order: "1", createdAt: "2024-05-02 10:00:00", status: "received", reference: "R1"),
            S.outbound(pk: "b", order: "1", createdAt: "2024-05-03 10:00:00", status: "packed", reference: "R2"),
        ], for: key)
        let change = StatusChangeRequest(idOrder: "1", idChannel: 4301, status: .shipped, carrier: "DHL")
        let entries = try store.enqueue([.status(change, mirrorToBridge: false)], user: "ana", at: Date())
        try store.markSending(id: entries[0].id, at: Date())

        let all = try store.allSummaries()
        #expect(all.count == 3)
        let first = try #require(all.first { $0.key == key })
        #expect(first.latestOutboundStatus == "packed")
        #expect(first.references == ["R1", "R2"])
        #expect(first.outboxState == .sending)
        #expect(first.carrier == "DHL")
        #expect(first.customer == "Ana Pérez")
        #expect(first.itemCount == 2)
        #expect(first.skus == ["sku1", "sku2"])
        #expect(first.paidAt == "2024-05-02T10:00:00")
        #expect(first.total == 199.9)
        #expect(first.currency == "MXN")
        let second = try #require(all.first { $0.key.idOrder == "2" })
        #expect(second.customer == "José Muñoz 🚚")
        #expect(second.outboxState == nil && second.latestOutboundStatus == nil)
        let basic = try #require(all.first { $0.key.idChannel == 99 })
        #expect(basic.itemCount == 0 && basic.skus.isEmpty)

        let some = try store.summaries(for: [OrderKey(idChannel: 4301, idOrder: "2"), key, OrderKey(idChannel: 1, idOrder: "none")])
        #expect(some.map(\.key.idOrder) == ["2", "1"])
        #expect(some[1] == first)
    }

    @Test func applyStatusChangeToChosenItemsKeepsUnknownFields() throws {
        let store = try OrderStore.inMemory()
        let key = OrderKey(idChannel: 4301, idOrder: "50032")
        try store.upsertOrders([try S.stored(S.orderJSON(id: "50032"))])

        // Only sku1 ships: the order stays ready_to_ship (its least advanced live item).
        try store.applyStatusChange(StatusChangeRequest(idOrder: "50032", idChannel: 4301, status: .shipped, carrier: "DHL", idItems: ["sku1"]))
        var found = try #require(try store.order(key))
        #expect(found.order.items?.map(\.status) == [.shipped, .readyToShip])
        #expect(found.order.status == .readyToShip)
        #expect(found.order.carrier == "DHL")
        var raw = try S.rawObject(found)
        #expect(raw["vendor_extra"] == ["claims": [], "flag": true])
        #expect(raw["carrier"] == "DHL")
        guard case .array(let items)? = raw["items"] else { Issue.record("items missing"); return }
        #expect(items[0]["status"] == "shipped")
        #expect(items[0]["vendor_item_note"] == "keep me")
        #expect(items[1]["status"] == "ready_to_ship")

        // The second item addressed by its id: now every item shipped, so the order is shipped.
        try store.applyStatusChange(StatusChangeRequest(idOrder: "50032", idChannel: 4301, status: .shipped, idItems: ["2"]))
        found = try #require(try store.order(key))
        #expect(found.order.status == .shipped)
        #expect(found.order.carrier == "DHL")
        raw = try S.rawObject(found)
        #expect(raw["status"] == "shipped")
        #expect(try store.allSummaries().first?.status == .shipped)

        // Without id_items every item changes.
        try store.applyStatusChange(StatusChangeRequest(idOrder: "50032", idChannel: 4301, status: .delivered))
        found = try #require(try store.order(key))
        #expect(found.order.status == .delivered)
        #expect(found.order.items?.allSatisfy { $0.status == .delivered } == true)

        // An order that is not cached is left alone.
        try store.applyStatusChange(StatusChangeRequest(idOrder: "nope", idChannel: 4301, status: .shipped))
        #expect(try store.orderCount() == 1)
    }

    @Test func aBasicOrderKeepsTheCachedItems() throws {
        let store = try OrderStore.inMemory()
        let key = OrderKey(idChannel: 4301, idOrder: "7")
        try store.upsertOrders([try S.stored(S.orderJSON(id: "7"))])
        try store.upsertOrders([try S.stored(S.orderJSON(id: "7", status: "shipped", carrier: "Estafeta", items: nil))])
        let found = try #require(try store.order(key))
        #expect(found.order.status == .shipped)
        #expect(found.order.carrier == "Estafeta")
        #expect(found.order.items?.map(\.sku) == ["sku1", "sku2"])
        let raw = try S.rawObject(found)
        guard case .array(let items)? = raw["items"] else { Issue.record("items missing from raw"); return }
        #expect(items[0]["vendor_item_note"] == "keep me")
        let summary = try #require(try store.summaries(for: [key]).first)
        #expect(summary.itemCount == 2 && summary.skus == ["sku1", "sku2"])
    }

    @Test func outboundsReplaceUpsertAndNewestFirst() throws {
        let store = try OrderStore.inMemory()
        let key = OrderKey(idChannel: 4301, idOrder: "1")
        try store.replaceOutbounds([
            S.outbound(pk: "a", order: "1", createdAt: "2024-05-02 10:00:00", status: "one"),
            S.outbound(pk: "b", order: "1", createdAt: "2024-05-03 10:00:00", status: "two"),
            S.outbound(pk: "c", order: "1", createdAt: "2024-05-03 10:00:00", status: "three"),
        ], for: key)
        #expect(try store.outbounds(for: key).map(\.status) == ["three", "two", "one"])

        try store.replaceOutbounds([S.outbound(pk: "z", order: "1", createdAt: "2024-05-01 08:00:00", status: "only")], for: key)
        #expect(try store.outbounds(for: key).map(\.orderIntExternalPk) == ["z"])

        try store.upsertOutbound(S.outbound(pk: "y", order: "1", createdAt: "2024-05-04 08:00:00", status: "new"))
        var updated = S.outbound(pk: "z", order: "1", createdAt: "2024-05-01 08:00:00", status: "edited")
        updated.updatedAt = "2024-05-05 08:00:00"
        try store.upsertOutbound(updated)
        let records = try store.outbounds(for: key)
        #expect(records.map(\.status) == ["new", "edited"])
        #expect(records[1].updatedAt == "2024-05-05 08:00:00")
        #expect(records[1].extra == ["tracking": "ABC"])
        #expect(try store.outbounds(for: OrderKey(idChannel: 1, idOrder: "1")).isEmpty)
    }
}
