import Foundation
import OrderKit

/// The orders list's data: every summary, plus what makes filtering and sorting 100,000 of
/// them cheap per keystroke. Search keys are folded once into one contiguous byte buffer
/// scanned with `memchr`/`memcmp`; sorting keeps a permutation; the visible rows are an index array.
public struct OrderIndex: Sendable {
    public private(set) var rows: [OrderSummary] = []
    private var rowOfKey = RowTable()

    /// Every row's search text (id, customer, e-mail, phone, SKUs, references), folded once per
    /// row (`SearchFold`), fields separated by 0x01 and rows by 0x00 so a match never spans two
    /// fields.
    private var searchBytes: [UInt8] = []
    /// Start of each row's text in `searchBytes`; one extra entry marks the end.
    private var searchStarts: [Int] = [0]
    /// Rows whose text changed since the buffer was built: checked on their own.
    private var changedText: [Int: [UInt8]] = [:]
    /// False from a `replaceAll` until the search text is first needed (`prepareSearch`): the
    /// first frame needs the order of the rows, not their search text.
    public private(set) var isSearchPrepared = false

    public private(set) var sortColumn: SortColumn = .paid
    public private(set) var sortDescending = true
    private var sorted: [Int32] = []

    public private(set) var query = ""
    private var queryBytes: [UInt8] = []
    public private(set) var statusFacet: Set<OrderStatus> = []
    public private(set) var channelFacet: Set<Int> = []
    /// Per row: does the text query match (kept across keystrokes, reused, never reallocated).
    private var textMatch: [Bool] = []

    /// Rows shown, in order: indices into `rows`.
    public private(set) var visible: [Int32] = []
    /// Rows that changed while shown and no longer match the filter: they stay in view (marked)
    /// until the operator changes the query or the facets, so an order never vanishes under the
    /// cursor as its change is accepted.
    private var held: Set<Int32> = []

    public init(_ summaries: [OrderSummary] = []) {
        replaceAll(summaries)
    }

    public var count: Int { visible.count }
    public subscript(visibleIndex: Int) -> OrderSummary { rows[Int(visible[visibleIndex])] }
    public func visibleIndex(of key: OrderKey) -> Int? {
        guard let row = rowOfKey.row(of: key, in: rows) else { return nil }
        return visible.firstIndex(of: Int32(row))
    }
    public func summary(for key: OrderKey) -> OrderSummary? { rowOfKey.row(of: key, in: rows).map { rows[$0] } }
    public var isFiltered: Bool { !queryBytes.isEmpty || !statusFacet.isEmpty || !channelFacet.isEmpty }

    /// The row is shown only because it changed while shown: the filter no longer matches it.
    public func isHeld(visibleIndex: Int) -> Bool {
        guard !held.isEmpty else { return false }
        let row = visible[visibleIndex]
        return held.contains(row) && !matchesFilter(Int(row))
    }

    private func matchesFilter(_ row: Int) -> Bool {
        guard textMatch[row] else { return false }
        let summary = rows[row]
        return (statusFacet.isEmpty || statusFacet.contains(summary.status))
            && (channelFacet.isEmpty || channelFacet.contains(summary.key.idChannel))
    }

    // MARK: Loading and changes

    /// New rows. The search text is left for `prepareSearch` (the UI loop calls it right after
    /// drawing the loaded list), unless a text query is active.
    public mutating func replaceAll(_ summaries: [OrderSummary]) {
        rows = summaries
        held = []
        // The sort and the key index only read `rows` and each takes milliseconds to tens of
        // milliseconds at 100,000 rows, on the way to the first frame: with more than one core,
        // they run side by side.
        let built = Built()
        let rows = rows, column = sortColumn, descending = sortDescending
        let parallel = rows.count >= 5_000 && ProcessInfo.processInfo.activeProcessorCount > 1
        DispatchQueue.concurrentPerform(iterations: parallel ? 2 : 1) { part in
            if part == 0 { built.sorted = Self.sortOrder(rows, column: column, descending: descending) }
            if part == 1 || !parallel { built.rowOfKey = RowTable(rows) }
        }
        rowOfKey = built.rowOfKey
        (searchBytes, searchStarts) = ([], [0])
        isSearchPrepared = false
        changedText = [:]
        sorted = built.sorted
        textMatch = Array(repeating: true, count: rows.count)
        rematchText(fromScratch: true)
    }

    /// Builds the search text if it is not built yet (a few tens of milliseconds at 100,000
    /// rows); filtering does it on its own when needed.
    public mutating func prepareSearch() {
        guard !isSearchPrepared else { return }
        rebuildSearchText()
    }

