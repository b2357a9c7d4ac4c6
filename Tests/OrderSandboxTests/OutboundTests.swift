import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct OutboundTests {
    // Seed 000's request example, verbatim.
    static let seedRequest = """
    {
    "status": "created",
    "message": "creado con éxito",
    "type": "order",
    "module_name": "integracion default",
    "reference": "679982",
    "channel_id": 4301,
    "extra": {
    "custom_field": "text custom 2"
    },
    "actions": [
    {
    "message": "Reintento de creación",
    "params": {
    "id_order": "4358675859",
    "id_channel": 13,
    "id_shop": 1083336,
    "_url": "http://yuju.io/someurl",
    "_headers": {
    "token": "....."
    }
    },
    "name": "request_http"
    }
    ]
    }
    """
    static let recordKeys: Set<String> = [
        "module_name", "order_int_external_pk", "updated_at", "actions", "id_channel", "id_order", "id_shop",
        "extra", "reference", "message", "status", "type", "created_at",
    ]

    @Test func seedExampleGivesTheSeedResponseShape() async throws {
        try await Harness.with { h in
            let reply = try await h.yuju(.POST, "/orders/outbounds?id_channel=4301&id_order=50032", body: Self.seedRequest)
            #expect(reply.status == 200)
            let record = reply.object
            #expect(Set(record.keys) == Self.recordKeys)
            let pk = try #require(record["order_int_external_pk"] as? String)
            #expect(pk.range(of: #"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"#, options: .regularExpression) != nil)
            for field in ["created_at", "updated_at"] {
                let stamp = try #require(record[field] as? String)
                #expect(stamp.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$"#, options: .regularExpression) != nil, "\(stamp)")
            }
            #expect(record["id_channel"] as? Int == 4301)
            #expect(record["id_order"] as? String == "50032")
            #expect(record["id_shop"] as? Int == 307)
            #expect(record["type"] as? String == "order")
            let action = try #require((record["actions"] as? [[String: Any]])?.first)
            #expect(Set(action.keys) == ["params", "message", "id", "id_channel", "result", "name"])
            #expect(action["id"] is NSNull && action["id_channel"] is NSNull && action["result"] is NSNull)
            // params comes back as a string, in the very form of the seed's response.
            #expect(action["params"] as? String == #"{"_url": "http://yuju.io/someurl", "id_shop": 1083336, "_headers": {"token": "....."}, "id_order": "4358675859", "id_channel": 13}"#)
            // And the client's model reads it.
            let decoded = try reply.decode(OutboundRecord.self)
            #expect(decoded.actions.first?.decodedParams?["id_shop"] == .int(1083336))
        }
    }

    @Test func listIsOldestFirstAndPutBumpsUpdatedAt() async throws {
        try await Harness.with { h in
            let before = try await h.yuju(.GET, "/orders/outbounds?id_channel=4301&id_order=50032")
            #expect(before.status == 200)
            let seeded = before.array.count
            #expect(seeded >= 1, "the fixture order has seeded records")
            let created = try await h.yuju(.POST, "/orders/outbounds?id_channel=4301&id_order=50032", body: Self.seedRequest)
            let pk = try #require(created.object["order_int_external_pk"] as? String)
            try await h.waitForBucket()
            let after = try await h.yuju(.GET, "/orders/outbounds?id_channel=4301&id_order=50032")
            let records = try after.decode([OutboundRecord].self)
            #expect(records.count == seeded + 1)
            #expect(records.last?.orderIntExternalPk == pk)
            #expect(records.map(\.createdAt) == records.map(\.createdAt).sorted())
            for record in after.array { #expect(Set((record as? [String: Any])?.keys ?? [:].keys) == Self.recordKeys) }

            try await h.advanceClock(seconds: 5)
            let changed = Self.seedRequest.replacingOccurrences(of: "\"created\"", with: "\"updated\"")
            let put = try await h.yuju(.PUT, "/orders/outbounds?id_channel=4301&id_order=50032&order_int_external_pk=\(pk)", body: changed)
            #expect(put.status == 200)
            #expect(put.object["status"] as? String == "updated")
            #expect(put.object["order_int_external_pk"] as? String == pk)
            #expect(put.object["created_at"] as? String == created.object["created_at"] as? String)
            #expect((put.object["updated_at"] as? String ?? "") > (created.object["updated_at"] as? String ?? "~"))
        }
    }

    @Test(arguments: [
        ("/orders/outbounds?id_channel=4301&id_order=50032", "{not json"),
        ("/orders/outbounds?id_channel=4301&id_order=50032", #"{"status":"created","type":"order","reference":"1","channel_id":4301}"#),
        ("/orders/outbounds?id_channel=4301&id_order=50032", #"{"status":"","message":"m","type":"order","reference":"1","channel_id":4301}"#),
        ("/orders/outbounds?id_channel=4301&id_order=00000", OutboundTests.seedRequest),
        ("/orders/outbounds?id_order=50032", OutboundTests.seedRequest),
    ])
    func malformedPostIsBareError(path: String, body: String) async throws {
        try await Harness.with { h in
            let reply = try await h.yuju(.POST, path, body: body)
            #expect(reply.status == 400)
            #expect(reply.text.replacingOccurrences(of: " ", with: "") == #"{"message":"Error."}"#)
        }
    }

    @Test func putWithUnknownPkIsBareError() async throws {
        try await Harness.with { h in
            let reply = try await h.yuju(.PUT, "/orders/outbounds?id_channel=4301&id_order=50032&order_int_external_pk=00000000-0000-4000-8000-000000000000", body: Self.seedRequest)
            #expect(reply.status == 400)
            #expect(reply.message == YujuText.outboundError)
        }
    }
}
