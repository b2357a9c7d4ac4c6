import Foundation
import OrderKit
import OrderSandbox

/// "Report runs wasted on filters the server would reject": each invalid filter set is first
/// posted raw to a fresh sandbox (the control: the server answers 400 and counts a run), then
/// asked of OrderDesk (`OrderDeskServices.runReport`, which `report run` and the TUI's `R` both
/// call). Wasted = report requests that reached the server + runs it counted + runs spent in
/// OrderDesk's own 24-h ledger.
struct FilterResult {
    struct Case {
        var name: String
        var serverStatus: Int
        var serverCountedRun: Bool
        var orderDeskRefused: Bool
        var orderDeskMessage: String
        var requestsReachingServer: Int
        var runsCountedByServer: Int
        var ledgerRuns: Int
    }
    var cases: [Case] = []
    var wasted: Int { cases.reduce(0) { $0 + $1.requestsReachingServer + $1.runsCountedByServer + $1.ledgerRuns } }
    var serverRejected: Int { cases.filter { $0.serverStatus == 400 }.count }
}

enum ReportFilterBench {
    static func cases(now: Date) -> [(String, ReportRequest)] {
        func range(_ from: String?, _ to: String?, status: String? = nil, channels: [Int]? = nil) -> ReportRequest {
            ReportRequest(filters: .init(paymentAccreditedAt: .init(from: from, to: to), channels: channels, status: status))
        }
        let day = 86_400.0
        let f = { (date: Date) in WireDate.formatFilter(date, in: Assumed.yujuTimeZone) }
        return [
            ("no filters", ReportRequest(filters: .init())),
            ("range of 181 days", range(f(now.addingTimeInterval(-181 * day)), f(now))),
            ("range of 400 days", range(f(now.addingTimeInterval(-400 * day)), f(now))),
            ("end before start", range(f(now), f(now.addingTimeInterval(-day)))),
            ("end equals start", range(f(now), f(now))),
            ("date with slashes", range("2025/01/01 00:00:00", f(now))),
            ("date only, no time", range("2025-01-01", "2025-02-01")),
            ("only from", range(f(now.addingTimeInterval(-day)), nil)),
            ("only to", range(nil, f(now))),
            ("status not open/close", range(f(now.addingTimeInterval(-day)), f(now), status: "abierto")),
            ("empty order_ids, no range", ReportRequest(filters: .init(orderIds: []))),
        ]
    }

    static func run() async throws -> FilterResult {
        let server = try await SandboxServer.start(SandboxOptions(orders: 300, seed: 7, reportDelay: .milliseconds(50)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-bench-filters-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let services = Fixture.makeServices(baseURL: server.baseURL, statePath: directory.appendingPathComponent("state.sqlite").path)
        let transport = HTTPTransport(redactor: Redactor(secrets: []))
        var result = FilterResult()
        do {
            let encoder = JSONEncoder()
            for (name, request) in cases(now: Date()) {
                // Control: the request as a plain client would send it, to a fresh sandbox.
                _ = try await transport.send(TransportRequest(system: .yuju, method: .POST, url: server.baseURL + "/_sandbox/reset", endpoint: "POST /_sandbox/reset"))
                let raw = try await transport.send(TransportRequest(
                    system: .yuju, method: .POST, url: server.baseURL + "/yuju/std-orders-report?return_type=complete", endpoint: "POST /yuju/std-orders-report",
                    headers: ["Authorization": SandboxCredentials.yujuToken, "Content-Type": "application/json"], body: try encoder.encode(request)))
                let controlStats = try await stats(server, transport)

                // OrderDesk, on the same fresh sandbox.
                _ = try await transport.send(TransportRequest(system: .yuju, method: .POST, url: server.baseURL + "/_sandbox/reset", endpoint: "POST /_sandbox/reset"))
                let ledgerBefore = try services.store.reportRuns(since: .distantPast).count
                var refused = false, message = ""
                do {
                    _ = try await services.runReport(returnType: .complete, request, wait: false)
                } catch {
                    refused = true
                    message = String(describing: error)
                }
                let after = try await stats(server, transport)
                let ledgerAfter = try services.store.reportRuns(since: .distantPast).count
                result.cases.append(.init(
                    name: name, serverStatus: raw.status, serverCountedRun: controlStats.runs > 0, orderDeskRefused: refused,
                    orderDeskMessage: message, requestsReachingServer: after.reportRequests, runsCountedByServer: after.runs,
                    ledgerRuns: ledgerAfter - ledgerBefore))
            }
        } catch {
            await transport.shutdown()
            await services.shutdown()
            await server.stop()
            throw error
        }
        await transport.shutdown()
        await services.shutdown()
        await server.stop()
        return result
    }

    private static func stats(_ server: SandboxServer, _ transport: HTTPTransport) async throws -> (runs: Int, reportRequests: Int) {
        let response = try await transport.send(TransportRequest(system: .yuju, method: .GET, url: server.baseURL + "/_sandbox/stats", endpoint: "GET /_sandbox/stats"))
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else { throw BenchError("stats: not an object") }
        let runs = object["report_runs"] as? Int ?? -1
        let requests = (object["requests"] as? [String: Int] ?? [:]).filter { $0.key.contains("orders-report") && $0.key.hasPrefix("POST") }.values.reduce(0, +)
        return (runs, requests)
    }
}
