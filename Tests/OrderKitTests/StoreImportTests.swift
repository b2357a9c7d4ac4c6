import Foundation
import GRDB
import Testing
@testable import OrderKit

@Suite struct StoreImportTests {
    typealias S = StoreTestSupport

    /// Elements with strings full of the characters a scanner could trip on.
    static let trickyOrders: [String] = [
        S.orderJSON(id: "1", customer: ("Ñandú \\\"el [grande]\\\"", "Muñoz, {jr} 🚚")),
        S.orderJSON(id: "2", customer: ("back\\\\slash\\\\", "tab\\t and \\u00e9 ]},")),
        S.orderJSON(id: "3", customer: ("José", "Pérez 👩🏽‍💻")),
    ]

    static func array(_ elements: [String], pretty: Bool = false) -> String {
        pretty ? "[\n  " + elements.joined(separator: ",\n  ") + "\n]\n" : "[" + elements.joined(separator: ",") + "]"
    }

    @Test func streamerSplitsElementsAtEveryChunkSize() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-stream-\(UUID().uuidString)")
        defer { S.remove(directory) }
        let elements = Self.trickyOrders + ["\"id-\\\"quoted\\\"\"", "42", "null", "[1,[2,{\"a\":\"]\"}]]"]
        let url = try S.writeFile("\u{FEFF}" + Self.array(elements, pretty: true), in: directory)
        for chunkSize in [1, 2, 3, 7, 64, 1 << 20] {
            let streamer = try JSONArrayStreamer(url: url, chunkSize: chunkSize)
            var seen: [String] = []
            while let element = try streamer.next() { seen.append(String(decoding: element.bytes, as: UTF8.self)) }
            #expect(seen == elements, "chunk size \(chunkSize)")
        }
    }

    @Test func completeReportImportsWithTextIntactAtTinyChunks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-import-\(UUID().uuidString)")
        defer { S.remove(directory) }
        let url = try S.writeFile(Self.array(Self.trickyOrders, pretty: true), in: directory)
        for chunkSize in [1, 5, 1 << 20] {
            let store = try OrderStore.inMemory()
            let counts = Counter()
            let summary = try store.importReportFile(at: url, chunkSize: chunkSize, batchSize: 2) { counts.add($0) }
            #expect(summary == ImportSummary(orders: 3, ids: 0, skipped: 0, errors: []))
            #expect(counts.values == [2, 3])
            let first = try #require(try store.order(OrderKey(idChannel: 4301, idOrder: "1")))
            #expect(first.order.customer?.firstName == "Ñandú \"el [grande]\"")
            #expect(first.order.customer?.lastName == "Muñoz, {jr} 🚚")
            #expect(first.raw == Data(Self.trickyOrders[0].utf8))
            let second = try #require(try store.order(OrderKey(idChannel: 4301, idOrder: "2")))
            #expect(second.order.customer?.lastName == "tab\t and é ]},")
            #expect(try store.summaries(for: [OrderKey(idChannel: 4301, idOrder: "3")]).first?.customer == "José Pérez 👩🏽‍💻")
        }
    }

    @Test func basicReportKeepsCachedItems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-import-\(UUID().uuidString)")
        defer { S.remove(directory) }
        let store = try OrderStore.inMemory()
        let complete = try S.writeFile(Self.array([S.orderJSON(id: "1"), S.orderJSON(id: "2")]), in: directory, name: "complete.json")
        #expect(try store.importReportFile(at: complete, progress: nil).orders == 2)
        let basic = try S.writeFile(
            Self.array([S.orderJSON(id: "1", status: "shipped", items: nil), S.orderJSON(id: "3", items: nil)]),
            in: directory, name: "basic.json")
        #expect(try store.importReportFile(at: basic, progress: nil) == ImportSummary(orders: 2))
        let one = try #require(try store.order(OrderKey(idChannel: 4301, idOrder: "1")))
        #expect(one.order.status == .shipped)
        #expect(one.order.items?.count == 2)
        let three = try #require(try store.order(OrderKey(idChannel: 4301, idOrder: "3")))
        #expect(three.order.items == nil)
        #expect(try store.orderCount() == 3)
    }

    @Test func onlyIdsReportKeepsItsIds() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-import-\(UUID().uuidString)")
        defer { S.remove(directory) }
        let store = try OrderStore.inMemory()
        let url = try S.writeFile(#"[ "50032", "50033",  "A-\"1\"" ]"#, in: directory)
        var expected = ImportSummary(ids: 3)
        expected.idList = ["50032", "50033", #"A-"1""#]
        #expect(try store.importReportFile(at: url, chunkSize: 3, progress: nil) == expected)
        #expect(try store.orderCount() == 0)
        let empty = try S.writeFile(" [ ] ", in: directory, name: "empty.json")
        #expect(try store.importReportFile(at: empty, progress: nil) == ImportSummary())
    }

    @Test func malformedElementsAreSkippedWithContext() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-import-\(UUID().uuidString)")
        defer { S.remove(directory) }
        let store = try OrderStore.inMemory()
        let missingId = #"{"id_channel":4301,"status":"pending"}"#
        let broken = #"{"id_channel":4301,"id_order":"9","status":}"#
        let text = Self.array([S.orderJSON(id: "1"), missingId, broken, S.orderJSON(id: "2")])
        let url = try S.writeFile(text, in: directory)
        let summary = try store.importReportFile(at: url, chunkSize: 16, progress: nil)
        #expect(summary.orders == 2 && summary.skipped == 2)
        #expect(summary.errors.count == 2)
        let offset = 1 + S.orderJSON(id: "1").utf8.count + 1
        #expect(summary.errors[0].hasPrefix("element 1 at byte \(offset): missing field id_order"))
        #expect(summary.errors[1].hasPrefix("element 2 at byte \(offset + missingId.utf8.count + 1): invalid JSON"))
        #expect(summary.errors[1].contains(#""id_order":"9""#))
        #expect(try store.orderCount() == 2)
    }

    /// An import checkpoints less often and caches more; afterwards, whether it ended well or
    /// not, the writer is back to its usual settings.
    @Test func theWriterGetsItsUsualSettingsBackAfterAnImport() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        func settings() throws -> [Int] {
            try store.writer.writeWithoutTransaction { db in
                [try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")!, try Int.fetchOne(db, sql: "PRAGMA cache_size")!]
            }
        }
        let usual = try settings()
        #expect(usual != [ImportWriterSettings.duringImport.autocheckpointPages, ImportWriterSettings.duringImport.cacheSize])
        let good = try S.writeFile(Self.array((1...50).map { S.orderJSON(id: "\($0)") }), in: directory)
        #expect(try store.importReportFile(at: good, chunkSize: 512, batchSize: 7, progress: nil).orders == 50)
        #expect(try settings() == usual)
        let cut = try S.writeFile(String(Self.array([S.orderJSON(id: "x")]).dropLast(3)), in: directory, name: "cut.json")
        #expect(throws: ReportImportError.self) { _ = try store.importReportFile(at: cut, progress: nil) }
        #expect(try settings() == usual)
    }

    @Test func aTruncatedFileIsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-import-\(UUID().uuidString)")
        defer { S.remove(directory) }
        let full = Self.array([S.orderJSON(id: "1"), S.orderJSON(id: "2"), S.orderJSON(id: "3")])
        for cut in [full.utf8.count - 1, full.utf8.count - 40, 1] {
            let store = try OrderStore.inMemory()
            let url = try S.writeFile(String(decoding: Array(full.utf8.prefix(cut)), as: UTF8.self), in: directory)
            do {
                _ = try store.importReportFile(at: url, chunkSize: 100, batchSize: 1, progress: nil)
                Issue.record("a file cut at \(cut) imported without error")
            } catch let error as ReportImportError {
                guard case .truncated(_, let offset, _, let imported) = error else { Issue.record("\(error)"); continue }
                #expect(offset == cut)
                #expect(error.description.contains("cut short"))
                #expect(try store.orderCount() == imported)
            }
        }
        let store = try OrderStore.inMemory()
        let notArray = try S.writeFile(#"{"id_order":"1"}"#, in: directory, name: "object.json")
        #expect(throws: ReportImportError.notAnArray(path: notArray.path, byteOffset: 0)) { _ = try store.importReportFile(at: notArray, progress: nil) }
        let emptyFile = try S.writeFile("", in: directory, name: "zero.json")
        #expect(throws: ReportImportError.self) { _ = try store.importReportFile(at: emptyFile, progress: nil) }
        let missing = directory.appendingPathComponent("missing.json")
        #expect(throws: ReportImportError.self) { _ = try store.importReportFile(at: missing, progress: nil) }
    }
}

/// Collects progress calls (they come from the importing thread).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Int] = []
    func add(_ value: Int) { lock.withLock { seen.append(value) } }
    var values: [Int] { lock.withLock { seen } }
}