    /// Results of the parts of `replaceAll`, each written by one thread before the join.
    private final class Built: @unchecked Sendable {
        var sorted: [Int32] = []
        var rowOfKey = RowTable()
    }

    /// Replaces rows by key and appends new ones; the filter and order follow. Only what the
    /// change touches is redone: an outbox state changing on one row costs no re-sort.
    public mutating func upsert(_ summaries: [OrderSummary]) {
        guard !summaries.isEmpty else { return }
        var resortNeeded = false, rematchNeeded = false, facetsTouched = false
        for summary in summaries {
            if let row = rowOfKey.row(of: summary.key, in: rows) {
                if isFiltered, matchesFilter(row) { held.insert(Int32(row)) }
                let old = rows[row]
                rows[row] = summary
                if Self.searchFields(old) != Self.searchFields(summary) {
                    if isSearchPrepared { changedText[row] = Self.searchText(summary) }
                    rematchNeeded = true
                }
                if sortColumn.ascending(old, summary) != nil { resortNeeded = true }
                if old.status != summary.status { facetsTouched = true }
            } else {
                rows.append(summary)
                rowOfKey.insert(rows.count - 1, in: rows)
                if isSearchPrepared {
                    searchBytes.append(contentsOf: Self.searchText(summary))
                    searchStarts.append(searchBytes.count)
                }
                textMatch.append(true)
                resortNeeded = true
                rematchNeeded = true
            }
        }
        if changedText.count > 5_000 { rebuildSearchText() }
        if resortNeeded { resort() }
        if rematchNeeded {
            rematchText(fromScratch: true)
        } else if resortNeeded || (facetsTouched && !statusFacet.isEmpty) {
            rebuildVisible()
        }
    }

    private static func searchFields(_ s: OrderSummary) -> [String] {
        [s.key.idOrder, s.customer, s.email, s.phone] + s.skus + s.references
    }

    private static func searchText(_ summary: OrderSummary) -> [UInt8] {
        var bytes: [UInt8] = []
        appendSearchText(summary, to: &bytes)
        return bytes
    }

    /// The fields of `searchFields`, folded (`SearchFold`), 0x01 between them, 0x00 at the end.
    /// A phone is there twice, the second time as its digits alone, so `5512345678` finds
    /// "+52 55 1234 5678".
    private static func appendSearchText(_ summary: OrderSummary, to bytes: inout [UInt8]) {
        SearchFold.append(summary.key.idOrder, to: &bytes)
        bytes.append(1)
        SearchFold.append(summary.customer, to: &bytes)
        if !summary.email.isEmpty {
            bytes.append(1)
            SearchFold.append(summary.email, to: &bytes)
        }
        if !summary.phone.isEmpty {
            bytes.append(1)
            let start = bytes.count
            SearchFold.append(summary.phone, to: &bytes)
            let digits = bytes[start...].filter { $0 &- 0x30 < 10 }
            if digits.count != bytes.count - start, !digits.isEmpty {
                bytes.append(1)
                bytes.append(contentsOf: digits)
            }
        }
        for sku in summary.skus {
            bytes.append(1)
            SearchFold.append(sku, to: &bytes)
        }
        for reference in summary.references {
            bytes.append(1)
            SearchFold.append(reference, to: &bytes)
        }
        bytes.append(0)
    }

    private mutating func rebuildSearchText() {
        (searchBytes, searchStarts) = Self.searchText(of: rows)
        changedText = [:]
        isSearchPrepared = true
    }

    private static func searchText(of rows: [OrderSummary]) -> (bytes: [UInt8], starts: [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 48)
        var starts = [0]
        starts.reserveCapacity(rows.count + 1)
        rows.withUnsafeBufferPointer { rows in
            for index in rows.indices {
                appendSearchText(rows[index], to: &bytes)
                starts.append(bytes.count)
            }
        }
        return (bytes, starts)
    }

    // MARK: Filter, facets, sort

    /// One keystroke in the filter line, folded as the rows' text is.
    public mutating func setQuery(_ text: String) {
        let folded = SearchFold.bytes(text)
        guard folded != queryBytes else { query = text; return }
        held = []
        let narrowing = !queryBytes.isEmpty && folded.starts(with: queryBytes)
        query = text
        queryBytes = folded
        rematchText(fromScratch: !narrowing)
    }

    public mutating func setFacets(statuses: Set<OrderStatus>, channels: Set<Int>) {
        held = []
        statusFacet = statuses
        channelFacet = channels
        rebuildVisible()
    }

