import AsyncHTTPClient
import Foundation
import OrderKit
@testable import OrderSandbox
import OrderWebhooks
import Testing

/// The listener against hostile and repeated input (`product.md`, "Webhooks"): every answer of
/// the spec, nothing stored that should not be, and no second GET for a replay.
@Suite struct WebhookListenerTests {
    static let known = OrderKey(idChannel: 4308, idOrder: "12345")

    static func signed(_ notification: WebhookNotification, delivery: String) -> (Data, [(String, String)]) {
        let body = notification.body
        return (body, WebhookHarness.headers(notification, body: body, delivery: delivery))
    }

    static func replacing(_ headers: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
        headers.map { header -> (String, String) in header.0 == name ? (name, value) : header }
    }

    static var notification: WebhookNotification { .order(.updatedOrder, known, sentAt: "2026-11-30T08:00:00") }

    @Test func wrongOrMissingSignatureIs401() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            let (body, headers) = Self.signed(Self.notification, delivery: "d-401")
            let wrong = Self.replacing(headers, WebhookHeader.signature, with: WebhookSignature.sign(body, secret: Secret("guess")))
            #expect(try await w.post(body, headers: wrong).status == 401)
            let missing = headers.filter { $0.0 != WebhookHeader.signature }
            #expect(try await w.post(body, headers: missing).status == 401)
            let garbage = Self.replacing(headers, WebhookHeader.signature, with: "sha256=zz")
            #expect(try await w.post(body, headers: garbage).status == 401)
            #expect(try w.h.store.webhookCounts().received == 0)
            #expect(try await w.orderGETs() == 0)
        }
    }

    @Test func malformedOrTruncatedJSONIs400() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            let full = Self.notification.body
            for body in [full.prefix(full.count / 2), Data("not json".utf8), Data("{}".utf8), Data()] {
                let headers = WebhookHarness.headers(Self.notification, body: Data(body), delivery: "d-400")
                #expect(try await w.post(Data(body), headers: headers).status == 400, "\(String(decoding: body, as: UTF8.self))")
            }
            // Signed and well formed, but no delivery id: not the documented request either.
            let (body, headers) = Self.signed(Self.notification, delivery: "x")
            #expect(try await w.post(body, headers: headers.filter { $0.0 != WebhookHeader.delivery }).status == 400)
            #expect(try w.h.store.webhookCounts().received == 0)
        }
    }

    @Test func oneMebibyteBodyIs413AndTheListenerGoesOn() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            let huge = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
            let headers = WebhookHarness.headers(Self.notification, body: huge, delivery: "d-413")
            #expect(try await w.post(huge, headers: headers).status == 413)
            let (body, good) = Self.signed(Self.notification, delivery: "d-after-413")
            #expect(try await w.post(body, headers: good).status == 200)
        }
    }

    @Test func unknownTopicIs202AndIgnored() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            let body = Data(#"{"topic":"order-deleted","resource":"/orders/?id_channel=4308&id_order=12345","sent_at":"2026-11-30T08:00:00"}"#.utf8)
            let headers: [(String, String)] = [
                (WebhookHeader.topic, "order-deleted"), (WebhookHeader.delivery, "d-202"),
                (WebhookHeader.signature, WebhookSignature.sign(body, secret: WebhookHarness.secret)),
            ]
            #expect(try await w.post(body, headers: headers).status == 202)
            #expect(try w.h.store.webhookCounts().received == 0)
        }
    }

    @Test func replayedDeliveryIs200WithoutASecondGET() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            let (body, headers) = Self.signed(Self.notification, delivery: "d-replay")
            let first = try await w.post(body, headers: headers)
            #expect(first.status == 200)
            // Stored when answered, before any refresh is certain.
            #expect(try w.h.store.webhookCounts().received == 1)
            #expect(try await w.eventually { try await w.orderGETs() == 1 && w.h.store.webhookCounts().pending == 0 })
            let again = try await w.post(body, headers: headers)
            #expect(again.status == 200)
            #expect(again.message == "already received")
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await w.orderGETs() == 1)
            #expect(try w.h.store.webhookCounts() == WebhookInboxCounts(received: 1, pending: 0))
            #expect(try w.h.store.order(Self.known) != nil)
        }
    }

    /// Escape sequences, bidi marks, NUL, path tricks, 10 kB: a 400 that names the field, and
    /// nothing stored (so nothing of it can ever be drawn).
    @Test func hostileIdsGetAClearRefusal() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            for (index, text) in (HostileText.seeded + ["../../x", "1&id_channel=2"]).enumerated() {
                let body = try JSONEncoder().encode(JSONValue.object([
                    "topic": .string("new-std-order"), "resource": .string("/orders/?id_channel=4308&id_order=\(text)"),
                    "id_channel": .int(4308), "id_order": .string(text), "sent_at": .string("2026-11-30T08:00:00"),
                ]))
                let headers: [(String, String)] = [
                    (WebhookHeader.topic, "new-std-order"), (WebhookHeader.delivery, "d-hostile-\(index)"),
                    (WebhookHeader.signature, WebhookSignature.sign(body, secret: WebhookHarness.secret)),
                ]
                let answer = try await w.post(body, headers: headers)
                #expect(answer.status == 400, "\(text.debugDescription)")
                #expect(answer.message.hasPrefix("refused: id_order is not a plain id"), "\(answer.message)")
                #expect(!answer.message.contains(text))
            }
            // A hostile delivery id is refused the same way (escape sequences cannot even travel
            // in a header: the HTTP client refuses them; bidi marks and path tricks can).
            let (body, headers) = Self.signed(Self.notification, delivery: "ok")
            for delivery in ["a\u{202E}b", "../../x", "a b", String(repeating: "f", count: 65)] {
                let answer = try await w.post(body, headers: Self.replacing(headers, WebhookHeader.delivery, with: delivery))
                #expect(answer.status == 400, "\(delivery.debugDescription)")
                #expect(answer.message.hasPrefix("refused: x-yuju-delivery is not a plain id"), "\(answer.message)")
            }
            #expect(try w.h.store.webhookCounts().received == 0)
            #expect(try await w.orderGETs() == 0)
        }
    }

    @Test func healthzAnswers200() async throws {
        try await WebhookHarness.with(register: false) { w async throws in
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: w.listener.url + "/healthz"), timeout: .seconds(5))
            #expect(response.status.code == 200)
        }
    }
}
