import AsyncHTTPClient
import Foundation
import NIOHTTP1
import OrderKit
@testable import OrderSandbox
import Testing

/// quality.md, "sandbox under schemathesis … no 5xx": the fast part in `swift test`. Junk
/// bodies, queries and path values to every documented route answer 4xx (or 2xx), never 5xx
/// and never a dropped connection, and the sandbox keeps serving. The full run against the
/// sandbox's own OpenAPI document is `scripts/reliability-schemathesis.sh`.
@Suite struct SandboxRobustnessTests {
    /// Found by schemathesis: `{"advance_seconds": 1.58e308}` trapped in the date arithmetic.
    @Test func anAbsurdClockAdvanceIsRefusedNotACrash() async throws {
        try await Harness.with { h in
            for body in [#"{"advance_seconds": 1.5808167112816203e+308}"#, #"{"advance_seconds": 1e20}"#, #"{"advance_seconds": 3.2e9}"#] {
                #expect(try await h.send(.POST, "/_sandbox/clock", body: body).status == 400, "\(body)")
            }
            try await h.advanceClock(seconds: 3_000_000_000)
            #expect(try await h.send(.POST, "/_sandbox/clock", body: #"{"advance_seconds": 200000000}"#).status == 400, "a century in all")
            #expect(try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status == 200)
        }
    }

    static let routes: [(HTTPMethod, String)] = [
        (.POST, "/yuju/auth-generate-token"), (.PUT, "/yuju/orders/status"), (.GET, "/yuju/orders/"),
        (.GET, "/yuju/orders/outbounds"), (.POST, "/yuju/orders/outbounds"), (.PUT, "/yuju/orders/outbounds"),
        (.POST, "/yuju/std-orders-report"), (.GET, "/yuju/std-orders-report/X"), (.POST, "/yuju/orders-report"),
        (.GET, "/yuju/orders-report/X"), (.GET, "/files/reports/X"), (.POST, "/bridge/auth/login"),
        (.POST, "/bridge/order/change-status/state/change"), (.POST, "/bridge/order/status"),
        (.POST, "/datacrush/ecommerce/v1/order/add"), (.POST, "/_sandbox/clock"), (.POST, "/_sandbox/faults"),
    ]

    static let junkBodies = [
        "", "null", "[]", "{}", "\"x\"", "{\"id_order\":", "\u{0}\u{1B}[2J", "{\"id_channel\":1e400,\"id_order\":[],\"status\":{}}",
        "{\"filters\":{\"payment_accredited_at\":{\"from\":\"9999-99-99T99:99:99\",\"to\":1}},\"order_ids\":\"x\"}",
        "[{\"id\":9223372036854775808,\"items\":[{}]}]", "{\"advance_seconds\":\"1\",\"latency_ms\":-1,\"error_rate\":\"nan\"}",
        "{\"orderState\":\"" + String(repeating: "ñ", count: 50_000) + "\",\"internalNumber\":null}",
        String(repeating: "[", count: 10_000),
    ]
    static let junkQueries = ["", "?id_channel=abc&id_order=", "?id_channel=99999999999999999999&id_order=%00%1B", "?id_channel=4301&id_order=50032&order_int_external_pk=%FF",
                              "?return_type=%E2%80%AE&portal_id=-1&api_key=sandbox-key", "?id_channel=4301&id_channel=4308&id_order=12345"]

    @Test func junkToEveryRouteIsNeverA5xx() async throws {
        // Frozen clock: the 2 req/s bucket refills only when the test moves time, so junk reaches
        // validation instead of stopping at 429.
        try await Harness.with(Harness.frozen) { h in
            let bridge = try await h.bridgeToken()
            var answered: [Int: Int] = [:]
            for (method, path) in Self.routes {
                for (index, body) in Self.junkBodies.enumerated() {
                    let query = Self.junkQueries[index % Self.junkQueries.count]
                    try await h.advanceClock(seconds: 1)
                    let reply = try await h.send(method, path + query, headers: [("Authorization", SandboxCredentials.yujuToken), ("x-access-token", bridge)], body: body)
                    answered[reply.status, default: 0] += 1
                    #expect(reply.status < 500, "\(method) \(path)\(query) with \(body.prefix(60).debugDescription) → \(reply.status)")
                }
            }
            // Faults stay off whatever the junk set (a refused body changes nothing).
            _ = try await h.send(.POST, "/_sandbox/reset")
            #expect(answered.keys.contains { (400...499).contains($0) })
            #expect(try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status == 200)
        }
    }
}
