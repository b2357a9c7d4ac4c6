import Foundation
import OrderKit

/// The orders list's data: the persisted list index (`OrderListIndex`, memory-mapped, rows in
/// key order with packed columns, the default order and the folded search text) and the rows
/// changed or added since, kept beside it. Nothing is read per row at load: the first frame
/// costs the rows on screen. Filtering reads each row's byte mask, then its search text where the
/// mask cannot answer (on both cores); it narrows from the last result as the query grows and
/// goes back to an earlier one on a backspace; sorting keeps a permutation; the visible rows are
/// an index array.
public struct OrderIndex: Sendable {
    private var base: OrderListIndex
    /// Index rows replaced since it was written (`isReplaced` marks them, for the loops that
    /// read the index's columns), and rows added after it, numbered from `base.count` on.
    private var replaced: [Int32: OrderSummary] = [:]
    private var isReplaced: [Bool] = []
    private var added: [OrderSummary] = []
    private var addedRow: [OrderKey: Int32] = [:]
    /// Search text of the replaced and added rows, which the index's text no longer speaks for.
    private var changedText: [Int: [UInt8]] = [:]
    /// Rows whose newest outbox entry is queued or being sent: what a quit would leave behind.
    public private(set) var unsentCount = 0

    public private(set) var sortColumn: SortColumn = .paid
    public private(set) var sortDescending = true
    private var sorted: [Int32] = []

    public private(set) var query = ""
    private var queryBytes: [UInt8] = []
    public private(set) var statusFacet: Set<OrderStatus> = []
    public private(set) var channelFacet: Set<Int> = []
    /// Per row: does the text query match (kept across keystrokes, reused, never reallocated).
    private var textMatch: [Bool] = []
    /// The matches of the shorter queries the current one grew from, shortest first: a backspace
    /// goes back to one instead of scanning every row again. Dropped when rows change.
    private var earlierMatches: [(query: [UInt8], match: [Bool])] = []
    private static let earlierMatchesKept = 16

    /// Rows shown, in order.
    public private(set) var visible: [Int32] = []
    /// Rows that changed while shown and no longer match the filter: they stay in view (marked)
    /// until the operator changes the query or the facets, so an order never vanishes under the
    /// cursor as its change is accepted.
    private var held: Set<Int32> = []

    /// Past this many rows changed at once, the order is sorted afresh rather than each row moved.
    private static let movesBeforeResort = 64
    /// From this many rows, a scan of the search text runs on two cores.
    private static let parallelScanRows = 20_000

    public init(_ summaries: [OrderSummary] = []) {
        self.init(OrderList(summaries: summaries))
    }

    public init(_ list: OrderList) {
        base = list.index
        replaceAll(list)
    }

    /// Rows shown.
    public var count: Int { visible.count }
    /// Every row, shown or not.
    public var totalCount: Int { base.count + added.count }
    public subscript(visibleIndex: Int) -> OrderSummary { summary(row: Int(visible[visibleIndex])) }
    public func visibleIndex(of key: OrderKey) -> Int? {
        guard let row = row(of: key) else { return nil }
        return visible.firstIndex(of: Int32(row))
    }
    public func summary(for key: OrderKey) -> OrderSummary? { row(of: key).map { summary(row: $0) } }
    public var isFiltered: Bool { !queryBytes.isEmpty || !statusFacet.isEmpty || !channelFacet.isEmpty }

    /// The row is shown only because it changed while shown: the filter no longer matches it.
    public func isHeld(visibleIndex: Int) -> Bool {
        guard !held.isEmpty else { return false }
        let row = visible[visibleIndex]
        return held.contains(row) && !matchesFilter(Int(row))
    }

    // MARK: Rows

    private func row(of key: OrderKey) -> Int? {
        if let row = base.row(of: key) { return row }
        return addedRow[key].map(Int.init)
    }

    private func isChanged(_ row: Int) -> Bool { row >= base.count || (!isReplaced.isEmpty && isReplaced[row]) }

    private func summary(row: Int) -> OrderSummary {
        if row >= base.count { return added[row - base.count] }
        if !isReplaced.isEmpty, isReplaced[row], let summary = replaced[Int32(row)] { return summary }
        return base.summary(row)
    }

    private func key(row: Int) -> OrderKey { row >= base.count ? added[row - base.count].key : base.key(row) }

    private func status(row: Int) -> OrderStatus { isChanged(row) ? summary(row: row).status : base.status(row) }

    private func channel(row: Int) -> Int { row >= base.count ? added[row - base.count].key.idChannel : base.channel(row) }

    private func matchesFilter(_ row: Int) -> Bool {
        guard textMatch[row] else { return false }
        return (statusFacet.isEmpty || statusFacet.contains(status(row: row)))
            && (channelFacet.isEmpty || channelFacet.contains(channel(row: row)))
    }

