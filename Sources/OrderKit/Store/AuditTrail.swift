import Foundation
import GRDB

// Who asked for what, when, and how it ended. Append-only.
extension OrderStore {
    public func appendAudit(_ entry: AuditEntry) throws {
        try writer.write { db in try AuditRows.append(entry, in: db) }
    }

    /// Newest first.
    public func auditTrail(for key: OrderKey) throws -> [AuditEntry] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(AuditRows.columns) FROM audit WHERE id_channel = ? AND id_order = ? ORDER BY at DESC, id DESC",
                arguments: [key.idChannel, key.idOrder]
            ).map(AuditRows.entry(from:))
        }
    }

    /// Newest first.
    public func recentAudit(limit: Int) throws -> [AuditEntry] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(AuditRows.columns) FROM audit ORDER BY at DESC, id DESC LIMIT ?", arguments: [max(0, limit)]
            ).map(AuditRows.entry(from:))
        }
    }
}

enum AuditRows {
    static let columns = "at, user_name, id_channel, id_order, action, outcome"

    static func append(_ entry: AuditEntry, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, user_name, id_channel, id_order, action, outcome) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [entry.at.storeSeconds, entry.user, entry.key?.idChannel, entry.key?.idOrder, entry.action, entry.outcome])
    }

    static func entry(from row: Row) -> AuditEntry {
        let channel: Int? = row[2]
        let order: String? = row[3]
        let key = channel.flatMap { channel in order.map { OrderKey(idChannel: channel, idOrder: $0) } }
        return AuditEntry(at: Date(storeSeconds: row[0]), user: row[1], key: key, action: row[4], outcome: row[5])
    }
}
