import Foundation
import GRDB

// The mirrors to BRIDGE and how each ended. Every move also goes to the order's audit trail
// (the BRIDGE outbox entry itself is addressed by BRIDGE numbers, not by the Yuju order, so its
// own audit rows carry no order).
extension OrderStore {
    /// Records the mirror of the Yuju change `statusEntryId`, or returns the one already recorded
    /// (the change confirmed again after a crash).
    @discardableResult
    public func recordBridgeMirror(
        _ key: OrderKey, statusEntryId: Int64?, channel: String, target: BridgeState, state: BridgeChangeRecord.State,
        detail: String? = nil, user: String, at: Date
    ) throws -> (record: BridgeChangeRecord, isNew: Bool) {
        try writer.write { db in
            if let statusEntryId, let existing = try BridgeChangeRows.fetchOne(db, "status_entry_id = ?", [statusEntryId]) {
                return (existing, false)
            }
            try db.execute(
                sql: """
                    INSERT INTO bridge_changes (id_channel, id_order, status_entry_id, bridge_channel, external_number,
                                                target_state, requested_at, state, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [key.idChannel, key.idOrder, statusEntryId, channel, key.idOrder, target.rawValue, at.storeSeconds, state.rawValue, detail])
            let record = BridgeChangeRecord(
                id: db.lastInsertedRowID, key: key, statusEntryId: statusEntryId, bridgeEntryId: nil, bridgeChannel: channel,
                externalNumber: key.idOrder, internalNumber: nil, targetState: target, requestedAt: at, state: state, lastChecked: nil, detail: detail)
            try AuditRows.append(AuditEntry(at: at, user: user, key: key, action: BridgeChangeRows.action(record), outcome: BridgeChangeRows.outcome(record)), in: db)
            return (record, true)
        }
    }

    /// Links a record to the outbox entry that sends it.
    public func attachBridgeEntry(recordId: Int64, entryId: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE bridge_changes SET bridge_entry_id = ? WHERE id = ?", arguments: [entryId, recordId])
        }
    }

    /// Moves a record on; a new state is also written to the audit trail.
    public func updateBridgeRecord(
        id: Int64, state: BridgeChangeRecord.State, internalNumber: String? = nil, detail: String?, checkedAt: Date?, user: String, at: Date
    ) throws {
        try writer.write { db in
            guard var record = try BridgeChangeRows.fetchOne(db, "id = ?", [id]) else { return }
            let moved = record.state != state
            record.state = state
            if let internalNumber { record.internalNumber = internalNumber }
            record.detail = detail
            if let checkedAt { record.lastChecked = checkedAt }
            try db.execute(
                sql: "UPDATE bridge_changes SET state = ?, internal_number = ?, detail = ?, last_checked = ? WHERE id = ?",
                arguments: [state.rawValue, record.internalNumber, detail, record.lastChecked?.storeSeconds, id])
            if moved {
                try AuditRows.append(AuditEntry(at: at, user: user, key: record.key, action: BridgeChangeRows.action(record), outcome: BridgeChangeRows.outcome(record)), in: db)
            }
        }
    }

    public func bridgeRecord(id: Int64) throws -> BridgeChangeRecord? {
        try writer.read { db in try BridgeChangeRows.fetchOne(db, "id = ?", [id]) }
    }

    public func bridgeRecord(statusEntryId: Int64) throws -> BridgeChangeRecord? {
        try writer.read { db in try BridgeChangeRows.fetchOne(db, "status_entry_id = ?", [statusEntryId]) }
    }

    public func bridgeRecord(bridgeEntryId: Int64) throws -> BridgeChangeRecord? {
        try writer.read { db in try BridgeChangeRows.fetchOne(db, "bridge_entry_id = ?", [bridgeEntryId]) }
    }

    /// Newest first.
    public func bridgeRecords(for key: OrderKey) throws -> [BridgeChangeRecord] {
        try writer.read { db in
            try BridgeChangeRows.fetchAll(db, "id_channel = ? AND id_order = ? ORDER BY id DESC", [key.idChannel, key.idOrder])
        }
    }

    /// Oldest first.
    public func bridgeRecords(state: BridgeChangeRecord.State) throws -> [BridgeChangeRecord] {
        try writer.read { db in try BridgeChangeRows.fetchAll(db, "state = ? ORDER BY id", [state.rawValue]) }
    }
}

enum BridgeChangeRows {
    static let columns = """
        id, id_channel, id_order, status_entry_id, bridge_entry_id, bridge_channel, external_number, internal_number,
        target_state, requested_at, state, last_checked, detail
        """

    static func fetchOne(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> BridgeChangeRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM bridge_changes WHERE \(condition)", arguments: arguments).map(record(from:))
    }

    static func fetchAll(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [BridgeChangeRecord] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM bridge_changes WHERE \(condition)", arguments: arguments).map(record(from:))
    }

    static func record(from row: Row) throws -> BridgeChangeRecord {
        let id: Int64 = row[0]
        let targetText: String = row[8], stateText: String = row[10]
        guard let target = BridgeState(rawValue: targetText), let state = BridgeChangeRecord.State(rawValue: stateText) else {
            throw OrderStoreError.corruptRow(table: "bridge_changes", detail: "row \(id): state \(targetText)/\(stateText)")
        }
        let checked: Double? = row[11]
        return BridgeChangeRecord(
            id: id, key: OrderKey(idChannel: row[1], idOrder: row[2]), statusEntryId: row[3], bridgeEntryId: row[4],
            bridgeChannel: row[5], externalNumber: row[6], internalNumber: row[7], targetState: target,
            requestedAt: Date(storeSeconds: row[9]), state: state, lastChecked: checked.map(Date.init(storeSeconds:)), detail: row[12])
    }

    /// e.g. `BRIDGE YJ4301/50032 → cancelled`.
    static func action(_ record: BridgeChangeRecord) -> String {
        "BRIDGE \(record.bridgeChannel)/\(record.externalNumber) → \(record.targetState.rawValue)"
    }

    /// e.g. `applied (bridge0000000012)`, `not mirrored, 3 items still pending`, `failed: <BRIDGE text>`.
    static func outcome(_ record: BridgeChangeRecord) -> String {
        switch record.state {
        case .notMirrored: record.detail ?? record.state.rawValue
        case .failed: "failed: \(record.detail ?? "")"
        case .sent, .applied: record.internalNumber.map { "\(record.state.rawValue) (\($0))" } ?? record.state.rawValue
        case .queued: record.state.rawValue
        }
    }
}
