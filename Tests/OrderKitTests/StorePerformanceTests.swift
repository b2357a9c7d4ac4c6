import Foundation
import Testing
@testable import OrderKit

/// Timings of the store at 100,000 orders. Not part of the default run (they take seconds and
/// write ~100 MB to the temp dir): `ORDERDESK_PERF=1 swift test --filter StorePerformance`.
/// The figures are printed; the assertions are only generous ceilings.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ORDERDESK_PERF"] == "1"), .serialized)
struct StorePerformanceTests {
    static let orderCount = Int(ProcessInfo.processInfo.environment["ORDERDESK_PERF_ORDERS"] ?? "") ?? 100_000

    /// A `complete` report the way Yuju writes it: one order per element, two items each, a
    /// billing address and fields OrderDesk does not model.
    static func completeReport(count: Int) -> Data {
        var text = "[\n"
        text.reserveCapacity(count * 1_100)
        for n in 0..<count {
            let id = 50_000 + n
            let channel = 4301 + n % 3
            let day = 1 + n % 28
            let status = ["pending", "ready_to_ship", "shipped", "delivered"][n % 4]
            if n > 0 { text += ",\n" }
            text += """
                {"id_shop":7,"id_channel":\(channel),"id_order":"\(id)","status":"\(status)",\
                "order_created_at":"2024-05-\(day < 10 ? "0" : "")\(day)T09:\(n % 60 < 10 ? "0" : "")\(n % 60):00",\
                "order_updated_at":"2024-05-\(day < 10 ? "0" : "")\(day)T10:00:00",\
                "payment_accredited_at":"2024-05-\(day < 10 ? "0" : "")\(day)T09:30:00","currency":"MXN",\
                "total":\(100 + n % 900).5,"paid_total":\(100 + n % 900).5,"shipping_cost":99,"notes":"Entregar en portería ñ",\
                "carrier":null,"customer":{"first_name":"Cliente\(n % 977)","last_name":"Pérez Muñoz","email":"c\(n)@example.com","phone":"+52 55 1234 5678"},\
                "billing_address":{"street":"Av. Reforma \(n % 300)","city":"CDMX","zip":"06600","country":"MX"},\
                "items":[{"id_item":"\(id)1","sku":"SKU-\(n % 5000)","name":"Playera algodón talla M","quantity":1,"price":\(50 + n % 400).25,"status":"\(status)","claims":[]},\
                {"id_item":"\(id)2","sku":"SKU-\(n % 7000 + 5000)","name":"Gorra bordada 🧢","quantity":2,"price":25,"status":"\(status)","claims":[]}],\
                "actions":[{"name":"print_label","params":{"format":"pdf"}}],"claims":[],"tags":["web","promo"]}
                """
        }
        text += "\n]\n"
        return Data(text.utf8)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    @Test func importListAndUpsert100k() throws {
        let clock = ContinuousClock()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-perf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let reportURL = directory.appendingPathComponent("complete.json")
        let report = Self.completeReport(count: Self.orderCount)
        try report.write(to: reportURL)
        print("perf: report file \(Self.orderCount) orders, \(report.count / 1_048_576) MiB")

        // Where the import's time goes: splitting alone, then splitting and decoding (no database).
        let scanOnly = try clock.measure {
            let streamer = try JSONArrayStreamer(url: reportURL)
            while try streamer.next() != nil {}
        }
        let decoder = JSONDecoder()
        let scanDecode = try clock.measure {
            let streamer = try JSONArrayStreamer(url: reportURL)
            while let element = try streamer.next() { _ = try decoder.decode(YujuOrder.self, from: element.bytes) }
        }
        print("perf: split only \(Self.seconds(scanOnly)) s; split + decode YujuOrder \(Self.seconds(scanDecode)) s")

        // Import end to end (read, split, decode, write) into a fresh file store, three times.
        var importTimes: [Double] = []
        var store: OrderStore!
        for run in 0..<3 {
            store = try OrderStore(path: directory.appendingPathComponent("import\(run)/state.sqlite").path)
            var summary = ImportSummary()
            let took = try clock.measure { summary = try store.importReportFile(at: reportURL, progress: nil) }
            #expect(summary.orders == Self.orderCount && summary.skipped == 0)
            importTimes.append(Self.seconds(took))
        }
        print("perf: importReportFile \(Self.orderCount) complete orders: median \(Self.median(importTimes)) s of \(importTimes)")

        // Re-import over a full cache (every row an update).
        let reimport = try clock.measure { _ = try store.importReportFile(at: reportURL, progress: nil) }
        print("perf: importReportFile over a full cache: \(Self.seconds(reimport)) s")

        // Some history for the list's extra columns: an outbound for every 10th order, an outbox
        // entry for every 20th.
        let keys = try store.allSummaries().map(\.key)
        for key in keys.prefix(Self.orderCount / 10) {
            try store.upsertOutbound(OutboundRecord(
                orderIntExternalPk: UUID().uuidString, createdAt: "2024-05-02 10:00:00", updatedAt: "2024-05-02 10:00:00",
                idChannel: key.idChannel, idOrder: key.idOrder, idShop: 7, moduleName: "wms", extra: nil,
                reference: "REF-\(key.idOrder)", message: "Empacado", status: "packed", type: "order", actions: []))
        }
        let requests = keys.prefix(Self.orderCount / 20).map {
            OutboxRequest.status(StatusChangeRequest(idOrder: $0.idOrder, idChannel: $0.idChannel, status: .shipped, carrier: "DHL"), mirrorToBridge: false)
        }
        let enqueueTime = try clock.measure { _ = try store.enqueue(Array(requests), user: "perf", at: Date()) }
        print("perf: enqueue \(requests.count) requests in one transaction: \(Self.seconds(enqueueTime)) s")

        var listTimes: [Double] = []
        var summaries: [OrderSummary] = []
        for _ in 0..<5 {
            listTimes.append(Self.seconds(try clock.measure { summaries = try store.allSummaries() }))
        }
        #expect(summaries.count == Self.orderCount)
        #expect(summaries.filter { $0.latestOutboundStatus != nil }.count == Self.orderCount / 10)
        #expect(summaries.filter { $0.outboxState != nil }.count == Self.orderCount / 20)
        print("perf: allSummaries \(summaries.count) rows (\(Self.orderCount / 10) outbounds, \(requests.count) outbox entries): median \(Self.median(listTimes)) s of \(listTimes)")

        // upsertOrders of already decoded orders (the GET /orders path), batches of 1,000.
        let storedOrders: [StoredOrder] = try keys.map { try #require(try store.order($0)) }
        let fresh = try OrderStore(path: directory.appendingPathComponent("upsert/state.sqlite").path)
        let upsertInsert = try clock.measure { try fresh.upsertOrders(storedOrders) }
        let upsertUpdate = try clock.measure { try fresh.upsertOrders(storedOrders) }
        print("perf: upsertOrders \(storedOrders.count) orders: insert \(Self.seconds(upsertInsert)) s, update \(Self.seconds(upsertUpdate)) s")
    }
}