    // MARK: Loading and changes

    /// A new list: the index, then its changed rows moved into place.
    public mutating func replaceAll(_ list: OrderList) {
        base = list.index
        replaced = [:]
        isReplaced = []
        added = []
        addedRow = [:]
        changedText = [:]
        held = []
        earlierMatches = []
        textMatch = Array(repeating: true, count: base.count)
        unsentCount = 0
        for row in 0..<base.count where base.outboxState(row).isUnsent { unsentCount += 1 }
        resort()
        apply(list.changed, holding: false)
        rematchText(fromScratch: true)
    }

    /// The same from rows in memory (tests, the preview backend).
    public mutating func replaceAll(_ summaries: [OrderSummary]) { replaceAll(OrderList(summaries: summaries)) }

    /// Replaces rows by key and appends new ones; the filter and order follow. Only what the
    /// change touches is redone: an outbox state changing on one row costs no re-sort, and a few
    /// rows changing move those rows alone.
    public mutating func upsert(_ summaries: [OrderSummary]) {
        guard !summaries.isEmpty else { return }
        apply(summaries, holding: true)
        rebuildVisible()
    }

    private mutating func apply(_ summaries: [OrderSummary], holding: Bool) {
        earlierMatches.removeAll()
        let moveEach = summaries.count <= Self.movesBeforeResort
        var moved: [Int32] = []
        var misplaced = false
        for summary in summaries {
            let text = ListSearchText.bytes(summary)
            if let row = row(of: summary.key) {
                if holding, isFiltered, matchesFilter(row) { held.insert(Int32(row)) }
                let old = self.summary(row: row)
                let moves = sortColumn.ascending(old, summary) != nil
                if moves, moveEach, !misplaced { misplaced = !removeFromOrder(Int32(row)) }
                if moves { moved.append(Int32(row)) }
                store(summary, at: row, replacing: old)
                if !ListSearchText.sameFields(old, summary) {
                    changedText[row] = text
                    textMatch[row] = matches(text)
                }
            } else {
                let row = Int32(base.count + added.count)
                added.append(summary)
                addedRow[summary.key] = row
                changedText[Int(row)] = text
                textMatch.append(matches(text))
                if summary.outboxState.isUnsent { unsentCount += 1 }
                moved.append(row)
            }
        }
        guard !moved.isEmpty else { return }
        if moveEach && !misplaced {
            for row in moved { sorted.insert(row, at: position(of: row)) }
        } else {
            resort()
        }
    }

    private mutating func store(_ summary: OrderSummary, at row: Int, replacing old: OrderSummary) {
        if old.outboxState.isUnsent { unsentCount -= 1 }
        if summary.outboxState.isUnsent { unsentCount += 1 }
        if row >= base.count {
            added[row - base.count] = summary
            return
        }
        if isReplaced.isEmpty { isReplaced = Array(repeating: false, count: base.count) }
        isReplaced[row] = true
        replaced[Int32(row)] = summary
    }

    // MARK: Filter, facets, sort

    /// One keystroke in the filter line, folded as the rows' text is.
    public mutating func setQuery(_ text: String) {
        let folded = SearchFold.bytes(text)
        guard folded != queryBytes else { query = text; return }
        held = []
        let narrowing = !queryBytes.isEmpty && folded.starts(with: queryBytes)
        if narrowing {
            if earlierMatches.count == Self.earlierMatchesKept { earlierMatches.removeFirst() }
            earlierMatches.append((queryBytes, textMatch))
        }
        query = text
        queryBytes = folded
        if !narrowing, let earlier = earlierMatches.lastIndex(where: { $0.query == folded }) {
            textMatch = earlierMatches[earlier].match
            earlierMatches.removeSubrange(earlier...)
            rebuildVisible()
            return
        }
        if !narrowing { earlierMatches.removeAll() }
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

    /// "a is shown before b": the column's comparison, ties by key, both flipped for descending.
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        guard a != b else { return false }
        let x = summary(row: Int(a)), y = summary(row: Int(b))
        if let before = sortColumn.ascending(x, y) { return before != sortDescending }
        return sortDescending ? ListKeyOrder.less(y.key, x.key) : ListKeyOrder.less(x.key, y.key)
    }

    /// Where `row` goes in `sorted` (binary search with `precedes`).
    private func position(of row: Int32) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(sorted[middle], row) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Takes `row` out of `sorted` where its current values place it; false if it is not there
    /// (the order is then sorted afresh).
    private mutating func removeFromOrder(_ row: Int32) -> Bool {
        let at = position(of: row)
        guard at < sorted.count, sorted[at] == row else { return false }
        sorted.remove(at: at)
        return true
    }

