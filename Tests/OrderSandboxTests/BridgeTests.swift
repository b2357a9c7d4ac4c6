import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct BridgeTests {
    // Seed 003's request examples, verbatim.
    static let seedExternal = """
    {
    "orderState": "cancelled",
    "externalNumber": "PEYA_001230",
    "channel": "PEYA",
    "notes": "el pedido ha sido cancelado por el cliente"
    }
    """
    static let seedInternal = """
    {
    "orderState": "closed",
    "internalNumber": "00001",
    "notes": "el pedido ha sido cancelado por el cliente"
    }
    """

    func change(_ h: Harness, _ token: String, _ body: String) async throws -> Reply {
        try await h.send(.POST, "/bridge/order/change-status/state/change", headers: [("x-access-token", token)], body: body)
    }

    func status(_ h: Harness, _ token: String, _ number: String) async throws -> Reply {
        try await h.send(.POST, "/bridge/order/status", headers: [("x-access-token", token)], body: #"{"internalOrderNumber":"\#(number)"}"#)
    }

    @Test func loginAndAuthFailures() async throws {
        try await Harness.with { h in
            let good = try await h.send(.POST, "/bridge/auth/login", body: #"{"clientId":"sandbox","clientSecret":"sandbox-secret"}"#)
            #expect(good.status == 200)
            #expect(good.object["ack"] as? Int == 0)
            let bad = try await h.send(.POST, "/bridge/auth/login", body: #"{"clientId":"sandbox","clientSecret":"nope"}"#)
            #expect(bad.status == 401)
            #expect(bad.object["ack"] as? Int == Assumed.bridgeUnauthorizedAck)
            #expect(bad.message == Assumed.bridgeLoginRefused)
            for headers in [[], [("x-access-token", "forged")]] {
                let refused = try await h.send(.POST, "/bridge/order/status", headers: headers, body: #"{"internalOrderNumber":"bridge0000000001"}"#)
                #expect(refused.status == 401)
                #expect(refused.object["ack"] as? Int == Assumed.bridgeUnauthorizedAck)
                #expect(refused.message == Assumed.bridgeUnauthorized)
            }
        }
    }

    @Test func tokensExpireOnTheSandboxClock() async throws {
        var options = Harness.quick
        options.bridgeTokenTTL = .seconds(60)
        try await Harness.with(options) { h in
            let token = try await h.bridgeToken()
            #expect(try await status(h, token, "bridge0000000001").status == 200)
            try await h.advanceClock(seconds: 61)
            let expired = try await status(h, token, "bridge0000000001")
            #expect(expired.status == 401)
            #expect(expired.message == Assumed.bridgeUnauthorized)
            #expect(try await status(h, try await h.bridgeToken(), "bridge0000000001").status == 200)
        }
    }

    @Test func seedExamplesAnswerWithDocumentedCodes() async throws {
        try await Harness.with { h in
            let token = try await h.bridgeToken()
            for body in [Self.seedExternal, Self.seedInternal] {
                let reply = try await change(h, token, body)
                #expect(reply.status == 200)
                #expect(Set(reply.object.keys) == ["ack", "message"])
                #expect(reply.object["ack"] as? Int == BridgeAck.orderNotFound, "the seed's orders are not sandbox orders")
                #expect(reply.message == Assumed.bridgeOrderNotFound)
            }
        }
    }

    @Test(arguments: [
        (#"{"internalNumber":"bridge0000000001"}"#, BridgeAck.stateRequired, BridgeText.stateRequired),
        (#"{"orderState":"","internalNumber":"bridge0000000001"}"#, BridgeAck.stateRequired, BridgeText.stateRequired),
        (#"{"orderState":"closed"}"#, BridgeAck.orderCodeRequired, BridgeText.orderCodeRequired),
        (#"{"orderState":"closed","externalNumber":"12345"}"#, BridgeAck.orderCodeRequired, BridgeText.orderCodeRequired),
        (#"{"orderState":"teleported","internalNumber":"bridge0000000001"}"#, BridgeAck.unknown, BridgeText.unknownError),
        ("garbage", BridgeAck.stateRequired, BridgeText.stateRequired),
    ])
    func validationCodes(body: String, ack: Int, text: String) async throws {
        try await Harness.with { h in
            let reply = try await change(h, try await h.bridgeToken(), body)
            #expect(reply.status == 200)
            #expect(reply.object["ack"] as? Int == ack)
            #expect(reply.message == text)
        }
    }

    @Test func changeIsAcceptedThenAppliedAfterTheDelay() async throws {
        try await Harness.with(Harness.frozen) { h in
            let token = try await h.bridgeToken()
            // bridge0000000001 mirrors the fixture order 12345/4308, pending → confirmed.
            var reply = try await status(h, token, "bridge0000000001")
            #expect(reply.object["currentStatus"] as? String == "confirmed")
            #expect(reply.object["currentStatusName"] as? String == BridgeState.confirmed.spanishName)

            reply = try await change(h, token, #"{"orderState":"readyToPick","externalNumber":"12345","channel":"YJ4308"}"#)
            #expect(reply.object["ack"] as? Int == 0)
            #expect(reply.message == BridgeText.changeAccepted(internalNumber: "bridge0000000001"))
            // Not applied yet, but a second identical change is already refused.
            #expect(try await status(h, token, "bridge0000000001").object["currentStatus"] as? String == "confirmed")
            reply = try await change(h, token, #"{"orderState":"readyToPick","internalNumber":"bridge0000000001"}"#)
            #expect(reply.object["ack"] as? Int == BridgeAck.sameState)
            #expect(reply.message == BridgeText.sameState)

            try await h.advanceClock(seconds: 0.25)
            reply = try await status(h, token, "bridge0000000001")
            #expect(reply.status == 200)
            #expect(Set(reply.object.keys) == ["ack", "message", "currentStatus", "currentStatusName", "history"])
            #expect(reply.object["currentStatus"] as? String == "readyToPick")
            #expect(reply.object["currentStatusName"] as? String == "listo para surtir")
            let history = try #require(reply.object["history"] as? [[String: Any]])
            #expect(history.count == 1)
            #expect(Set(history[0].keys) == ["initialState", "finalState", "createdDate"])
            #expect(history[0]["initialState"] as? String == "confirmed")
            #expect(history[0]["finalState"] as? String == "readyToPick")

            reply = try await change(h, token, #"{"orderState":"closed","internalNumber":"bridge0000000001"}"#)
            #expect(reply.object["ack"] as? Int == 0)
            try await h.advanceClock(seconds: 1)
            reply = try await change(h, token, #"{"orderState":"open","internalNumber":"bridge0000000001"}"#)
            #expect(reply.object["ack"] as? Int == BridgeAck.finalState)
            #expect(reply.message == BridgeText.finalState)

            let unknown = try await status(h, token, "bridge9999999999")
            #expect(unknown.status == 200)
            #expect(unknown.object["ack"] as? Int == 1022)
            #expect(unknown.message == Assumed.bridgeOrderNotFound)
        }
    }

    @Test func bridgeMirrorsYujuOrders() async throws {
        try await Harness.with { h in
            let bridge = await h.server.state.bridge
            let orders = await h.seeded { _ in true }
            #expect(bridge.orders.count == orders.count)
            for (index, order) in orders.enumerated() {
                let number = BridgeStore.internalNumber(sequence: index + 1)
                let mirror = try #require(bridge.orders[number])
                #expect(mirror.externalNumber == order.idOrder)
                #expect(mirror.channel == "YJ\(order.idChannel)")
                #expect(mirror.state == (SystemMapping.defaultBridgeStates[order.status] ?? .confirmed))
            }
            #expect(bridge.orders["bridge0000000001"] != nil)
        }
    }
}
