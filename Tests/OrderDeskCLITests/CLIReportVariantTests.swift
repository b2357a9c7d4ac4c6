import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderKit
import OrderSandbox
import Testing

/// The report structure requested is the one imported, and an `only_ids` run's ids are kept so
/// exactly those orders can be refreshed.
@Suite(.serialized) struct CLIReportVariantTests {
    /// Requests the sandbox saw, by `METHOD /path` without the `/yuju` prefix.
    private static func requests(_ server: SandboxServer) throws -> [String: Int] {
        let data = try Data(contentsOf: URL(string: server.baseURL + "/_sandbox/stats")!)
        let stats = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let counts = stats["requests"] as? [String: Int] ?? [:]
        return Dictionary(counts.map { ($0.key.replacingOccurrences(of: " /yuju/", with: " /"), $0.value) }, uniquingKeysWith: +)
    }

    @Test func onlyIdsRunKeepsItsIdsAndRefreshesExactlyThoseOrders() async throws {
        try await CLICommandTests.with { server, home in
            let now = Date()
            let from = WireDate.formatFilter(now.addingTimeInterval(-30 * 86_400)), to = WireDate.formatFilter(now)
            let run = try CLICommandTests.run(
                ["report", "run", "--from", from, "--to", to, "--channel", "4301", "--return-type", "only_ids", "--wait"], sandbox: server, home: home)
            #expect(run.status == 0, "\(run.err)")
            let idReport = try #require(run.out.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
            let ids = try #require(run.out.firstMatch(of: /imported 0 orders, (\d+) ids/)).1
            let count = try #require(Int(ids))
            #expect(count > 0, "\(run.out)")
            #expect(run.err.contains("orders refresh --from-report \(idReport)"))
            // The report ran on /orders-report: the structure the importer reads.
            #expect(try Self.requests(server)["POST /orders-report"] == 1)

            let before = try Self.requests(server)["GET /orders/"] ?? 0
            let refresh = try CLICommandTests.run(["orders", "refresh", "--from-report", idReport], sandbox: server, home: home)
            #expect(refresh.status == 0, "\(refresh.err)")
            let refreshed = refresh.out.split(separator: "\n").filter { $0.hasPrefix("refreshed 4301/") }
            #expect(refreshed.count == count)
            #expect(try Self.requests(server)["GET /orders/"] ?? 0 == before + count)
            let list = try CLICommandTests.run(["orders", "list", "--json"], sandbox: server, home: home)
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
            #expect(orders.count == count)

            let unknown = try CLICommandTests.run(["orders", "refresh", "--from-report", "0123456789abcdef"], sandbox: server, home: home)
            #expect(unknown.status != 0 && unknown.err.contains("no ids kept for report"))
        }
    }

    @Test func aStandardisedRunIsNotWaitedForAndSpendsNothing() async throws {
        try await CLICommandTests.with { server, home in
            let now = Date()
            let from = WireDate.formatFilter(now.addingTimeInterval(-30 * 86_400)), to = WireDate.formatFilter(now)
            let refused = try CLICommandTests.run(["report", "run", "--from", from, "--to", to, "--std", "--wait"], sandbox: server, home: home)
            #expect(refused.status != 0)
            #expect(refused.err.contains("no run was spent"), "\(refused.err)")
            #expect(try Self.requests(server).keys.filter { $0.contains("report") }.isEmpty)
            let requested = try CLICommandTests.run(["report", "run", "--from", from, "--to", to, "--std"], sandbox: server, home: home)
            #expect(requested.status == 0, "\(requested.err)")
            #expect(try Self.requests(server)["POST /std-orders-report"] == 1)
        }
    }
}
