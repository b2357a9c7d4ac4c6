import AsyncHTTPClient
import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct ControlTests {
    static let ready = #"{"id_order":"12345","id_channel":4308,"status":"ready_to_ship"}"#

    func setFaults(_ h: Harness, _ json: String) async throws {
        let reply = try await h.send(.POST, "/_sandbox/faults", body: json)
        #expect(reply.status == 200)
    }

    @Test func errorRateAnswers500BeforeAnyChange() async throws {
        try await Harness.with { h in
            try await setFaults(h, #"{"error_rate": 1.0}"#)
            let yuju = try await h.yuju(.PUT, "/orders/status", body: Self.ready)
            #expect(yuju.status == 500)
            #expect(yuju.message == SandboxText.injectedError)
            let bridge = try await h.send(.POST, "/bridge/auth/login", body: "{}")
            #expect(bridge.status == 500)
            #expect(bridge.object["ack"] as? Int == BridgeAck.unknown)
            let datacrush = try await h.send(.POST, "/datacrush/ecommerce/v1/order/add?portal_id=1&api_key=sandbox-key", body: "[]")
            #expect(try datacrush.decode(DatacrushResult.self) == .fail(code: 500, message: DatacrushText.internalError))
            // Control routes are never faulted.
            let stats = try await h.stats()
            #expect((stats["transitions"] as? [String: Any])?.isEmpty == true)
            #expect((stats["requests"] as? [String: Int])?["PUT /yuju/orders/status"] == 1)
            try await setFaults(h, #"{"error_rate": 0}"#)
            #expect(try await h.yuju(.PUT, "/orders/status", body: Self.ready).status == 200)
        }
    }

    @Test func force429AnswersEveryVendorCall() async throws {
        try await Harness.with { h in
            try await setFaults(h, #"{"force_429": true}"#)
            for reply in [
                try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345"),
                try await h.yuju(.POST, "/std-orders-report", body: ReportTests.seedIds),
                try await h.send(.POST, "/bridge/auth/login", body: "{}"),
                try await h.send(.POST, "/datacrush/ecommerce/v1/order/add?portal_id=1&api_key=sandbox-key", body: "[]"),
            ] {
                #expect(reply.status == 429)
                #expect(reply.headers.first(name: "Retry-After") == "1")
            }
            #expect(try await h.stats()["report_runs"] as? Int == 0)
            try await setFaults(h, #"{"force_429": false}"#)
            #expect(try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status == 200)
        }
    }

    @Test func dropRateClosesTheConnectionWithoutAnAnswer() async throws {
        try await Harness.with { h in
            try await setFaults(h, #"{"drop_rate": 1.0}"#)
            var applied = 0
            for attempt in 0..<6 {
                await #expect(throws: (any Error).self) {
                    _ = try await h.send(.GET, "/yuju/orders/?id_channel=4308&id_order=12345", headers: [("Authorization", "sandbox-token")], timeout: .seconds(5))
                }
                _ = attempt
            }
            // Half the drops happen after the change: some status PUTs land although unanswered.
            for _ in 0..<8 {
                try await h.waitForBucket()
                await #expect(throws: (any Error).self) {
                    _ = try await h.yuju(.PUT, "/orders/status", body: #"{"id_order":"12345","id_channel":4308,"status":"canceled"}"#)
                }
                let transitions = (try await h.stats()["transitions"] as? [String: [Any]])?["4308/12345"]?.count ?? 0
                applied = transitions
                if applied > 0 { break }
            }
            #expect(applied == 1, "a drop after the change applies it once")
            try await setFaults(h, #"{"drop_rate": 0}"#)
            try await h.waitForBucket()
            #expect(try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status == 200)
        }
    }

    @Test func latencyDelaysVendorCallsOnly() async throws {
        try await Harness.with { h in
            // A long latency keeps the control call's margin wide on a loaded CI machine.
            try await setFaults(h, #"{"latency_ms": 4000}"#)
            let start = ContinuousClock.now
            _ = try await h.send(.POST, "/bridge/auth/login", body: "{}")
            #expect(ContinuousClock.now - start >= .milliseconds(4000))
            let control = ContinuousClock.now
            _ = try await h.stats()
            #expect(ContinuousClock.now - control < .milliseconds(4000))
        }
    }

    @Test func badControlBodiesAre400() async throws {
        try await Harness.with { h in
            let bodies = [("/_sandbox/faults", #"{"error_rate": 2}"#), ("/_sandbox/faults", #"{"bogus": 1}"#),
                          ("/_sandbox/clock", #"{"advance_seconds": -5}"#), ("/_sandbox/clock", "nope")]
            for (path, body) in bodies {
                let reply = try await h.send(.POST, path, body: body)
                #expect(reply.status == 400, "\(path) \(body)")
            }
        }
    }

    @Test func resetRestoresDataCountersAndClock() async throws {
        try await Harness.with { h in
            #expect(try await h.yuju(.PUT, "/orders/status", body: Self.ready).status == 200)
            _ = try await h.yuju(.POST, "/std-orders-report", body: "{}")
            try await h.advanceClock(seconds: 86_400)
            try await setFaults(h, #"{"latency_ms": 5}"#)
            #expect(try await h.send(.POST, "/_sandbox/reset").status == 200)
            let stats = try await h.stats()
            #expect(stats["report_runs"] as? Int == 0)
            #expect(stats["noop_status_puts"] as? Int == 0)
            #expect((stats["requests"] as? [String: Int])?.isEmpty == true)
            #expect((stats["transitions"] as? [String: Any])?.isEmpty == true)
            #expect((stats["bridge_notes"] as? [String: Any])?.isEmpty == true)
            #expect(Set(stats.keys) == ["requests", "rate_limited", "report_runs", "transitions", "noop_status_puts", "bridge_notes", "webhooks"])
            #expect(stats["webhooks"] as? [String: Int] == ["sent": 0, "failed": 0, "dropped": 0])
            let order = try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").decode(YujuOrder.self)
            #expect(order.status == .pending)
            #expect(await h.server.state.clock.offset == 0)
        }
    }

    /// `POST /_sandbox/orders`: pending orders paid now, each with a BRIDGE twin, in the
    /// order list and the report like any other.
    @Test func newOrdersArePendingPaidNowAndEverywhere() async throws {
        try await Harness.with { h in
            let reply = try await h.send(.POST, "/_sandbox/orders", body: #"{"count": 3}"#)
            #expect(reply.status == 200)
            let created = try #require(reply.object["orders"] as? [[String: Any]])
            #expect(created.count == 3)
            let ids = created.compactMap { $0["id_order"] as? String }
            #expect(Set(ids).count == 3)
            let seeded = await h.seeded { _ in true }
            #expect(seeded.count == 303)
            for entry in created {
                let path = "/orders/?id_channel=\(entry["id_channel"] as? Int ?? 0)&id_order=\(entry["id_order"] as? String ?? "")"
                let order = try await h.yuju(.GET, path).decode(YujuOrder.self)
                #expect(order.status == .pending)
                #expect(order.items?.allSatisfy { $0.status == .pending } == true)
                #expect(order.carrier == nil)
                #expect(order.paymentAccreditedAt == order.orderCreatedAt)
                let bridge = await h.server.state.bridge.byExternal[BridgeStore.externalKey(number: order.idOrder, channel: "YJ\(order.idChannel)")]
                #expect(bridge != nil)
                try await h.waitForBucket()
            }
        }
    }

    @Test func ordersAndWebhooksRoutesRefuseWhatIsNotDocumented() async throws {
        try await Harness.with { h in
            for body in ["", "[]", #"{"count": 0}"#, #"{"count": 1001}"#, #"{"count": "x"}"#, #"{"count": 1, "updates": -1}"#] {
                #expect(try await h.send(.POST, "/_sandbox/orders", body: body).status == 400, "\(body)")
            }
            for body in [
                "", #"{}"#, #"{"url": "http://127.0.0.1:9/x"}"#, #"{"url": "http://10.0.0.1:9/x", "secret": "s"}"#,
                #"{"url": "https://127.0.0.1:9/x", "secret": "s"}"#, #"{"url": 5, "secret": "s"}"#, #"{"url": "http://127.0.0.1:9/x", "secret": ""}"#,
            ] {
                #expect(try await h.send(.POST, "/_sandbox/webhooks", body: body).status == 400, "\(body)")
            }
            let registered = try await h.send(.POST, "/_sandbox/webhooks", body: #"{"url": "http://127.0.0.1:9/webhooks/yuju", "secret": "s"}"#)
            #expect(registered.status == 200)
            #expect(registered.object["url"] as? String == "http://127.0.0.1:9/webhooks/yuju")
            #expect(await h.server.state.webhookTarget != nil)
            #expect(try await h.send(.POST, "/_sandbox/webhooks", body: #"{"url": null}"#).status == 200)
            #expect(await h.server.state.webhookTarget == nil)
            // Reset forgets the target too.
            _ = try await h.send(.POST, "/_sandbox/webhooks", body: #"{"url": "http://127.0.0.1:9/webhooks/yuju", "secret": "s"}"#)
            _ = try await h.send(.POST, "/_sandbox/reset")
            #expect(await h.server.state.webhookTarget == nil)
        }
    }

    @Test func statsCountRequestsByMethodAndPath() async throws {
        try await Harness.with { h in
            _ = try await h.yuju(.GET, "/orders/outbounds?id_channel=4301&id_order=50032")
            _ = try await h.send(.POST, "/bridge/auth/login", body: "{}")
            _ = try await h.send(.POST, "/bridge/auth/login", body: "{}")
            let requests = try #require(try await h.stats()["requests"] as? [String: Int])
            #expect(requests == ["GET /yuju/orders/outbounds": 1, "POST /bridge/auth/login": 2])
        }
    }

    @Test func openAPIDocumentIsServed() async throws {
        try await Harness.with { h in
            let reply = try await h.send(.GET, "/_sandbox/openapi.yaml")
            #expect(reply.status == 200)
            #expect(reply.text.hasPrefix("openapi: 3.0"))
            for path in ["/yuju/orders/status", "/yuju/orders/outbounds", "/yuju/std-orders-report", "/bridge/auth/login",
                         "/bridge/order/status", "/datacrush/ecommerce/v1/order/add", "/_sandbox/faults", "/files/reports/{file}"] {
                #expect(reply.text.contains("  \(path):"), "\(path)")
            }
        }
    }
}

@Suite struct ConcurrencyTests {
    @Test func manyConcurrentRequestsAreAllAnsweredAndCounted() async throws {
        try await Harness.with(Harness.frozen) { h in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        index.isMultiple(of: 2)
                            ? try await h.send(.POST, "/bridge/auth/login", body: #"{"clientId":"sandbox","clientSecret":"sandbox-secret"}"#).status
                            : try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 60)
            // 30 Yuju calls at once on a stopped clock: exactly the bucket's 2 get through.
            let passed = statuses.filter { $0 == 200 }.count - 30
            #expect(passed == 2)
            #expect(statuses.filter { $0 == 429 }.count == 30 - passed)
            let stats = try await h.stats()
            #expect((stats["requests"] as? [String: Int])?["POST /bridge/auth/login"] == 30)
            #expect((stats["rate_limited"] as? [String: Int])?["GET /yuju/orders/"] == 30 - passed)
        }
    }
}
