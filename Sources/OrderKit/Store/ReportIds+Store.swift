import GRDB

extension OrderStore {
    /// Keeps the ids an `only_ids` report returned, replacing any kept for it before.
    public func saveReportIds(_ ids: [String], for idReport: String) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM report_ids WHERE id_report = ?", arguments: [idReport])
            let insert = try db.makeStatement(sql: "INSERT INTO report_ids (id_report, position, id_order) VALUES (?, ?, ?)")
            for (position, id) in ids.enumerated() {
                try insert.execute(arguments: [idReport, position, id])
            }
        }
    }

    /// The ids kept for a report, in the report's order; nil when none were kept.
    public func reportIds(_ idReport: String) throws -> [String]? {
        try writer.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id_order FROM report_ids WHERE id_report = ? ORDER BY position", arguments: [idReport])
            return ids.isEmpty ? nil : ids
        }
    }

    /// The cached orders with this `id_order`, on any channel.
    public func cachedKeys(idOrder: String) throws -> [OrderKey] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id_channel, id_order FROM orders WHERE id_order = ? ORDER BY id_channel", arguments: [idOrder])
                .map { OrderKey(idChannel: $0[0], idOrder: $0[1]) }
        }
    }
}
