import Foundation
import OrderDeskTestSupport
import OrderKit
import OrderSandbox
import Testing

/// Issue 17: the persisted list index and the store never disagree, even when `orders import`
/// is killed -9 in the middle: after the kill the list read through the index (and the rows
/// written since) equals the store's rows, whichever way the kill left them.
@Suite struct ListIndexKillTests {
    /// A report of `count` orders, `prefix` in every customer name (so a second report changes rows).
    static func report(_ ids: Range<Int>, customer: String) -> String {
        var text = "["
        for n in ids {
            if n > ids.lowerBound { text += "," }
            text += #"{"id_channel":\#(n % 2 == 0 ? 4301 : 4308),"id_order":"K\#(n)","status":"\#(n % 7 == 0 ? "shipped" : "ready_to_ship")","#
                + #""payment_accredited_at":"2024-0\#(1 + n % 9)-1\#(n % 10)T1\#(n % 10):00:00","currency":"MXN","total":\#(n % 500),"#
                + #""customer":{"first_name":"\#(customer)","last_name":"Núñez \#(n)","email":"c\#(n)@example.mx"},"#
                + #""items":[{"id_item":"\#(n)","sku":"SKU-\#(n % 97)","quantity":1,"price":1,"status":"ready_to_ship"}]}"#
        }
        return text + "]"
    }

    static func expectAgreement(_ path: String, _ comment: String) throws -> (rows: Int, rebuilt: String?) {
        let store = try OrderStore(path: path)
        let list = try store.openList()
        let viaIndex = Dictionary(uniqueKeysWithValues: list.summaries.map { ($0.key, $0) })
        let stored = Dictionary(uniqueKeysWithValues: try store.allSummaries().map { ($0.key, $0) })
        #expect(viaIndex.count == stored.count, "\(comment): \(viaIndex.count) rows through the index, \(stored.count) in the store")
        let differing = stored.filter { viaIndex[$0.key] != $0.value }.map(\.key)
        #expect(differing.isEmpty, "\(comment): \(differing.count) rows differ, e.g. \(differing.prefix(3))")
        return (stored.count, store.lastListRebuildReason)
    }

    @Test(.timeLimit(.minutes(5)))
    func killedImportsLeaveIndexAndStoreInAgreement() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-kill-index-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let first = home + "/first.json", second = home + "/second.json"
        try Data(Self.report(0..<2_000, customer: "Ana").utf8).write(to: URL(fileURLWithPath: first))
        try Data(Self.report(1_000..<41_000, customer: "Bea").utf8).write(to: URL(fileURLWithPath: second))
        // A sandbox of this test's own, so the cache persists between runs (the in-process one
        // starts each run with a fresh cache).
        let server = try await SandboxServer.start(SandboxOptions(orders: 10))
        defer { Task { await server.stop() } }
        let sandbox = ["ORDERDESK_SANDBOX_URL": server.baseURL]
        let environment = CLISecretsAndHostileTextTests.isolated(home: home, sandbox)

        let imported = try await ProcessRunner.run(ProcessRunner.orderdesk, ["orders", "import", first], environment: environment)
        #expect(imported.status == 0, "\(imported.all)")
        let port = try #require(URL(string: server.baseURL)?.port)
        let path = home + "/state/orderdesk/sandbox-\(port).sqlite"
        #expect(FileManager.default.fileExists(atPath: path + ".list"), "the import wrote the list index")
        let (firstRows, _) = try Self.expectAgreement(path, "after a whole import")
        #expect(firstRows == 2_000, "\(imported.all)")

        // Killed at four moments of the same import: early (a few batches in), in the middle,
        // late, and as its last rows are in (the index may be being rewritten). Each kill leaves some of
        // the new rows and changes committed.
        var seen: [String] = []
        for threshold in [3_000, 15_000, 40_000, 41_000] {
            let killed = try CLIProcess.launch(["orders", "import", second], home: home, environment: sandbox)
            let watcher = try OrderStore(path: path)
            let started = ContinuousClock.now
            while try watcher.orderCount() < threshold, killed.process.isRunning, ContinuousClock.now - started < .seconds(120) {
                try await Task.sleep(for: .milliseconds(20))
            }
            let wasRunning = killed.process.isRunning
            killed.kill9()
            let (rows, rebuilt) = try Self.expectAgreement(path, "killed past \(threshold) rows")
            seen.append("past \(threshold): \(rows) rows, \(wasRunning ? "killed" : "had ended"), \(rebuilt.map { "rebuilt (\($0))" } ?? "index + rows since")")
        }
        print("list index after kill -9: " + seen.joined(separator: "; "))
        _ = try Self.expectAgreement(path, "at the end")
        let folder = (path as NSString).deletingLastPathComponent
        let halfWritten = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".sandbox-") }
        #expect(halfWritten.isEmpty, "files a killed import left are removed by the next write: \(halfWritten)")
    }
}