    /// Sorts by the next column, in that column's natural direction.
    public mutating func sortByNextColumn() { setSort(sortColumn.next, descending: sortColumn.next.defaultDescending) }

    /// The same column the other way round.
    public mutating func reverseSort() { setSort(sortColumn, descending: !sortDescending) }

    public mutating func setSort(_ column: SortColumn, descending: Bool) {
        sortColumn = column
        sortDescending = descending
        resort()
        rebuildVisible()
    }

    /// The same order as `SortColumn.ascending` with ties broken by key, but each row's sort key
    /// is read once into a flat array first: comparing whole summaries copied every row's
    /// strings and arrays twice per comparison (most of the 0.6 s a 100,000-row sort took).
    private mutating func resort() {
        sorted = Self.sortOrder(rows, column: sortColumn, descending: sortDescending)
    }

    private static func sortOrder(_ rows: [OrderSummary], column: SortColumn, descending: Bool) -> [Int32] {
        func by<SortKey: Comparable>(_ sortKey: (OrderSummary) -> SortKey) -> [Int32] {
            var keys: [SortKey] = []
            keys.reserveCapacity(rows.count)
            rows.withUnsafeBufferPointer { rows in
                for index in rows.indices { keys.append(sortKey(rows[index])) }
            }
            return order(rows, keys: keys, descending: descending)
        }
        switch column {
        case .paid:
            if let packed = packedTimestamps(rows) {
                return integerOrder(rows, keys: packed, descending: descending) ?? order(rows, keys: packed, descending: descending)
            }
            return by { $0.paidAt ?? $0.createdAt ?? "" }
        case .id: return by { $0.key.idOrder }
        case .channel: return by { $0.key.idChannel }
        case .customer: return by { $0.customer.lowercased() }
        case .items: return by { $0.itemCount }
        case .total: return by(SortColumn.MoneyKey.init)
        case .status: return by { $0.status }
        case .carrier: return by { $0.carrier ?? "" }
        case .outbound: return by { $0.latestOutboundStatus ?? "" }
        }
    }

    /// The paid column's text (`paidAt ?? createdAt ?? ""`) as integers with the same order,
    /// when every value is "" or `YYYY-MM-DDTHH:mm:ss`: the separators then sit at the same
    /// places in every value, so comparing the 14 digits as a number is comparing the text.
    /// nil when any value has another shape (the sort then compares the text itself).
    private static func packedTimestamps(_ rows: [OrderSummary]) -> [Int64]? {
        var keys: [Int64] = []
        keys.reserveCapacity(rows.count)
        let separators: [Int: UInt8] = [4: 0x2D, 7: 0x2D, 10: 0x54, 13: 0x3A, 16: 0x3A]   // - - T : :
        let shape: [UInt8] = (0..<19).map { separators[$0] ?? 0 }
        let complete = rows.withUnsafeBufferPointer { rows in
            for index in rows.indices {
                var text = rows[index].paidAt ?? rows[index].createdAt ?? ""
                let packed: Int64? = text.withUTF8 { bytes in
                    if bytes.isEmpty { return -1 }
                    guard bytes.count == 19 else { return nil }
                    var value: Int64 = 0
                    for position in 0..<19 {
                        let byte = bytes[position]
                        if shape[position] != 0 {
                            guard byte == shape[position] else { return nil }
                        } else {
                            guard byte &- 0x30 < 10 else { return nil }
                            value = value * 10 + Int64(byte &- 0x30)
                        }
                    }
                    return value
                }
                guard let packed else { return false }
                keys.append(packed)
            }
            return true
        }
        return complete ? keys : nil
    }

    /// `order` for the packed timestamps (0 ≤ key + 1 < 2^47), without a comparison closure:
    /// key and row share one UInt64 (row in the low bits), a plain integer sort puts them in key
    /// order, then each run of equal keys is put in key order of the orders, as `order` does.
    /// nil past 2^17 rows (the row no longer fits beside the key).
    private static func integerOrder(_ rows: [OrderSummary], keys: [Int64], descending: Bool) -> [Int32]? {
        let rowBits = max(1, Int.bitWidth - max(0, rows.count - 1).leadingZeroBitCount)
        guard rowBits + 47 <= 64, keys.count == rows.count else { return nil }
        let rowMask: UInt64 = (1 << UInt64(rowBits)) - 1
        var packed: [UInt64] = []
        packed.reserveCapacity(keys.count)
        for (row, key) in keys.enumerated() {
            guard key >= -1, key + 1 < 1 << 47 else { return nil }
            packed.append(UInt64(key + 1) << UInt64(rowBits) | UInt64(row))
        }
        packed.sort()
        var order = packed.map { Int32(truncatingIfNeeded: $0 & rowMask) }
        rows.withUnsafeBufferPointer { rows in
            var start = 0
            while start < packed.count {
                var end = start + 1
                while end < packed.count && packed[end] >> UInt64(rowBits) == packed[start] >> UInt64(rowBits) { end += 1 }
                if end - start > 1 { order[start..<end].sort { rows[Int($0)].key < rows[Int($1)].key } }
                start = end
            }
        }
        if descending { order.reverse() }
        return order
    }

