import Foundation
import OrderKit

/// The orders list's data: every summary, plus what makes filtering and sorting 100,000 of
/// them cheap per keystroke. Search keys are lowercased once into one contiguous byte buffer
/// scanned with `memchr`/`memcmp`; sorting keeps a permutation; the visible rows are an index array.
public struct OrderIndex: Sendable {
    public private(set) var rows: [OrderSummary] = []
    private var rowOfKey: [OrderKey: Int] = [:]

    /// Every row's search text (id, customer, SKUs, references), lowercased, fields separated
    /// by 0x01 and rows by 0x00 so a match never spans two fields.
    private var searchBytes: [UInt8] = []
    /// Start of each row's text in `searchBytes`; one extra entry marks the end.
    private var searchStarts: [Int] = [0]
    /// Rows whose text changed since the buffer was built: checked on their own.
    private var changedText: [Int: [UInt8]] = [:]

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

    public init(_ summaries: [OrderSummary] = []) {
        replaceAll(summaries)
    }

    public var count: Int { visible.count }
    public subscript(visibleIndex: Int) -> OrderSummary { rows[Int(visible[visibleIndex])] }
    public func visibleIndex(of key: OrderKey) -> Int? {
        guard let row = rowOfKey[key] else { return nil }
        return visible.firstIndex(of: Int32(row))
    }
    public func summary(for key: OrderKey) -> OrderSummary? { rowOfKey[key].map { rows[$0] } }
    public var isFiltered: Bool { !queryBytes.isEmpty || !statusFacet.isEmpty || !channelFacet.isEmpty }

    // MARK: Loading and changes

    public mutating func replaceAll(_ summaries: [OrderSummary]) {
        rows = summaries
        rowOfKey = Dictionary(summaries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        rebuildSearchText()
        textMatch = Array(repeating: true, count: rows.count)
        resort()
        rematchText(fromScratch: true)
    }

    /// Replaces rows by key and appends new ones; the filter and order follow. Only what the
    /// change touches is redone: an outbox state changing on one row costs no re-sort.
    public mutating func upsert(_ summaries: [OrderSummary]) {
        guard !summaries.isEmpty else { return }
        var resortNeeded = false, rematchNeeded = false, facetsTouched = false
        for summary in summaries {
            if let row = rowOfKey[summary.key] {
                let old = rows[row]
                rows[row] = summary
                if Self.searchFields(old) != Self.searchFields(summary) {
                    changedText[row] = Self.searchText(summary)
                    rematchNeeded = true
                }
                if sortColumn.ascending(old, summary) != nil { resortNeeded = true }
                if old.status != summary.status { facetsTouched = true }
            } else {
                rowOfKey[summary.key] = rows.count
                rows.append(summary)
                searchBytes.append(contentsOf: Self.searchText(summary))
                searchStarts.append(searchBytes.count)
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

    private static func searchFields(_ s: OrderSummary) -> [String] { [s.key.idOrder, s.customer] + s.skus + s.references }

    private static func searchText(_ summary: OrderSummary) -> [UInt8] {
        var bytes: [UInt8] = []
        for (i, field) in searchFields(summary).enumerated() {
            if i > 0 { bytes.append(1) }
            bytes.append(contentsOf: field.lowercased().utf8)
        }
        bytes.append(0)
        return bytes
    }

    private mutating func rebuildSearchText() {
        searchBytes = []
        searchBytes.reserveCapacity(rows.count * 48)
        searchStarts = [0]
        searchStarts.reserveCapacity(rows.count + 1)
        for summary in rows {
            searchBytes.append(contentsOf: Self.searchText(summary))
            searchStarts.append(searchBytes.count)
        }
        changedText = [:]
    }

    // MARK: Filter, facets, sort

    /// One keystroke in the filter line.
    public mutating func setQuery(_ text: String) {
        let lowered = text.lowercased()
        guard lowered != query else { return }
        let narrowing = !query.isEmpty && lowered.hasPrefix(query)
        query = lowered
        queryBytes = Array(lowered.utf8)
        rematchText(fromScratch: !narrowing)
    }

    public mutating func setFacets(statuses: Set<OrderStatus>, channels: Set<Int>) {
        statusFacet = statuses
        channelFacet = channels
        rebuildVisible()
    }

    /// Sorts by the next column, in that column's natural direction.
    public mutating func sortByNextColumn() { setSort(sortColumn.next, descending: sortColumn.next.defaultDescending) }

    public mutating func setSort(_ column: SortColumn, descending: Bool) {
        sortColumn = column
        sortDescending = descending
        resort()
        rebuildVisible()
    }

    private mutating func resort() {
        let column = sortColumn, descending = sortDescending
        var order = Array(0..<Int32(rows.count))
        rows.withUnsafeBufferPointer { rows in
            order.sort { l, r in
                let a = rows[Int(l)], b = rows[Int(r)]
                if let before = column.ascending(a, b) { return before != descending }
                return descending ? a.key > b.key : a.key < b.key
            }
        }
        sorted = order
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
        let statuses = statusFacet, channels = channelFacet
        let facetless = statuses.isEmpty && channels.isEmpty
        rows.withUnsafeBufferPointer { rows in
            textMatch.withUnsafeBufferPointer { match in
                for row in sorted where match[Int(row)] {
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
