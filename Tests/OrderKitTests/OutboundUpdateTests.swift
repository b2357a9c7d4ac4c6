import Foundation
@testable import OrderKit
import OrderSandbox
import Testing

/// issue 14, item 5: an outbound record is changed through the outbox (PUT by
/// `order_int_external_pk`), keeping what the operator did not change; `actions` can be given
/// as JSON and reach Yuju in seed 000's shape.
@Suite struct OutboundUpdateTests {
    static let action = #"{"name":"request_http","message":"Reintento de creación","params":{"_url":"http://yuju.io/someurl","id_order":"4358675859","id_channel":13}}"#

    @Test func anUpdateGoesThroughTheOutboxAndKeepsWhatWasNotChanged() async throws {
        try await ServiceHarness.with { h in
            let key = try await h.pendingOrders(1)[0]
            let actions = try OutboundActionInput.parse(Self.action)
            let added = try await h.services.addOutbound(key, OutboundRequest(
                status: "created", message: "creado con éxito", moduleName: "integracion default", reference: "679982",
                channelId: key.idChannel, extra: ["custom_field": "text custom 2"], actions: actions))
            await h.services.drainOutbox()
            #expect(try h.store.outboxEntry(id: added.id)?.state == .sent)
            let original = try #require(try await h.services.outbounds(key).first { $0.reference == "679982" })
            let requestId = try #require(original.extra?["orderdesk_request_id"]?.stringValue)
            #expect(original.actions.first?.decodedParams?["_url"] == "http://yuju.io/someurl", "params stored as a JSON string")

            let (record, readError) = try await h.services.outboundRecord(key, pk: original.orderIntExternalPk)
            #expect(readError == nil)
            let change = OutboundChange(status: "shipped", message: "guía 123", extra: ["lote": "7"])
            let request = try change.request(over: record, channelId: key.idChannel)
            let entry = try await h.services.updateOutbound(key, pk: original.orderIntExternalPk, request)
            #expect(entry.request.kind == "outbound_update")
            await h.services.drainOutbox()
            let done = try #require(try h.store.outboxEntry(id: entry.id))
            #expect(done.state == .sent, "\(done.lastError ?? "")")

            let updated = try #require(try await h.services.outbounds(key).first { $0.orderIntExternalPk == original.orderIntExternalPk })
            #expect(updated.status == "shipped" && updated.message == "guía 123")
            #expect(updated.reference == "679982" && updated.moduleName == "integracion default")
            #expect(updated.extra?["custom_field"] == "text custom 2" && updated.extra?["lote"] == "7")
            #expect(updated.extra?["orderdesk_request_id"]?.stringValue == requestId, "the record keeps its request id")
            #expect(updated.actions.map(\.name) == ["request_http"])
            #expect(updated.actions.first?.decodedParams == original.actions.first?.decodedParams)
            #expect(updated.updatedAt > original.updatedAt)
            #expect(try h.store.auditTrail(for: key).first?.action.hasPrefix("outbound update \(original.orderIntExternalPk)") == true)
        }
    }

    @Test func anUnknownRecordIsRefusedWithYujusText() async throws {
        try await ServiceHarness.with { h in
            let key = try await h.pendingOrders(1)[0]
            let request = try OutboundChange(status: "ok", message: "m", reference: "R").request(over: nil, channelId: key.idChannel)
            let entry = try await h.services.updateOutbound(key, pk: "00000000-0000-0000-0000-000000000000", request)
            await h.services.drainOutbox()
            let after = try #require(try h.store.outboxEntry(id: entry.id))
            #expect(after.state == .refused)
            #expect(after.lastError?.hasSuffix("Error.") == true, "\(after.lastError ?? "")")
            if case .outboundUpdate(_, _, let sent) = after.request {
                #expect(sent.extra?["orderdesk_request_id"] != nil, "a record OrderDesk did not write gains a request id")
            }
        }
    }

    @Test func anUpdateWithoutAReferenceNeedsTheRecord() throws {
        #expect(throws: ValidationFailure(.yuju, "Error.", field: "reference")) {
            try OutboundChange(status: "ok", message: "m").request(over: nil, channelId: 4301)
        }
        #expect(throws: ValidationFailure(.yuju, "Error.", field: "actions[0].name")) {
            try OutboundRequest(status: "ok", message: "m", reference: "R", channelId: 1, actions: [.init(message: "x", params: [:], name: " ")]).validate()
        }
    }

    @Test func actionJSONIsReadInSeedShapeAndRefusedWithAReason() throws {
        let one = try OutboundActionInput.parse(Self.action)
        #expect(one.count == 1 && one[0].name == "request_http" && one[0].params["id_channel"] == 13)
        #expect(try OutboundActionInput.parse("[\(Self.action),\(Self.action)]").count == 2)
        #expect(try OutboundActionInput.parse("[]").isEmpty)
        let refusals: [(String, String)] = [
            ("{name:", "not valid JSON"),
            ("42", "expected an action object"),
            (#"{"message":"m","params":{}}"#, #"needs "name""#),
            (#"{"name":"n","params":{}}"#, #"needs "message""#),
            (#"{"name":"n","message":"m","params":"x"}"#, #"needs "params" as an object"#),
            (#"[{"name":"n","message":"m","params":{}},{"name":"n"}]"#, "action 2 needs"),
            (#"{"name":"n","message":"m","params":{},"nme":"typo"}"#, "has nme"),
        ]
        for (text, reason) in refusals {
            #expect(throws: OutboundActionInput.Invalid.self, "\(text)") { try OutboundActionInput.parse(text) }
            do { _ = try OutboundActionInput.parse(text) } catch { #expect(error.description.contains(reason), "\(text): \(error)") }
        }
    }
}
