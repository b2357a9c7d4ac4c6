import Foundation
import GRDB

/// The persisted list index beside the store (`<store>.list`): what the TUI's list starts from,
/// so its first frame costs what is on screen, not what is cached.
///
/// The file is trusted only while it agrees with the store: the same store id, a generation not
/// ahead of the store's, rows written since it found where they should be, and a sample of its
/// rows equal to the store's. Otherwise it is rebuilt from the store, never patched.
extension OrderStore {
    /// Past this many rows written since the index, a start rewrites it instead of carrying them
    /// beside it.
    public static let listChangesBeforeRebuild = 20_000
    /// After an import, past this many: every start pays for each row carried (read from the
    /// store, then moved into the list's order: 10,000 rows carried cost a 100,000-order start
    /// ~0.5 s), an import only once for the rewrite.
    public static let listChangesCarriedAfterImport = 1_000

    public var listIndexURL: URL? { path.map { URL(fileURLWithPath: $0 + ".list") } }

    /// Why the last `openList` rebuilt the index (nil: it used the file). For tests and logs.
    public var lastListRebuildReason: String? { listRebuildReason.withLock { $0 } }

    /// The list: the index file and the rows written after it, or a new index when the file is
    /// missing, disagrees with the store, or is too far behind it.
    public func openList() throws -> OrderList { try openList(rebuildingPast: Self.listChangesBeforeRebuild) }

    private func openList(rebuildingPast changesCarried: Int) throws -> OrderList {
        guard let url = listIndexURL else { return try rebuildList(because: "in-memory store") }
        let index: OrderListIndex
        do {
            index = try OrderListIndex(contentsOf: url)
        } catch {
            return try rebuildList(because: "\(error)")
        }
        switch try checkedChanges(since: index, carryingAtMost: changesCarried) {
        case .success(let changed):
            listRebuildReason.withLock { $0 = nil }
            return OrderList(index: index, changed: changed)
        case .failure(let disagreement):
            return try rebuildList(because: disagreement.reason)
        }
    }

    /// Rewrites the index from the store (after an import, or when it cannot be trusted).
    @discardableResult
    public func rebuildList(because reason: String = "asked") throws -> OrderList {
        listRebuildReason.withLock { $0 = reason }
        let builder = try writer.read { db -> ListIndexBuilder in
            let state = try ListGeneration.state(in: db)
            let maxRowid = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM orders") ?? 0
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? 0
            let extras = try SummaryExtras.fetchAll(in: db)
            var builder = ListIndexBuilder(storeId: state.storeId, generation: state.generation, maxRowid: maxRowid, expectedRows: count)
            // The table front to back (each page read once), then the rows placed in key order
            // as the key index lists them: reading through the key index seeks a page per row.
            var rowids: [Int64] = []
            rowids.reserveCapacity(count)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(OrderRows.summaryColumns), rowid FROM orders ORDER BY rowid")
            while let row = try rows.next() {
                try builder.append(OrderRows.summary(from: row, extras: extras), checkOrder: false)
                rowids.append(row[OrderRows.summaryColumnCount])
            }
            var keyOrder: [Int32] = []
            keyOrder.reserveCapacity(rowids.count)
            let byKey = try Int64.fetchCursor(db, sql: "SELECT rowid FROM orders ORDER BY id_channel, id_order")
            while let rowid = try byKey.next() {
                guard let row = Self.position(of: rowid, inAscending: rowids) else {
                    throw ListDisagreement(reason: "row \(rowid) is in the key index, not in the table")
                }
                keyOrder.append(Int32(row))
            }
            try builder.placeInKeyOrder(keyOrder)
            return builder
        }
        (writer as? DatabasePool)?.releaseMemoryEventually()
        guard let url = listIndexURL else { return OrderList(index: try OrderListIndex(file: builder.build())) }
        try builder.write(to: url)
        return OrderList(index: try OrderListIndex(contentsOf: url))
    }

    /// After an import: the index is rewritten when the import left more than a few rows beside
    /// it, so the next start reads it instead of doing so. A failure only costs that start the
    /// rebuild.
    func keepListIndexCurrent() {
        guard path != nil else { return }
        _ = try? openList(rebuildingPast: Self.listChangesCarriedAfterImport)
    }

