import AsyncHTTPClient
import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct YujuStatusTests {
    // Seed 001's request examples, verbatim.
    static let seedRequest = """
    {
        "id_order": "12345",
        "id_channel": 4308,
        "status": "ready_to_ship",
        "carrier": "test",
        "id_items": ["sku1"]
    }
    """
    static let seedMinimal = """
    {
        "id_order": "12345",
        "id_channel": 4308,
        "status": "shipped"
    }
    """

    @Test func startsOnAFreeLoopbackPortAndStops() async throws {
        let server = try await SandboxServer.start(Harness.quick)
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        await server.stop()
        await #expect(throws: (any Error).self) {
            _ = try await Harness(server: server).send(.GET, "/_sandbox/stats", timeout: .seconds(2))
        }
    }

    @Test func refusesANonLoopbackHost() async {
        await #expect(throws: SandboxServer.StartError.self) {
            _ = try await SandboxServer.start(SandboxOptions(host: "0.0.0.0", orders: 1))
        }
    }

    @Test func authAcceptsRawTokenAndBearerAndRefusesTheRest() async throws {
        try await Harness.with { h in
            let path = "/yuju/orders/?id_channel=4308&id_order=12345"
            for header in ["sandbox-token", "Token sandbox-token", "Bearer sandbox-token"] {
                let reply = try await h.send(.GET, path, headers: [("Authorization", header)])
                #expect(reply.status == 200, "\(header)")
                try await h.waitForBucket()
            }
            let missing = try await h.send(.GET, path)
            #expect(missing.status == 401)
            #expect(missing.message == Assumed.yujuUnauthorized)
            let wrong = try await h.send(.GET, path, headers: [("Authorization", "Bearer nope")])
            #expect(wrong.status == 401)
            #expect(wrong.message == Assumed.yujuUnauthorized)
        }
    }

    @Test func generatesATokenFromTheSandboxCredentials() async throws {
        try await Harness.with { h in
            let good = try await h.send(.POST, "/yuju/auth-generate-token", body: #"{"client_id":"sandbox","secret_key":"sandbox-secret","code":"sandbox-code"}"#)
            #expect(good.status == 200)
            #expect(good.object["token"] as? String == SandboxCredentials.yujuToken)
            let again = try await h.send(.POST, "/yuju/auth-generate-token", body: #"{"client_id":"sandbox","secret_key":"sandbox-secret","code":"sandbox-code"}"#)
            #expect(again.status == 200, "the fixed code stays valid after use")
            let bad = try await h.send(.POST, "/yuju/auth-generate-token", body: #"{"client_id":"sandbox","secret_key":"x","code":"sandbox-code"}"#)
            #expect(bad.status == 403)
            #expect(bad.message == Assumed.yujuInvalidCredential)
        }
    }

    @Test func seedExamplesChangeTheFixtureOrder() async throws {
        try await Harness.with { h in
            let first = try await h.yuju(.PUT, "/orders/status", body: Self.seedRequest)
            #expect(first.status == 200)
            #expect(first.object.keys.sorted() == ["message", "ok"])
            #expect(first.object["ok"] as? Int == 1)
            #expect(first.message == YujuText.statusOK)
            // Only sku1 moved: the order stays pending (its least advanced live item).
            var order = try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").decode(YujuOrder.self)
            #expect(order.status == .pending)
            #expect(order.items?.first { $0.sku == "sku1" }?.status == .readyToShip)
            #expect(order.items?.first { $0.sku == "sku2" }?.status == .pending)
            #expect(order.carrier == "test")
            try await h.waitForBucket()

            // The minimal example moves the whole order to shipped: refused, sku2 is still pending.
            let refused = try await h.yuju(.PUT, "/orders/status", body: Self.seedMinimal)
            #expect(refused.status == 400)
            #expect(refused.message == Assumed.transitionRefused(from: "pending", to: "shipped"))
            let whole = try await h.yuju(.PUT, "/orders/status", body: #"{"id_order":"12345","id_channel":4308,"status":"ready_to_ship"}"#)
            #expect(whole.status == 200)
            try await h.waitForBucket()
            let minimal = try await h.yuju(.PUT, "/orders/status", body: Self.seedMinimal)
            #expect(minimal.status == 200)
            order = try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").decode(YujuOrder.self)
            #expect(order.status == .shipped)
            #expect(order.carrier == SandboxText.defaultCarrier, "no carrier → the default carrier")

            let stats = try await h.stats()
            let transitions = try #require((stats["transitions"] as? [String: Any])?["4308/12345"] as? [[String: Any]])
            #expect(transitions.count == 3)
            #expect(transitions.map { $0["to"] as? String } == ["ready_to_ship", "ready_to_ship", "shipped"])
            #expect(transitions[0]["items"] as? [String] == ["sku1"])
            #expect(transitions[0]["carrier"] as? String == "test")
            #expect(Set(transitions[0].keys) == ["from", "to", "items", "carrier", "at"])
        }
    }

    @Test(arguments: [
        (#"{"id_channel":4308,"status":"shipped"}"#, YujuText.idOrderRequired),
        (#"{"id_order":"","id_channel":4308,"status":"shipped"}"#, YujuText.idOrderRequired),
        (#"{"id_order":"12345","status":"shipped"}"#, Assumed.idChannelRequired),
        (#"{"id_order":"12345","id_channel":4308}"#, Assumed.statusRequired),
        (#"{"id_order":"12345","id_channel":4308,"status":"pending"}"#, Assumed.statusValueInvalid),
        (#"{"id_order":"12345","id_channel":4308,"status":"lost"}"#, Assumed.statusValueInvalid),
        (#"{"id_order":"12345","id_channel":4308,"status":"shipped","carrier":" "}"#, Assumed.carrierEmpty),
        (#"{"id_order":"12345","id_channel":4308,"status":"shipped","id_items":[]}"#, Assumed.idItemsEmpty),
        (#"{"id_order":"99999999999","id_channel":4308,"status":"shipped"}"#, Assumed.orderNotFound),
        (#"{"id_order":"12345","id_channel":4308,"status":"ready_to_ship","id_items":["nope"]}"#, Assumed.itemNotInOrder("nope")),
        ("not json", YujuText.idOrderRequired),
    ])
    func validationTexts(body: String, text: String) async throws {
        try await Harness.with { h in
            let reply = try await h.yuju(.PUT, "/orders/status", body: body)
            #expect(reply.status == 400)
            #expect(reply.object.keys.sorted() == ["message"])
            #expect(reply.message == text)
        }
    }

    @Test func lifecycleAllowsForwardAndCancelAndRefusesTheRest() async throws {
        try await Harness.with { h in
            let pending = try await h.firstOrder(status: .pending)
            let key = "\"id_order\":\"\(pending.idOrder)\",\"id_channel\":\(pending.idChannel)"
            let back = try await h.yuju(.PUT, "/orders/status", body: "{\(key),\"status\":\"delivered\"}")
            #expect(back.status == 400)
            #expect(back.message == Assumed.transitionRefused(from: "pending", to: "delivered"))
            let cancel = try await h.yuju(.PUT, "/orders/status", body: "{\(key),\"status\":\"canceled\"}")
            #expect(cancel.status == 200)
            try await h.waitForBucket()
            let again = try await h.yuju(.PUT, "/orders/status", body: "{\(key),\"status\":\"canceled\"}")
            #expect(again.status == 200, "same status: idempotent")
            let fromFinal = try await h.yuju(.PUT, "/orders/status", body: "{\(key),\"status\":\"ready_to_ship\"}")
            #expect(fromFinal.status == 400)
            #expect(fromFinal.message == Assumed.transitionRefused(from: "canceled", to: "ready_to_ship"))
            let stats = try await h.stats()
            #expect(stats["noop_status_puts"] as? Int == 1)
            let transitions = (stats["transitions"] as? [String: Any])?["\(pending.idChannel)/\(pending.idOrder)"] as? [Any]
            #expect(transitions?.count == 1, "the no-op is not a transition")
        }
    }

    @Test func oneOrderHasTheDocumentedShape() async throws {
        try await Harness.with { h in
            let reply = try await h.yuju(.GET, "/orders/?id_channel=4301&id_order=50032")
            #expect(reply.status == 200)
            let keys = Set(reply.object.keys)
            #expect(keys.isSuperset(of: ["id_shop", "id_channel", "id_order", "status", "order_created_at", "order_updated_at",
                                         "payment_accredited_at", "currency", "total", "paid_total", "shipping_cost", "notes",
                                         "customer", "billing_address", "items", "actions"]))
            let item = try #require((reply.object["items"] as? [[String: Any]])?.first)
            #expect(Set(item.keys) == ["id_item", "sku", "name", "quantity", "price", "status"])
            let missing = try await h.yuju(.GET, "/orders/?id_channel=4301&id_order=00000")
            #expect(missing.status == 404)
            #expect(missing.message == Assumed.orderNotFound)
        }
    }

    @Test func bucketAllowsTwoPerSecondThen429WithRetryAfter() async throws {
        try await Harness.with(Harness.frozen) { h in
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<4 {
                let reply = try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345")
                statuses.append(reply.status)
                if reply.status == 429 {
                    retryAfter = reply.headers.first(name: "Retry-After")
                    #expect(reply.message == SandboxText.yujuRateLimited)
                }
            }
            #expect(statuses.filter { $0 == 200 }.count == 2)
            #expect(statuses.filter { $0 == 429 }.count == 2)
            #expect(retryAfter == "1")
            // A 400 spends a token too: it is taken before validation.
            try await h.advanceClock(seconds: 1.05)
            _ = try await h.yuju(.PUT, "/orders/status", body: "{}")
            _ = try await h.yuju(.PUT, "/orders/status", body: "{}")
            let third = try await h.yuju(.PUT, "/orders/status", body: "{}")
            #expect(third.status == 429)
            let stats = try await h.stats()
            let limited = try #require(stats["rate_limited"] as? [String: Int])
            #expect(limited["GET /yuju/orders/"] ?? limited["GET /yuju/orders"] == 2)
            #expect(limited["PUT /yuju/orders/status"] == 1)
            // Unauthenticated calls take no token.
            try await h.advanceClock(seconds: 1.05)
            for _ in 0..<3 { _ = try await h.send(.GET, "/yuju/orders/?id_channel=4308&id_order=12345") }
            #expect(try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status == 200)
        }
    }
}
