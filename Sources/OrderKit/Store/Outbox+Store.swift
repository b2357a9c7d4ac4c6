import Foundation
import GRDB

// The durable outbox. A change is committed here, with its audit row, before the caller sends
// anything: a process killed at any point loses nothing it was told was queued.
//
// States: queued → sending → sent | failed | refused; `requeue` puts failed (or interrupted
// sending) entries back to queued. Sent and refused are final.
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
            for (index, (request, payload)) in zip(requests, payloads).enumerated() {
                let key = request.key
                var currentStatus: OrderStatus?
                var startsFrom: OrderStatus?
                if case .status(let change, _) = request {
                    currentStatus = try String.fetchOne(
                        db.cachedStatement(sql: "SELECT status FROM orders WHERE id_channel = ? AND id_order = ?"),
                        arguments: [change.idChannel, change.idOrder]).map(OrderStatus.init(rawValue:))
                    startsFrom = try OutboxRows.startingStatus(of: change, after: requests[..<index], in: db)
                }
                let action = request.auditAction(currentStatus: currentStatus)
                try db.execute(
                    sql: """
                        INSERT INTO outbox (kind, id_channel, id_order, payload, summary, action, state, attempts,
                                            created_at, updated_at, user_name, starts_from)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                        """,
                    arguments: [
                        request.kind, key?.idChannel, key?.idOrder, payload, request.summary, action,
                        OutboxState.queued.rawValue, at.storeSeconds, at.storeSeconds, user, startsFrom?.rawValue,
                    ])
                let id = db.lastInsertedRowID
                try OutboxRows.audit(request.auditKeys, orNone: key == nil, at: at, user: user, action: action, outcome: "queued", in: db)
                entries.append(OutboxEntry(
                    id: id, request: request, state: .queued, attempts: 0, createdAt: at, updatedAt: at, user: user, startsFrom: startsFrom))
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

    /// These orders' entries in these states, oldest first.
    public func outboxEntries(for keys: [OrderKey], states: Set<OutboxState>) throws -> [OutboxEntry] {
        guard !keys.isEmpty, !states.isEmpty else { return [] }
        let names = states.map(\.rawValue).sorted()
        let sql = """
            SELECT \(OutboxRows.columns) FROM outbox WHERE id_channel = ? AND id_order = ?
            AND state IN (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))
            """
        return try writer.read { db in
            var entries: [OutboxEntry] = []
            for key in Set(keys) {
                var arguments: StatementArguments = [key.idChannel, key.idOrder]
                arguments += StatementArguments(names)
                entries += try Row.fetchAll(db, sql: sql, arguments: arguments).map(OutboxRows.entry(from:))
            }
            return entries.sorted { $0.id < $1.id }
        }
    }

    /// How many entries are in these states, without reading them.
    public func outboxCount(states: Set<OutboxState>) throws -> Int {
        guard !states.isEmpty else { return 0 }
        return try writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN (\(Array(repeating: "?", count: states.count).joined(separator: ", ")))",
                arguments: StatementArguments(states.map(\.rawValue).sorted())) ?? 0
        }
    }

    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(OutboxRows.columns) FROM outbox WHERE id = ?", arguments: [id])
                .map(OutboxRows.entry(from:))
        }
    }

    /// An attempt starts. Allowed from queued, and from sending when an attempt interrupted by
    /// a crash is resumed. `attempts` counts requests actually sent, so it is added at the end.
    public func markSending(id: Int64, at: Date) throws {
        try writer.write { db in
            _ = try OutboxRows.transition(id: id, to: .sending, in: db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, started = 1, updated_at = ? WHERE id = ?",
                arguments: [OutboxState.sending.rawValue, at.storeSeconds, id])
        }
    }

    /// The server confirmed. Also allowed from failed: a later check may find that a change
    /// given up on had landed after all. `attempts`: the requests this attempt sent.
    public func markSent(id: Int64, at: Date, response: String, attempts: Int = 1) throws {
        try writer.write { db in
            let row = try OutboxRows.transition(id: id, to: .sent, in: db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, response = ?, updated_at = ?, attempts = attempts + ? WHERE id = ?",
                arguments: [OutboxState.sent.rawValue, response, at.storeSeconds, attempts, id])
            try OutboxRows.audit(row, at: at, outcome: "sent", in: db)
        }
    }

    /// Out of retries with the outcome unknown or the failure transient; `reason` is kept and
    /// shown. `queue retry` may send it again.
    public func markFailed(id: Int64, at: Date, reason: String, attempts: Int = 1) throws {
        try finish(id: id, as: .failed, at: at, reason: reason, attempts: attempts, outcome: "failed: \(reason)")
    }

    /// Refused by the server (its text in `reason`), or held because it no longer applied:
    /// final, never sent again.
    public func markRefused(id: Int64, at: Date, reason: String, attempts: Int = 1) throws {
        try finish(id: id, as: .refused, at: at, reason: reason, attempts: attempts, outcome: "refused: \(reason)")
    }

    private func finish(id: Int64, as state: OutboxState, at: Date, reason: String, attempts: Int, outcome: String) throws {
        try writer.write { db in
            let row = try OutboxRows.transition(id: id, to: state, in: db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, last_error = ?, updated_at = ?, attempts = attempts + ? WHERE id = ?",
                arguments: [state.rawValue, reason, at.storeSeconds, attempts, id])
            try OutboxRows.audit(row, at: at, outcome: outcome, in: db)
        }
    }

    /// Failed and interrupted entries go back to queued; sent, refused and queued ones are left
    /// as they are. Returns the ids that were requeued.
    @discardableResult
    public func requeue(ids: [Int64]) throws -> [Int64] {
        let now = Date().storeSeconds
        return try writer.write { db in
            var requeued: [Int64] = []
            for id in ids {
                try db.execute(
                    sql: "UPDATE outbox SET state = ?, updated_at = ? WHERE id = ? AND state IN (?, ?)",
                    arguments: [OutboxState.queued.rawValue, now, id, OutboxState.failed.rawValue, OutboxState.sending.rawValue])
                if db.changesCount > 0 { requeued.append(id) }
            }
            return requeued
        }
    }
}