    /// Key order between rows: the index's rows are in it already.
    private func keyLess(_ a: Int32, _ b: Int32) -> Bool {
        if Int(a) < base.count && Int(b) < base.count { return a < b }
        return ListKeyOrder.less(key(row: Int(a)), key(row: Int(b)))
    }

    /// The whole order afresh. The index's own order when nothing changed since it; otherwise
    /// each row's sort key read once into a flat array (from the index's columns where it has
    /// one), then sorted.
    private mutating func resort() {
        let total = totalCount
        if sortColumn == .paid, replaced.isEmpty, added.isEmpty {
            sorted = base.defaultOrder
            if !sortDescending { sorted.reverse() }
            return
        }
        let tie: (Int32, Int32) -> Bool = { [self] in keyLess($0, $1) }
        func by<SortKey: Comparable>(_ sortKey: (OrderSummary) -> SortKey) -> [Int32] {
            let keys = (0..<total).map { sortKey(summary(row: $0)) }
            return ListSortOrder.byComparable(keys, descending: sortDescending, tieLess: tie)
        }
        switch sortColumn {
        case .paid:
            let keys = (0..<total).map { row in isChanged(row) ? PaidSortKey.key(summary(row: row)) : base.paidKey(row) }
            sorted = keys.withUnsafeBufferPointer { ListSortOrder.byKey($0, descending: sortDescending, tieLess: tie) }
                ?? by(PaidSortKey.text)
        case .id: sorted = by { $0.key.idOrder }
        case .channel:
            let keys = (0..<total).map(channel(row:))
            sorted = ListSortOrder.byComparable(keys, descending: sortDescending, tieLess: tie)
        case .customer: sorted = by { $0.customer.lowercased() }
        case .items: sorted = by { $0.itemCount }
        case .total: sorted = by(SortColumn.MoneyKey.init)
        case .status:
            let keys = (0..<total).map(status(row:))
            sorted = ListSortOrder.byComparable(keys, descending: sortDescending, tieLess: tie)
        case .carrier: sorted = by { $0.carrier ?? "" }
        case .outbound: sorted = by { $0.latestOutboundStatus ?? "" }
        }
    }

    private func matches(_ text: [UInt8]) -> Bool {
        guard !queryBytes.isEmpty else { return true }
        return text.withUnsafeBufferPointer { bytes in
            queryBytes.withUnsafeBufferPointer { Self.firstMatch(bytes, from: 0, to: bytes.count, $0) != nil }
        }
    }

