import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// The fast paths of `OrderIndex` (the list index's columns and default order, packed
/// timestamps, per-column sort keys, byte-level lowercasing, rows moved one by one, the scan on
/// two cores) give exactly what the plain definitions give.
@Suite struct OrderIndexEquivalenceTests {
    /// 5,100 rows: past the size (5,000) where the index is built on two threads.
    static let rows: [OrderSummary] = {
        var rows = PreviewData.summaries(count: 5_100, seed: 7)
        // Names beyond Latin-1, combining marks, upper-case accents, and a repeated key.
        let names = ["ÁNGEL ÑANDÚ", "Ærø Ĳssel", "E\u{301}LODIE", "İSTANBUL", "ΣΟΦΊΑ", "日本語の顧客", "Zoë × Öz", "ÞÓRR"]
        for (i, name) in names.enumerated() { rows[i * 7].customer = name }
        rows[11].skus = ["SKU-ÄÖÜ", "sku-ß"]
        rows[12].email = "Ramon.Quinones@Example.MX"
        rows[12].phone = "+52 55 1234 5678"
        rows[13].phone = "(011) 4321-ÑÑ"
        rows[15].customer = "Ramón Quiñones Ñandú"
        rows.append(rows[3])
        return rows
    }()

    /// One row per key (the first), as the store keeps them, sorted by the column's comparison,
    /// ties by key order.
    static func reference(_ rows: [OrderSummary], _ column: SortColumn, descending: Bool) -> [OrderKey] {
        var seen = Set<OrderKey>()
        let rows = rows.filter { seen.insert($0.key).inserted }
        var indices = Array(rows.indices)
        indices.sort { l, r in
            let a = rows[l], b = rows[r]
            if let before = column.ascending(a, b) { return before != descending }
            return descending ? ListKeyOrder.less(b.key, a.key) : ListKeyOrder.less(a.key, b.key)
        }
        return indices.map { rows[$0].key }
    }

    static func visibleKeys(_ index: OrderIndex) -> [OrderKey] { (0..<index.count).map { index[$0].key } }

    @Test(arguments: SortColumn.allCases)
    func sortMatchesTheColumnComparison(column: SortColumn) {
        var index = OrderIndex(Self.rows)
        for descending in [true, false] {
            index.setSort(column, descending: descending)
            #expect(Self.visibleKeys(index) == Self.reference(Self.rows, column, descending: descending))
        }
    }

    @Test func paidSortFallsBackToTextForOtherDateShapes() {
        var rows = Self.rows
        rows[5].paidAt = "2025-01-01 10:00:00"
        rows[6].paidAt = nil
        rows[6].createdAt = nil
        rows[8].paidAt = "2025-02-30T99:99:99"
        let index = OrderIndex(rows)
        #expect(Self.visibleKeys(index) == Self.reference(rows, .paid, descending: true))
    }

    /// The rows whose id, customer, e-mail, phone (or its digits), SKUs or references contain
    /// `query`, both folded by the definition (`SearchFold.fold`: lowercased, decomposed, marks
    /// dropped, so "é" finds "e\u{301}" and "e"), compared as whole Strings' bytes.
    static func matching(_ query: String, in rows: [OrderSummary]) -> Set<OrderKey> {
        matching([query], in: rows)[0]
    }

    /// Each row's fields are folded once for all the queries (folding them per query made this
    /// reference take a minute and a half).
    static func matching(_ queries: [String], in rows: [OrderSummary]) -> [Set<OrderKey>] {
        let fields = rows.map { row in
            let digits = String(row.phone.filter(\.isASCII).filter(\.isNumber))
            // (ASCII folds to its lowercase: Foundation's decomposition, slow in a debug build, only
            // where it can change something.)
            return ([row.key.idOrder, row.customer, row.email, row.phone, digits] + row.skus + row.references).map { field in
                Array((field.utf8.allSatisfy { $0 < 0x80 } ? field.lowercased() : SearchFold.fold(field)).utf8)
            }
        }
        return queries.map { query in
            let needle = Array(SearchFold.fold(query).utf8)
            return Set(rows.indices.filter { index in
                fields[index].contains { contains($0, needle) }
            }.map { rows[$0].key })
        }
    }

