import Foundation
import Testing
@testable import OrderKit

/// Issue 17: the persisted list index and the store never disagree. After imports and every
/// kind of change the list read through the index equals the store's rows; an index that
/// disagrees (cut short, edited, another store's, ahead of a restored store) is rebuilt.
@Suite struct ListIndexAgreementTests {
    typealias S = StoreTestSupport

    static func report(_ ids: Range<Int>, status: String = "ready_to_ship", customer: String = "Ana") -> String {
        "[" + ids.map { n in
            S.orderJSON(channel: n % 3 == 0 ? 4308 : 4301, id: "\(n)", status: n % 5 == 0 ? "shipped" : status,
                        paidAt: String(format: "2024-05-%02dT10:%02d:00", 1 + n % 28, n % 60), customer: (customer, "Núñez \(n)"))
        }.joined(separator: ",") + "]"
    }

    /// The store's rows and the index's, as dictionaries: equal or the test says which key differs.
    static func expectAgreement(_ store: OrderStore, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let list = try store.openList()
        let viaIndex = Dictionary(uniqueKeysWithValues: list.summaries.map { ($0.key, $0) })
        let stored = Dictionary(uniqueKeysWithValues: try store.allSummaries().map { ($0.key, $0) })
        #expect(viaIndex.count == stored.count, comment, sourceLocation: sourceLocation)
        for (key, summary) in stored where viaIndex[key] != summary {
            Issue.record("\(comment): \(key) is \(String(describing: viaIndex[key])) through the index, \(summary) in the store", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func indexFollowsImportsAndEveryKindOfChange() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        _ = try store.importReportFile(at: try S.writeFile(Self.report(0..<300), in: directory), progress: nil)
        #expect(FileManager.default.fileExists(atPath: path + ".list"), "the import writes the index")
        try Self.expectAgreement(store, "after the first import")
        // The ids were written in numeric order ("2" before "10"), so the table's order is not
        // the key order: the rebuild places every row where a binary search finds it.
        let index = try store.openList().index
        #expect((1..<index.count).allSatisfy { ListKeyOrder.less(index.key($0 - 1), index.key($0)) }, "rows in key order")
        #expect((0..<index.count).allSatisfy { index.row(of: index.key($0)) == $0 })
        #expect(try store.openList().changed.isEmpty)
        #expect(store.lastListRebuildReason == nil, "the file written by the import is used")

        let key = OrderKey(idChannel: 4301, idOrder: "1")
        try store.upsertOrders([try S.stored(S.orderJSON(id: "1", status: "shipped", customer: ("Zoë", "Ortiz")))])
        try store.upsertOrders([try S.stored(S.orderJSON(channel: 4312, id: "new-1"))])
        let entries = try store.enqueue([.status(StatusChangeRequest(idOrder: "2", idChannel: 4301, status: .shipped), mirrorToBridge: false)],
                                        user: "ana", at: Date())
        try store.markSending(id: entries[0].id, at: Date())
        try store.replaceOutbounds([S.outbound(pk: "p1", order: "4", createdAt: "2024-05-03T10:00:00", status: "done", reference: "GUIA-77")],
                                   for: OrderKey(idChannel: 4301, idOrder: "4"))
        try store.applyStatusChange(StatusChangeRequest(idOrder: "7", idChannel: 4301, status: .delivered))
        let list = try store.openList()
        #expect(store.lastListRebuildReason == nil, "a few changes are read beside the file, not rebuilt: \(store.lastListRebuildReason ?? "")")
        #expect(Set(list.changed.map(\.key)) == [key, OrderKey(idChannel: 4312, idOrder: "new-1"), OrderKey(idChannel: 4301, idOrder: "2"),
                                                OrderKey(idChannel: 4301, idOrder: "4"), OrderKey(idChannel: 4301, idOrder: "7")])
        try Self.expectAgreement(store, "after changes of every kind")
        #expect(list.summaries.first { $0.key == key }?.customer == "Zoë Ortiz")

        // A second import over the same orders: the index is current again.
        _ = try store.importReportFile(at: try S.writeFile(Self.report(150..<400, customer: "Bea"), in: directory, name: "second.json"), progress: nil)
        try Self.expectAgreement(store, "after a second import")
    }

