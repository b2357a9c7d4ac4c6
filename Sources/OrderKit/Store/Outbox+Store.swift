import Foundation
import GRDB

// The durable outbox. A change is committed here, with its audit row, before the caller sends
// anything: a process killed at any point loses nothing it was told was queued.
//
// States: queued → sending → sent | failed; `requeue` puts failed (or interrupted sending)
// entries back to queued. Sent is final.
extension OrderStore {
    /// Writes every request and its audit row in ONE transaction: all of them or none (an
    /// invalid request refuses the whole batch with the vendor's text).
    public func enqueue(_ requests: [OutboxRequest], user: String, at: Date) throws -> [OutboxEntry] {
        for request in requests { try request.validate() }
        let encoder = JSONEncoderFactory.make()
        let payloads = try requests.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return try writer.write { db in
            var entries: [OutboxEntry] = []
            entries.reserveCapacity(requests.count)
            for (request, payload) in zip(requests, payloads) {
                let key = request.key
                var currentStatus: OrderStatus?
                if case .status(let change, _) = request {
                    currentStatus = try String.fetchOne(
                        db.cachedStatement(sql: "SELECT status FROM orders WHERE id_channel = ? AND id_order = ?"),
                        arguments: [change.idChannel, change.idOrder]).map(OrderStatus.init(rawValue:))
                }
                let action = request.auditAction(currentStatus: currentStatus)
                try db.execute(
                    sql: """
                        INSERT INTO outbox (kind, id_channel, id_order, payload, summary, action, state, attempts,
                                            created_at, updated_at, user_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                        """,
                    arguments: [
                        request.kind, key?.idChannel, key?.idOrder, payload, request.summary, action,
                        OutboxState.queued.rawValue, at.storeSeconds, at.storeSeconds, user,
                    ])
                let id = db.lastInsertedRowID
                try AuditRows.append(AuditEntry(at: at, user: user, key: key, action: action, outcome: "queued"), in: db)
                entries.append(OutboxEntry(id: id, request: request, state: .queued, attempts: 0, createdAt: at, updatedAt: at, user: user))
            }
            return entries
        }
    }

    /// Oldest first.
    public func outboxEntries(states: Set<OutboxState>? = nil, limit: Int? = nil) throws -> [OutboxEntry] {
        try writer.read { db in
            var sql = "SELECT \(OutboxRows.columns) FROM outbox"
            var arguments = StatementArguments()
            if let states {
                guard !states.isEmpty else { return [] }
                sql += " WHERE state IN (\(Array(repeating: "?", count: states.count).joined(separator: ", ")))"
                arguments += StatementArguments(states.map(\.rawValue).sorted())
            }
            sql += " ORDER BY id"
            if let limit {
                sql += " LIMIT ?"
                arguments += [max(0, limit)]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(OutboxRows.entry(from:))
        }
    }

    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(OutboxRows.columns) FROM outbox WHERE id = ?", arguments: [id])
                .map(OutboxRows.entry(from:))
        }
    }

    /// An attempt starts (attempts += 1). Allowed from queued, and from sending when an attempt
    /// interrupted by a crash is resumed.
    public func markSending(id: Int64, at: Date) throws {
        try writer.write { db in
            _ = try OutboxRows.transition(id: id, to: .sending, allowedFrom: [.queued, .sending], in: db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
                arguments: [OutboxState.sending.rawValue, at.storeSeconds, id])
        }
    }

    /// The server confirmed. Also allowed from failed: a later check may find that a change
    /// given up on had landed after all.
    public func markSent(id: Int64, at: Date, response: String) throws {
        try writer.write { db in
            let row = try OutboxRows.transition(id: id, to: .sent, allowedFrom: [.queued, .sending, .failed], in: db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, response = ?, updated_at = ? WHERE id = ?",
                arguments: [OutboxState.sent.rawValue, response, at.storeSeconds, id])
            try AuditRows.append(AuditEntry(at: at, user: row.user, key: row.key, action: row.action, outcome: "sent"), in: db)
        }
    }

    /// Refused by the server or out of retries; `reason` is kept and shown (the vendor's text).
    public func markFailed(id: Int64, at: Date, reason: String) throws {
        try writer.write { db in
            let row = try OutboxRows.transition(id: id, to: .failed, allowedFrom: [.queued, .sending], in: db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?",
                arguments: [OutboxState.failed.rawValue, reason, at.storeSeconds, id])
            try AuditRows.append(
                AuditEntry(at: at, user: row.user, key: row.key, action: row.action, outcome: "failed: \(reason)"), in: db)
        }
    }

    /// Failed and interrupted entries go back to queued; sent and queued ones are left as they are.
    public func requeue(ids: [Int64]) throws {
        let now = Date().storeSeconds
        try writer.write { db in
            for id in ids {
                try db.execute(
                    sql: "UPDATE outbox SET state = ?, updated_at = ? WHERE id = ? AND state IN (?, ?)",
                    arguments: [OutboxState.queued.rawValue, now, id, OutboxState.failed.rawValue, OutboxState.sending.rawValue])
            }
        }
    }
}

enum OutboxRows {
    static let columns = "id, payload, state, attempts, created_at, updated_at, last_error, response, user_name"

    static func entry(from row: Row) throws -> OutboxEntry {
        let id: Int64 = row[0]
        let payload: String = row[1]
        let stateText: String = row[2]
        guard let state = OutboxState(rawValue: stateText) else {
            throw OrderStoreError.corruptRow(table: "outbox", detail: "entry \(id): unknown state \(stateText)")
        }
        let request: OutboxRequest
        do {
            request = try JSONDecoderFactory.make().decode(OutboxRequest.self, from: Data(payload.utf8))
        } catch {
            throw OrderStoreError.corruptRow(table: "outbox", detail: "entry \(id): \(error)")
        }
        return OutboxEntry(
            id: id, request: request, state: state, attempts: row[3], createdAt: Date(storeSeconds: row[4]),
            updatedAt: Date(storeSeconds: row[5]), lastError: row[6], response: row[7], user: row[8])
    }

    struct Current {
        var state: OutboxState
        var user: String
        var key: OrderKey?
        var action: String
    }

    /// Checks the move is allowed and returns what the audit row needs.
    static func transition(id: Int64, to target: OutboxState, allowedFrom: Set<OutboxState>, in db: Database) throws -> Current {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT state, user_name, id_channel, id_order, action FROM outbox WHERE id = ?", arguments: [id])
        else { throw OrderStoreError.outboxEntryNotFound(id) }
        let stateText: String = row[0]
        guard let state = OutboxState(rawValue: stateText) else {
            throw OrderStoreError.corruptRow(table: "outbox", detail: "entry \(id): unknown state \(stateText)")
        }
        guard allowedFrom.contains(state) else {
            throw OrderStoreError.invalidOutboxTransition(id: id, from: state, to: target)
        }
        let channel: Int? = row[2]
        let order: String? = row[3]
        let key = channel.flatMap { channel in order.map { OrderKey(idChannel: channel, idOrder: $0) } }
        return Current(state: state, user: row[1], key: key, action: row[4])
    }
}