    /// A plain substring search (slices compared with `elementsEqual` took most of a minute here
    /// in a debug build).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                starts: for start in 0...(h.count - n.count) {
                    for offset in 0..<n.count where h[start + offset] != n[offset] { continue starts }
                    return true
                }
                return false
            }
        }
    }

    @Test func searchMatchesFoldedSubstrings() {
        var index = OrderIndex(Self.rows)
        let queries = ["ángel ñandú", "ÑANDÚ", "ærø", "ĳ", "élodie", "e\u{301}l", "i̇stanbul", "σοφία", "日本", "zoë × öz", "þórr",
                      "sku-äöü", "SKU-SS", "peña", "2000123", "ref1", "-a", "zzz",
                      "ramon", "RAMÓN", "quinon", "quin\u{303}on", "nandu", "example.mx", "5512345678", "1234 5678", "+52 55", "4321",
                      "ae", "æ", "ss", "ß", "sku-aou", "elodie", "istanbul", "σοφια",
                      // One byte: a letter or digit answered by its mask bit; others share bits.
                      "q", "7", "@", ".", "+", "(", "日"]
        for (query, expected) in zip(queries, Self.matching(queries, in: Self.rows)) {
            index.setQuery(query)
            #expect(Set(Self.visibleKeys(index)) == expected, "query \(query)")
            if ["ramon", "quinon", "quin\u{303}on", "example.mx", "5512345678", "elodie"].contains(query) {
                #expect(!expected.isEmpty, "query \(query) finds the rows planted for it")
            }
        }
    }

    /// Rows changed or added after the list index was written are found by their own text, and
    /// the index's text for a changed row no longer speaks for it.
    @Test func changedAndAddedRowsAreFoundByTheirNewText() {
        var rows = Self.rows
        var index = OrderIndex(rows)
        var renamed = rows[5]
        renamed.customer = "Zacarías Quintero"
        var added = rows[6]
        added.key = OrderKey(idChannel: 1, idOrder: "NEW-QUINT")
        index.upsert([renamed, added])
        rows[5] = renamed
        rows.append(added)
        index.setQuery("quint")
        #expect(Set(Self.visibleKeys(index)) == Self.matching("quint", in: rows))
        #expect(Set(Self.visibleKeys(index)).isSuperset(of: [renamed.key, added.key]))
        // The old name no longer finds the renamed row.
        let oldName = String(Self.rows[5].customer.prefix(6))
        index.setQuery(oldName)
        #expect(Set(Self.visibleKeys(index)) == Self.matching(oldName, in: rows))

        // A reload with a query active filters at once.
        index.setQuery("quint")
        index.replaceAll(rows)
        #expect(Set(Self.visibleKeys(index)) == Self.matching("quint", in: rows))
    }

    /// Typing a query and erasing it a character at a time (each keystroke narrowing, each
    /// backspace going back to an earlier result) over enough rows for the two-core paths gives
    /// what the definition gives at every step, in the list's order; a row changed mid-query is
    /// seen on the way back.
    @Test func typingAndErasingMatchTheDefinitionAtEveryStep() {
        var rows = PreviewData.summaries(count: 20_500, seed: 11)
        var index = OrderIndex(rows)
        let order = Self.reference(rows, .paid, descending: true)
        func expectQuery(_ query: String) {
            index.setQuery(query)
            let expected = order.filter(Self.matching(query, in: rows).contains), shown = Self.visibleKeys(index)
            #expect(shown == expected, "query \(query): \(shown.count) rows shown, \(expected.count) expected")
        }
        let word = "peña"
        for length in 1...word.count { expectQuery(String(word.prefix(length))) }
        let unrelated = rows.indices.first { !SearchFold.fold(rows[$0].customer).contains("pe") }!
        var renamed = rows[unrelated]
        renamed.customer = "Pedro Pérez"
        index.upsert([renamed])
        rows[unrelated] = renamed
        for length in (0..<word.count).reversed() { expectQuery(String(word.prefix(length))) }
        #expect(Self.visibleKeys(index).count == rows.count)
    }

    /// Narrowing searches a row from where the shorter query matched; after a backspace that
    /// place belongs to the longer query, so the next letter searches the row from its start.
    @Test func aLetterAfterABackspaceSearchesEachRowFromItsStart() {
        var rows = PreviewData.summaries(count: 300, seed: 3)
        rows[20].customer = "Xab Xabd Xabc"
        var index = OrderIndex(rows)
        for query in ["xab", "xabc", "xab", "xabd"] { index.setQuery(query) }
        #expect(Set(Self.visibleKeys(index)) == Self.matching("xabd", in: rows))
        #expect(Self.visibleKeys(index).contains(rows[20].key))
    }

    /// A few rows changing move one by one; many at once sort afresh: the same order either way,
    /// in every column and direction, with rows added beside the index.
    @Test(arguments: SortColumn.allCases)
    func rowsMovedOneByOneMatchAFreshSort(column: SortColumn) {
        var rows = Self.rows
        var index = OrderIndex(rows)
        for descending in [true, false] {
            index.setSort(column, descending: descending)
            var few: [OrderSummary] = []
            for n in [2, 40, 41, 900, 4_000] {
                var row = rows[n]
                row.paidAt = "2023-0\(1 + n % 9)-1\(n % 10)T0\(n % 10):00:00"
                row.customer = "Cliente \(n % 7)"
                row.itemCount = n % 4
                row.total = Double(n % 13)
                row.status = n % 2 == 0 ? .shipped : .pending
                row.carrier = n % 3 == 0 ? nil : "DHL \(n % 5)"
                row.latestOutboundStatus = "s\(n % 6)"
                rows[n] = row
                few.append(row)
            }
            few.append(OrderSummary(key: OrderKey(idChannel: 77, idOrder: "added-\(descending)"), status: .pending, paidAt: "2022-01-01T00:00:00"))
            rows.append(few.last!)
            index.upsert(few)
            #expect(Self.visibleKeys(index) == Self.reference(rows, column, descending: descending), "\(column) moved one by one")
            let many = (0..<100).map { n -> OrderSummary in
                var row = rows[n * 13]
                row.paidAt = "2021-02-0\(1 + n % 9)T10:00:00"
                row.customer = "Otra \(n % 11)"
                rows[n * 13] = row
                return row
            }
            index.upsert(many)
            #expect(Self.visibleKeys(index) == Self.reference(rows, column, descending: descending), "\(column) sorted afresh")
        }
    }

    @Test func rowTableFindsEveryKeyAndKeepsTheFirstOfARepeat() {
        var index = OrderIndex(Self.rows)
        for row in Self.rows.prefix(500) { #expect(index.summary(for: row.key)?.key == row.key) }
        #expect(index.summary(for: Self.rows[3].key) == Self.rows[3])
        #expect(index.summary(for: OrderKey(idChannel: 1, idOrder: "missing")) == nil)
        // Appending grows the table past its load limit many times over.
        var small = OrderIndex([])
        let added = (0..<3_000).map { OrderSummary(key: OrderKey(idChannel: 9, idOrder: "n\($0)"), status: .pending, customer: "c\($0)") }
        for chunk in stride(from: 0, to: added.count, by: 250) { small.upsert(Array(added[chunk..<min(chunk + 250, added.count)])) }
        #expect(small.count == 3_000)
        for row in added { #expect(small.summary(for: row.key)?.customer == row.customer) }
        index.upsert(added)
        #expect(index.visibleIndex(of: added[2_999].key) != nil)
    }
}