    /// Recomputes `textMatch`: over every row, or, when the query only grew, over the rows that
    /// matched before; on two cores from `parallelScanRows` rows. A row's byte mask rules it out
    /// without reading its text when it lacks a byte of the query, and answers alone a query of
    /// one letter or digit.
    private mutating func rematchText(fromScratch: Bool) {
        defer { rebuildVisible() }
        let needle = queryBytes
        if needle.isEmpty {
            for i in textMatch.indices where !textMatch[i] { textMatch[i] = true }
            return
        }
        let rows = base.count
        let parts = rows >= Self.parallelScanRows && ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1
        nonisolated(unsafe) let haystack = base.searchBytes
        nonisolated(unsafe) let starts = base.searchStartOffsets
        nonisolated(unsafe) let masks = base.searchMasks
        let need = SearchByteMask.mask(needle)
        let maskAnswers = needle.count == 1 && SearchByteMask.isExact(needle[0])
        let changed = changedText
        needle.withUnsafeBufferPointer { needle in
            nonisolated(unsafe) let needle = needle
            textMatch.withUnsafeMutableBufferPointer { match in
                nonisolated(unsafe) let match = match
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    var row = rows * part / parts
                    let last = rows * (part + 1) / parts
                    while row < last {
                        func worthReading(_ row: Int) -> Bool { (fromScratch || match[row]) && masks[row] & need == need }
                        guard worthReading(row) else { match[row] = false; row += 1; continue }
                        if maskAnswers { match[row] = true; row += 1; continue }
                        // The rows worth reading that follow one another: their text is searched
                        // in one pass, not row by row.
                        var end = row + 1
                        while end < last, worthReading(end) { end += 1 }
                        Self.scan(haystack, needle, starts, rows: row..<end, into: match)
                        row = end
                    }
                }
            }
        }
        for (row, text) in changed { textMatch[row] = matches(text) }
    }

    /// The rows of `order` whose text matches, in that order: each half on its own core, written
    /// where its rows would start, then the second half's moved up behind the first's.
    private static func matchingInOrder(_ order: [Int32], _ textMatch: [Bool]) -> [Int32] {
        let middle = order.count / 2
        return [Int32](unsafeUninitializedCapacity: order.count) { out, initialized in
            var found = (0, 0)
            order.withUnsafeBufferPointer { order in
                textMatch.withUnsafeBufferPointer { match in
                    withUnsafeMutablePointer(to: &found) { found in
                        nonisolated(unsafe) let (order, match, out, found) = (order, match, out, found)
                        DispatchQueue.concurrentPerform(iterations: 2) { part in
                            let first = part == 0 ? 0 : middle
                            var next = first
                            for row in order[first..<(part == 0 ? middle : order.count)] where match[Int(row)] {
                                out[next] = row
                                next += 1
                            }
                            if part == 0 { found.pointee.0 = next } else { found.pointee.1 = next - middle }
                        }
                    }
                }
            }
            if found.1 > 0 { memmove(out.baseAddress! + found.0, out.baseAddress! + middle, found.1 * MemoryLayout<Int32>.stride) }
            initialized = found.0 + found.1
        }
    }

    /// Marks which of `rows` (consecutive) hold `needle` in their own text: one search over their
    /// text, which after each hit goes on from the next row.
    private static func scan(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>,
                             _ starts: UnsafeBufferPointer<UInt64>, rows: Range<Int>, into match: UnsafeMutableBufferPointer<Bool>) {
        var row = rows.lowerBound
        var offset = Int(starts[row])
        let end = Int(starts[rows.upperBound])
        while row < rows.upperBound, let position = firstMatch(haystack, from: offset, to: end, needle) {
            while Int(starts[row + 1]) <= position {
                match[row] = false
                row += 1
            }
            // (A needle holding a field or row separator could span two rows.)
            if position + needle.count <= Int(starts[row + 1]) {
                match[row] = true
                row += 1
                if row < rows.upperBound { offset = Int(starts[row]) }
            } else {
                offset = position + 1
            }
        }
        while row < rows.upperBound {
            match[row] = false
            row += 1
        }
    }

    /// Where `needle` first occurs in `haystack[from..<to]`, as an offset in `haystack`.
    private static func firstMatch(_ haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, let pattern = needle.baseAddress, to - from >= needle.count else { return nil }
        return ByteSearch.find(base + from, count: to - from, pattern, needle.count).map { from + $0 }
    }

    private mutating func rebuildVisible() {
        visible.removeAll(keepingCapacity: true)
        let statuses = statusFacet, channels = channelFacet, held = held
        let facetless = statuses.isEmpty && channels.isEmpty
        if facetless && held.isEmpty && sorted.count >= Self.parallelScanRows && ProcessInfo.processInfo.activeProcessorCount > 1 {
            visible = Self.matchingInOrder(sorted, textMatch)
            return
        }
        // The facets against the index's status codes, decided once per code.
        let allowedCodes = base.statuses.map { statuses.isEmpty || statuses.contains($0) }
        textMatch.withUnsafeBufferPointer { match in
            for row in sorted {
                if !held.isEmpty && held.contains(row) { visible.append(row); continue }
                guard match[Int(row)] else { continue }
                if facetless { visible.append(row); continue }
                let r = Int(row)
                if isChanged(r) {
                    let summary = summary(row: r)
                    if !statuses.isEmpty && !statuses.contains(summary.status) { continue }
                    if !channels.isEmpty && !channels.contains(summary.key.idChannel) { continue }
                } else {
                    if !allowedCodes[base.statusCode(r)] { continue }
                    if !channels.isEmpty && !channels.contains(base.channel(r)) { continue }
                }
                visible.append(row)
            }
        }
    }

    /// How many rows have each status and channel (for the facet panel), from the index's
    /// columns and the changed rows.
    public func facetCounts() -> (statuses: [(OrderStatus, Int)], channels: [(Int, Int)]) {
        var codeCounts = [Int](repeating: 0, count: base.statuses.count)
        var channels: [Int: Int] = [:]
        var runChannel: Int?, runLength = 0
        for row in 0..<base.count {
            // Rows are in key order: each channel is one run.
            let channel = base.channel(row)
            if channel != runChannel {
                if let runChannel { channels[runChannel, default: 0] += runLength }
                runChannel = channel
                runLength = 0
            }
            runLength += 1
            if !isChanged(row) { codeCounts[base.statusCode(row)] += 1 }
        }
        if let runChannel { channels[runChannel, default: 0] += runLength }
        var statuses: [OrderStatus: Int] = [:]
        for (code, count) in codeCounts.enumerated() where count > 0 { statuses[base.statuses[code], default: 0] += count }
        for summary in replaced.values { statuses[summary.status, default: 0] += 1 }
        for summary in added {
            statuses[summary.status, default: 0] += 1
            channels[summary.key.idChannel, default: 0] += 1
        }
        return (statuses.sorted { $0.key < $1.key }, channels.sorted { $0.key < $1.key })
    }
}

private extension Optional<OutboxState> {
    var isUnsent: Bool { self == .queued || self == .sending }
}
