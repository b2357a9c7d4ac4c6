import Foundation
import GRDB

// Outbound-info records per order, as the server returned them.
extension OrderStore {
    /// Replaces the cached records of one order with what the server just returned.
    public func replaceOutbounds(_ records: [OutboundRecord], for key: OrderKey) throws {
        try writer.write { db in
            try OutboundRows.replace(records, for: key, in: db)
            if notesChangesForTeam { try TeamJournalRows.note(key, in: db) }
        }
        wakeTeamFeed()
    }

    /// Adds or updates one record (after a POST or PUT answered), keeping its place among its
    /// order's records.
    public func upsertOutbound(_ record: OutboundRecord) throws {
        try writer.write { db in
            let seq = try Int.fetchOne(
                db, sql: "SELECT seq FROM outbounds WHERE pk = ?", arguments: [record.orderIntExternalPk])
                ?? ((try Int.fetchOne(
                    db, sql: "SELECT MAX(seq) FROM outbounds WHERE id_channel = ? AND id_order = ?",
                    arguments: [record.idChannel, record.idOrder]) ?? -1) + 1)
            try OutboundRows.upsert(record, seq: seq, in: db)
            if notesChangesForTeam { try TeamJournalRows.note(OrderKey(idChannel: record.idChannel, idOrder: record.idOrder), in: db) }
        }
        wakeTeamFeed()
    }

    /// Newest first (by `created_at`, then by arrival).
    public func outbounds(for key: OrderKey) throws -> [OutboundRecord] {
        try writer.read { db in
            let texts = try String.fetchAll(
                db, sql: "SELECT record_json FROM outbounds WHERE id_channel = ? AND id_order = ? ORDER BY created_at DESC, seq DESC",
                arguments: [key.idChannel, key.idOrder])
            let decoder = JSONDecoderFactory.make()
            return try texts.map { text in
                do {
                    return try decoder.decode(OutboundRecord.self, from: Data(text.utf8))
                } catch {
                    throw OrderStoreError.corruptRow(table: "outbounds", detail: "\(key): \(error)")
                }
            }
        }
    }
}

enum OutboundRows {
    /// One order's records, in the order the server listed them.
    static func replace(_ records: [OutboundRecord], for key: OrderKey, in db: Database) throws {
        try db.execute(sql: "DELETE FROM outbounds WHERE id_channel = ? AND id_order = ?", arguments: [key.idChannel, key.idOrder])
        for (index, record) in records.enumerated() {
            try upsert(record, seq: index, in: db)
        }
    }

    static func upsert(_ record: OutboundRecord, seq: Int, in db: Database) throws {
        let json = String(decoding: try JSONEncoderFactory.make().encode(record), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO outbounds (pk, id_channel, id_order, created_at, updated_at, status, reference, record_json, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (pk) DO UPDATE SET
                    id_channel = excluded.id_channel, id_order = excluded.id_order, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, status = excluded.status, reference = excluded.reference,
                    record_json = excluded.record_json, seq = excluded.seq
                """,
            arguments: [
                record.orderIntExternalPk, record.idChannel, record.idOrder, record.createdAt, record.updatedAt,
                record.status, record.reference, json, seq,
            ])
    }
}