    /// An import leaves at most a few rows beside the index: every start would pay for each row
    /// carried, the import pays once for the rewrite.
    @Test func anImportLeavesTheIndexCurrentPastAFewRows() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        _ = try store.importReportFile(at: try S.writeFile(Self.report(0..<300), in: directory), progress: nil)
        let many = OrderStore.listChangesCarriedAfterImport + 300
        _ = try store.importReportFile(at: try S.writeFile(Self.report(300..<(300 + many)), in: directory, name: "many.json"), progress: nil)
        #expect(try store.openList().changed.isEmpty, "\(many) rows imported: the index was rewritten")
        #expect(store.lastListRebuildReason == nil)
        _ = try store.importReportFile(at: try S.writeFile(Self.report(0..<5, customer: "Bea"), in: directory, name: "few.json"), progress: nil)
        #expect(try store.openList().changed.count == 5, "five rows are carried beside it")
        try Self.expectAgreement(store, "after the imports")
    }

    @Test func aDisagreeingIndexIsRebuiltNeverTrusted() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        _ = try store.importReportFile(at: try S.writeFile(Self.report(0..<120), in: directory), progress: nil)
        let url = try #require(store.listIndexURL)
        let good = try Data(contentsOf: url)

        func tamper(_ name: String, expecting reason: String, _ change: (inout Data) -> Void) throws {
            var bytes = good
            change(&bytes)
            try bytes.write(to: url)
            try Self.expectAgreement(store, Comment(rawValue: name))
            let why = try #require(store.lastListRebuildReason, "\(name): the index was trusted")
            #expect(why.contains(reason), "\(name): \(why)")
            try good.write(to: url)
        }
        try tamper("cut short", expecting: "length") { $0 = $0.prefix($0.count - 100) }
        try tamper("header edited", expecting: "checksum") { $0[40] ^= 1 }
        try tamper("a record edited", expecting: "differs from the store") { data in
            // A customer's name inside the records (the last section) changed, header intact.
            let needle = Data("Núñez 17".utf8)
            let range = data.range(of: needle)!
            data.replaceSubrange(range, with: Data("Núñez 71".utf8))
        }
        try tamper("not an index", expecting: "not a list index") { $0 = Data(repeating: 0x41, count: 4096) }

        // Another store's index under this store's name.
        let (otherDirectory, otherPath) = S.temporaryDatabasePath()
        defer { S.remove(otherDirectory) }
        let other = try OrderStore(path: otherPath)
        _ = try other.importReportFile(at: try S.writeFile(Self.report(0..<120), in: otherDirectory), progress: nil)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.copyItem(at: try #require(other.listIndexURL), to: url)
        try Self.expectAgreement(store, "another store's index")
        #expect(store.lastListRebuildReason?.contains("another store") == true, "\(store.lastListRebuildReason ?? "trusted")")
    }

    @Test func anIndexAheadOfARestoredStoreIsRebuilt() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        _ = try store.importReportFile(at: try S.writeFile(Self.report(0..<50), in: directory), progress: nil)
        let url = try #require(store.listIndexURL)
        let older = try Data(contentsOf: url)
        // The index moves on with an import; then the older index comes back (a copied state
        // directory, a restored backup): its generation is behind and rows are missing.
        _ = try store.importReportFile(at: try S.writeFile(Self.report(0..<70, customer: "Eva"), in: directory, name: "b.json"), progress: nil)
        try older.write(to: url)
        try Self.expectAgreement(store, "an older index")
        #expect(store.lastListRebuildReason == nil, "an older index of the same store is current plus the rows written since")
        // A store restored from before the index was written: its generation is behind the file's.
        try store.writer.write { db in try db.execute(sql: "UPDATE list_index_state SET generation = generation - 3") }
        try Self.expectAgreement(store, "a restored store")
        #expect(store.lastListRebuildReason?.contains("ahead of the store") == true, "\(store.lastListRebuildReason ?? "trusted")")
    }
}