enum OutboxRows {
    static let columns = "id, payload, state, attempts, created_at, updated_at, last_error, response, user_name, starts_from, started"

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
            updatedAt: Date(storeSeconds: row[5]), lastError: row[6], response: row[7], user: row[8],
            startsFrom: (row[9] as String?).map(OrderStatus.init(rawValue:)), started: row[10])
    }

    /// Where a status change will start: the cached items' status, moved on by the changes of
    /// the same order queued before it (in this batch or still unsent), so the second step of
    /// `pending → ready_to_ship → shipped` expects `ready_to_ship`.
    static func startingStatus(of change: StatusChangeRequest, after earlierInBatch: ArraySlice<OutboxRequest>, in db: Database) throws -> OrderStatus? {
        guard let stored = try OrderRows.fetch(change.key, in: db) else { return nil }
        let unsent = try String.fetchAll(
            db, sql: "SELECT payload FROM outbox WHERE id_channel = ? AND id_order = ? AND kind = 'status' AND state IN (?, ?) ORDER BY id",
            arguments: [change.idChannel, change.idOrder, OutboxState.queued.rawValue, OutboxState.sending.rawValue])
        return change.startingStatus(from: stored.order, afterUnsentPayloads: unsent, andEarlierInBatch: earlierInBatch)
    }

    struct Current {
        var state: OutboxState
        var user: String
        var key: OrderKey?
        var action: String
        /// The orders whose audit trails record it (every order of a Datacrush push).
        var auditKeys: [OrderKey]
    }

    /// One audit row per order the change is about; one without an order when it names none.
    static func audit(_ keys: [OrderKey], orNone: Bool, at: Date, user: String, action: String, outcome: String, in db: Database) throws {
        if keys.isEmpty, orNone { try AuditRows.append(AuditEntry(at: at, user: user, key: nil, action: action, outcome: outcome), in: db) }
        for key in keys { try AuditRows.append(AuditEntry(at: at, user: user, key: key, action: action, outcome: outcome), in: db) }
    }

    static func audit(_ row: Current, at: Date, outcome: String, in db: Database) throws {
        try audit(row.auditKeys, orNone: row.key == nil, at: at, user: row.user, action: row.action, outcome: outcome, in: db)
    }

    /// Checks the move is allowed and returns what the audit row needs.
    static func transition(id: Int64, to target: OutboxState, in db: Database) throws -> Current {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT state, user_name, id_channel, id_order, action, kind, payload FROM outbox WHERE id = ?", arguments: [id])
        else { throw OrderStoreError.outboxEntryNotFound(id) }
        let stateText: String = row[0]
        guard let state = OutboxState(rawValue: stateText) else {
            throw OrderStoreError.corruptRow(table: "outbox", detail: "entry \(id): unknown state \(stateText)")
        }
        guard target.allowedSources.contains(state) else {
            throw OrderStoreError.invalidOutboxTransition(id: id, from: state, to: target)
        }
        let channel: Int? = row[2]
        let order: String? = row[3]
        let key = channel.flatMap { channel in order.map { OrderKey(idChannel: channel, idOrder: $0) } }
        var auditKeys = key.map { [$0] } ?? []
        if (row[5] as String) == "datacrush", let request = try? JSONDecoderFactory.make().decode(OutboxRequest.self, from: Data((row[6] as String).utf8)) {
            auditKeys = request.auditKeys
        }
        return Current(state: state, user: row[1], key: key, action: row[4], auditKeys: auditKeys)
    }
}
