import Foundation

/// The orders list as loaded: the persisted index, and the rows written after it (changed rows
/// and new ones, each once), which take precedence over the index's.
public struct OrderList: Sendable {
    public let index: OrderListIndex
    public var changed: [OrderSummary]

    public init(index: OrderListIndex, changed: [OrderSummary] = []) {
        self.index = index
        self.changed = changed
    }

    /// An index built in memory from `summaries` (the preview backend, tests, in-memory
    /// stores). A key given twice keeps its first row.
    public init(summaries: [OrderSummary]) {
        var seen = Set<OrderKey>()
        let rows = summaries.filter { seen.insert($0.key).inserted }.sorted { ListKeyOrder.less($0.key, $1.key) }
        var builder = ListIndexBuilder(storeId: UUID(), generation: 0, maxRowid: 0, expectedRows: rows.count)
        for row in rows { try! builder.append(row) }   // (sorted and unique just above)
        self.init(index: try! OrderListIndex(file: builder.build()))   // (written just above)
    }

    /// How many orders the list holds: the index's and the changed rows it does not have.
    public var count: Int { index.count + changed.count(where: { index.row(of: $0.key) == nil }) }

    /// Every row, the changed ones in place of the index's, new ones after: what the list shows,
    /// unsorted (tests and the CLI).
    public var summaries: [OrderSummary] {
        var changedByKey = Dictionary(changed.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [OrderSummary] = []
        rows.reserveCapacity(index.count + changed.count)
        for row in 0..<index.count {
            let key = index.key(row)
            if let replacement = changedByKey.removeValue(forKey: key) { rows.append(replacement) } else { rows.append(index.summary(row)) }
        }
        rows += changed.filter { changedByKey[$0.key] != nil }
        return rows
    }
}
