import Foundation
import Testing
@testable import OrderKit

/// The faster `allSummaries` (rowid ranges read side by side, SKUs split on bytes) and the
/// reordered `JSONValue` decoding give what the plain versions gave.
@Suite struct StoreFastPathTests {
    typealias S = StoreTestSupport

    @Test func summariesReadInRangesEqualOneRead() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        let orders = try (0..<301).map { n in
            try S.stored(S.orderJSON(channel: 4301 + n % 3, id: "\(70_000 + n)", paidAt: "2024-05-\(10 + n % 18)T10:00:00",
                                     customer: ("Ña\(n)", "Pérez"), items: n % 5 == 0 ? [] : [("1", "sku-\(n)", "pending"), ("2", "é\(n)", "pending")]))
        }
        try store.upsertOrders(orders)
        let one = try store.allSummaries(parts: 1)
        #expect(one.count == 301)
        for parts in [2, 3, 7] {
            let split = try store.allSummaries(parts: parts)
            #expect(split.sorted { $0.key < $1.key } == one.sorted { $0.key < $1.key })
        }
        #expect(one.first { $0.key.idOrder == "70001" }?.skus == ["sku-1", "é1"])
        #expect(one.first { $0.key.idOrder == "70005" }?.skus == [])
    }

    @Test func skuColumnSplitsOnNewlinesOnly() {
        #expect(OrderRows.splitSKUs("") == [])
        #expect(OrderRows.splitSKUs("a") == ["a"])
        #expect(OrderRows.splitSKUs("a\nb\n\nc\n") == ["a", "b", "c"])
        #expect(OrderRows.splitSKUs("Ñ-1\n日本\n🧢") == ["Ñ-1", "日本", "🧢"])
        #expect(OrderRows.splitSKUs("x\r\ny") == ["x\r", "y"])
    }

    @Test func jsonValueDecodesEveryKind() throws {
        let text = #"{"s":"1","i":1,"d":1.5,"t":true,"f":false,"n":null,"a":[1,"x",[],{}],"o":{"k":{"z":-2}},"big":12345678901234,"e":1e3}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "s": .string("1"), "i": .int(1), "d": .double(1.5), "t": .bool(true), "f": .bool(false), "n": .null,
            "a": .array([.int(1), .string("x"), .array([]), .object([:])]), "o": .object(["k": .object(["z": .int(-2)])]),
            "big": .int(12_345_678_901_234), "e": try JSONDecoder().decode(JSONValue.self, from: Data("1e3".utf8)),
        ]))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("\"true\"".utf8)) == .string("true"))
        #expect(try JSONDecoder().decode([JSONValue].self, from: Data("[0, 1, 2.0]".utf8)) == [.int(0), .int(1), try JSONDecoder().decode(JSONValue.self, from: Data("2.0".utf8))])
    }
}