    struct ListDisagreement: Error { var reason: String }

    private static func position(of rowid: Int64, inAscending rowids: [Int64]) -> Int? {
        var low = 0, high = rowids.count
        while low < high {
            let middle = (low + high) / 2
            if rowids[middle] < rowid { low = middle + 1 } else { high = middle }
        }
        return low < rowids.count && rowids[low] == rowid ? low : nil
    }

    /// The rows written after `index`, if the index agrees with the store.
    private func checkedChanges(since index: OrderListIndex, carryingAtMost changesCarried: Int) throws -> Result<[OrderSummary], ListDisagreement> {
        try writer.read { db in
            let state = try ListGeneration.state(in: db)
            guard index.storeId == state.storeId else { return .failure(ListDisagreement(reason: "written for another store")) }
            guard index.generation <= state.generation else {
                return .failure(ListDisagreement(reason: "generation \(index.generation) ahead of the store's \(state.generation)"))
            }
            let maxRowid = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM orders") ?? 0
            guard index.maxRowid <= maxRowid else { return .failure(ListDisagreement(reason: "rows the store does not have")) }

            let changedCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE list_gen > ?", arguments: [index.generation]) ?? 0
            guard changedCount <= changesCarried else {
                return .failure(ListDisagreement(reason: "\(changedCount) rows written since it"))
            }
            // Rows only ever come in (no order is deleted) and rowids are given in turn, so the
            // store holds the index's rows and the ones above its last rowid: no more, no fewer.
            let storeCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? 0
            let newCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE rowid > ?", arguments: [index.maxRowid]) ?? 0
            guard storeCount == index.count + newCount else {
                return .failure(ListDisagreement(reason: "\(index.count) rows and \(newCount) new, the store \(storeCount)"))
            }

            var changed: [OrderSummary] = []
            changed.reserveCapacity(changedCount)
            let extras = changedCount > 500 ? try SummaryExtras.fetchAll(in: db) : nil
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(OrderRows.summaryColumns), rowid FROM orders WHERE list_gen > ?", arguments: [index.generation])
            var changedKeys = Set<OrderKey>()
            while let row = try rows.next() {
                let rowid: Int64 = row[OrderRows.summaryColumnCount]
                let key = OrderKey(idChannel: row[0], idOrder: row[1])
                let summary = OrderRows.summary(from: row, extras: try extras ?? SummaryExtras.fetch(for: key, in: db))
                let inIndex = index.row(of: key) != nil
                guard inIndex == (rowid <= index.maxRowid) else {
                    return .failure(ListDisagreement(reason: "\(key) \(inIndex ? "is in it but new" : "is missing from it")"))
                }
                changed.append(summary)
                changedKeys.insert(key)
            }
            guard changed.count(where: { index.row(of: $0.key) == nil }) == newCount else {
                return .failure(ListDisagreement(reason: "new rows not stamped as written since it"))
            }
            if let mismatch = try sampleMismatch(index, skipping: changedKeys, in: db) {
                return .failure(ListDisagreement(reason: "\(mismatch) differs from the store"))
            }
            return .success(changed)
        }
    }

    /// Rows the index says it has unchanged, read back from the store: the first screen of the
    /// default order and rows spread over the whole index. The first differing key, if any.
    private func sampleMismatch(_ index: OrderListIndex, skipping changed: Set<OrderKey>, in db: Database) throws -> OrderKey? {
        guard index.count > 0 else { return nil }
        let spread = 64
        var rows = (0..<min(index.count, 80)).map { Int(index.defaultOrder($0)) }
        rows += (0..<spread).map { $0 * index.count / spread }
        let statement = try db.cachedStatement(sql: "SELECT \(OrderRows.summaryColumns) FROM orders WHERE id_channel = ? AND id_order = ?")
        for row in Set(rows) {
            let indexed = index.summary(row)
            guard !changed.contains(indexed.key) else { continue }
            guard let stored = try Row.fetchOne(statement, arguments: [indexed.key.idChannel, indexed.key.idOrder]) else { return indexed.key }
            let summary = OrderRows.summary(from: stored, extras: try SummaryExtras.fetch(for: indexed.key, in: db))
            if summary != indexed { return indexed.key }
        }
        return nil
    }
}
