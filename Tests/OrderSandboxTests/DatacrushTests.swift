import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct DatacrushTests {
    // Seed 004's request example, verbatim.
    static let seedOrders = """
    [
    {
    "id": 1,
    "order_number": 987,
    "status": "processed",
    "currency_code": "ars",
    "gateway": "mercadopago",
    "total": 999,
    "discount_total": 0,
    "shipping_total": 10,
    "tax_total": 10,
    "admin_url": null,
    "financial_status": "paid",
    "source": "",
    "created_at": "2025-01-01",
    "items": [
    {
    "id": 1,
    "product_id": 10,
    "variant_id": 10,
    "quantity": 1,
    "name": "Bolígrafo",
    "price": 10
    }
    ],
    "customer": {
    "id": 1,
    "email": "user@mail.com",
    "first_name": "Juan",
    "last_name": "Martinez",
    "source": ""
    }
    }
    ]
    """
    static let path = "/datacrush/ecommerce/v1/order/add"

    @Test func seedExampleSucceedsAndUpserts() async throws {
        try await Harness.with { h in
            let reply = try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: Self.seedOrders)
            #expect(reply.status == 200)
            #expect(reply.text == #"{"result":"success"}"#)
            let changed = Self.seedOrders.replacingOccurrences(of: "\"processed\"", with: "\"cancelled\"")
            #expect(try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: changed).status == 200)
            let stored = await h.server.state.datacrushOrders()
            #expect(stored.count == 1)
            #expect(stored[1]?.status == "cancelled")
        }
    }

    @Test func failuresHaveTheDocumentedCodes() async throws {
        try await Harness.with { h in
            for query in ["?portal_id=1", "?portal_id=1&api_key=wrong"] {
                let reply = try await h.send(.POST, Self.path + query, body: Self.seedOrders)
                #expect(reply.status == 401)
                #expect(try reply.decode(DatacrushResult.self) == .fail(code: 401, message: "No autorizado"))
                #expect(!reply.text.contains("wrong"), "the key is never echoed")
            }
            let forbidden = try await h.send(.POST, Self.path + "?portal_id=2&api_key=sandbox-key", body: Self.seedOrders)
            #expect(forbidden.status == 403)
            #expect(try forbidden.decode(DatacrushResult.self) == .fail(code: 403, message: "Acceso denegado"))
            for body in ["{not json", #"{"id":1}"#, #"[{"id":1}]"#] {
                let reply = try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: body)
                #expect(reply.status == 400)
                #expect(Set(reply.object.keys) == ["result", "error", "error_list"])
                #expect(try reply.decode(DatacrushResult.self) == .fail(code: 210, message: DatacrushText.decodeError))
            }
            let noItems = Self.seedOrders.replacingOccurrences(
                of: #"(?s)"items": \[.*?\],"#, with: #""items": [],"#, options: .regularExpression)
            let reply = try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: noItems)
            #expect(reply.status == 400)
            let result = try reply.decode(DatacrushResult.self)
            #expect(result.error?.code == Assumed.datacrushInvalidOrderCode)
            // Assumed.datacrushErrorListShape: one entry per order at fault, naming it.
            #expect(result.errorList == [.object(["id": .int(1), "message": .string(DatacrushText.atLeastOneItem + " (items)")])])
            #expect(await h.server.state.datacrushOrders().isEmpty)
        }
    }

    @Test func hundredCallsPerMinute() async throws {
        try await Harness.with { h in
            for _ in 0..<100 {
                #expect(try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: "[]").status == 200)
            }
            let limited = try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: "[]")
            #expect(limited.status == 429)
            #expect(limited.object["result"] as? String == "fail")
            #expect(limited.headers.first(name: "Retry-After") != nil)
            try await h.advanceClock(seconds: 60)
            #expect(try await h.send(.POST, Self.path + "?portal_id=1&api_key=sandbox-key", body: "[]").status == 200)
        }
    }
}