    private static func order<SortKey: Comparable>(_ rows: [OrderSummary], keys: [SortKey], descending: Bool) -> [Int32] {
        var order = Array(0..<Int32(rows.count))
        rows.withUnsafeBufferPointer { rows in
            keys.withUnsafeBufferPointer { keys in
                order.sort { l, r in
                    let a = Int(l), b = Int(r)
                    if keys[a] != keys[b] { return (keys[a] < keys[b]) != descending }
                    return descending ? rows[a].key > rows[b].key : rows[a].key < rows[b].key
                }
            }
        }
        return order
    }

    /// Recomputes `textMatch`: over every row with one `memmem` pass, or, when the query only
    /// grew, over the rows that matched before.
    private mutating func rematchText(fromScratch: Bool) {
        defer { rebuildVisible() }
        let needle = queryBytes
        if needle.isEmpty {
            for i in textMatch.indices where !textMatch[i] { textMatch[i] = true }
            return
        }
        prepareSearch()
        let starts = searchStarts
        let changed = changedText
        searchBytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                textMatch.withUnsafeMutableBufferPointer { match in
                    if fromScratch {
                        for i in match.indices { match[i] = false }
                        Self.scanAll(haystack, needle, starts, into: match)
                    } else {
                        for row in match.indices where match[row] && changed[row] == nil {
                            match[row] = Self.contains(haystack, from: starts[row], to: starts[row + 1], needle)
                        }
                    }
                }
            }
        }
        for (row, text) in changed {
            textMatch[row] = text.withUnsafeBufferPointer { bytes in
                needle.withUnsafeBufferPointer { Self.contains(bytes, from: 0, to: bytes.count, $0) }
            }
        }
    }

    private static func scanAll(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, _ starts: [Int], into match: UnsafeMutableBufferPointer<Bool>) {
        guard let base = haystack.baseAddress, let pattern = needle.baseAddress else { return }
        var offset = 0
        var row = 0
        let end = haystack.count
        starts.withUnsafeBufferPointer { starts in
            while offset < end, let found = ByteSearch.find(base + offset, count: end - offset, pattern, needle.count) {
                let position = offset + found
                while starts[row + 1] <= position { row += 1 }
                match[row] = true
                offset = starts[row + 1]
                row += 1
                if row >= match.count { break }
            }
        }
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = haystack.baseAddress, let pattern = needle.baseAddress, to - from >= needle.count else { return false }
        return ByteSearch.find(base + from, count: to - from, pattern, needle.count) != nil
    }

    private mutating func rebuildVisible() {
        visible.removeAll(keepingCapacity: true)
        let statuses = statusFacet, channels = channelFacet, held = held
        let facetless = statuses.isEmpty && channels.isEmpty
        rows.withUnsafeBufferPointer { rows in
            textMatch.withUnsafeBufferPointer { match in
                for row in sorted {
                    if !held.isEmpty && held.contains(row) { visible.append(row); continue }
                    guard match[Int(row)] else { continue }
                    if facetless { visible.append(row); continue }
                    let summary = rows[Int(row)]
                    if !statuses.isEmpty && !statuses.contains(summary.status) { continue }
                    if !channels.isEmpty && !channels.contains(summary.key.idChannel) { continue }
                    visible.append(row)
                }
            }
        }
    }

    /// How many rows have each status and channel (for the facet panel).
    public func facetCounts() -> (statuses: [(OrderStatus, Int)], channels: [(Int, Int)]) {
        var statuses: [OrderStatus: Int] = [:]
        var channels: [Int: Int] = [:]
        for summary in rows {
            statuses[summary.status, default: 0] += 1
            channels[summary.key.idChannel, default: 0] += 1
        }
        return (statuses.sorted { $0.key < $1.key }, channels.sorted { $0.key < $1.key })
    }
}
