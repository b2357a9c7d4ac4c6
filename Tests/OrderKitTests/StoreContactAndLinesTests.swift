import Foundation
import GRDB
import Testing
@testable import OrderKit

/// The list's summaries carry the customer's e-mail and phone (the filter searches them), and
/// count item lines, not units — for new rows and for rows cached before either existed.
@Suite struct StoreContactAndLinesTests {
    typealias S = StoreTestSupport

    /// Two lines, five units, and a phone.
    static func json(id: String, phone: String? = "+52 55 1234 5678") -> String {
        var customer = "\"first_name\":\"Ramón\",\"last_name\":\"Quiñones\",\"email\":\"ramon.q@example.mx\""
        if let phone { customer += ",\"phone\":\"\(phone)\"" }
        return """
            {"id_channel":4301,"id_order":"\(id)","status":"pending","payment_accredited_at":"2024-05-02T10:00:00",
             "customer":{\(customer)},
             "items":[{"id_item":"1","sku":"A","quantity":3},{"id_item":"2","sku":"B","quantity":2}]}
            """
    }

    @Test func summariesCarryContactAndCountLines() throws {
        let store = try OrderStore.inMemory()
        try store.upsertOrders([try S.stored(Self.json(id: "1")), try S.stored(Self.json(id: "2", phone: nil))])
        let all = try store.allSummaries().sorted { $0.key < $1.key }
        #expect(all.map(\.email) == ["ramon.q@example.mx", "ramon.q@example.mx"])
        #expect(all.map(\.phone) == ["+52 55 1234 5678", ""])
        #expect(all.map(\.itemCount) == [2, 2], "lines, not the 5 units")
        #expect(try store.summaries(for: [OrderKey(idChannel: 4301, idOrder: "1")]) == [all[0]])
        // Built from the order itself (the live path) it says the same.
        let order = try #require(try store.order(OrderKey(idChannel: 4301, idOrder: "1"))).order
        let live = OrderSummary(order: order)
        #expect(live.email == all[0].email && live.phone == all[0].phone && live.itemCount == 2)
    }

    /// A cache written before the columns existed: the migration fills them from the raw JSON.
    @Test func migrationFillsContactAndLinesFromTheCachedJSON() throws {
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue, upTo: "v4-webhook-notifications")
        try queue.write { db in
            let rows: [(String, String, Int)] = [
                ("1", Self.json(id: "1"), 5),
                ("2", #"{"id_channel":4301,"id_order":"2","status":"pending","customer":null}"#, 0),
                ("3", #"{"id_channel":4301,"id_order":"3","status":"pending","customer":{"email":7},"items":"odd"}"#, 1),
                ("4", "not json", 4),
            ]
            for (id, raw, units) in rows {
                try db.execute(sql: """
                    INSERT INTO orders (id_channel, id_order, status, customer, item_count, skus, raw, updated_at)
                    VALUES (4301, ?, 'pending', 'x', ?, '', ?, 0)
                    """, arguments: [id, units, raw])
            }
        }
        try StoreMigrations.migrator.migrate(queue)
        let migrated = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id_order, email, phone, item_count FROM orders ORDER BY id_order")
                .map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as Int)" }
        }
        #expect(migrated == [
            "1 ramon.q@example.mx +52 55 1234 5678 2",
            "2   0",
            "3 7  0",
            "4   4",
        ])
    }
}
