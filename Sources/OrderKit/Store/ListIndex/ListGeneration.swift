import Foundation
import GRDB

/// The store's list generation: raised by every transaction that changes a list row, which
/// stamps the rows it changed with the new value (`orders.list_gen`). A list index written at
/// generation G is current for every row stamped at or below G.
enum ListGeneration {
    /// Raises the generation in the caller's transaction and returns the new value.
    static func advance(in db: Database) throws -> Int64 {
        try db.execute(sql: "UPDATE list_index_state SET generation = generation + 1 WHERE id = 1")
        return try Int64.fetchOne(db, sql: "SELECT generation FROM list_index_state WHERE id = 1") ?? 0
    }

    struct State {
        var storeId: UUID
        var generation: Int64
    }

    static func state(in db: Database) throws -> State {
        guard let row = try Row.fetchOne(db, sql: "SELECT store_id, generation FROM list_index_state WHERE id = 1"),
              let storeId = UUID(uuidString: row[0])
        else { throw OrderStoreError.corruptRow(table: "list_index_state", detail: "missing or unreadable") }
        return State(storeId: storeId, generation: row[1])
    }

    /// The outbox's newest state and the outbound records show in the list too: a change to
    /// either stamps its order, whichever code path wrote it.
    static func createTriggers(in db: Database) throws {
        let stamp = { (row: String) in
            """
            UPDATE list_index_state SET generation = generation + 1 WHERE id = 1;
            UPDATE orders SET list_gen = (SELECT generation FROM list_index_state WHERE id = 1)
             WHERE id_channel = \(row).id_channel AND id_order = \(row).id_order;
            """
        }
        for (table, event, row) in [
            ("outbox", "INSERT", "NEW"), ("outbox", "UPDATE OF state", "NEW"), ("outbox", "DELETE", "OLD"),
            ("outbounds", "INSERT", "NEW"), ("outbounds", "UPDATE", "NEW"), ("outbounds", "DELETE", "OLD"),
        ] {
            let name = "list_\(table)_\(event.split(separator: " ")[0].lowercased())"
            try db.execute(sql: """
                CREATE TRIGGER \(name) AFTER \(event) ON \(table) WHEN \(row).id_order IS NOT NULL BEGIN
                \(stamp(row))
                END
                """)
        }
    }
}
