import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

/// The notification contract of `api.md` ("Yuju webhooks"), with no network: signatures and
/// the body reader the listener trusts.
@Suite struct WebhookContractTests {
    static let secret = Secret("s3cr3t")

    /// RFC 4231, test case 2: HMAC-SHA256 with key "Jefe".
    @Test func signatureIsLowercaseHexHMACSHA256() {
        let signature = WebhookSignature.sign(Data("what do ya want for nothing?".utf8), secret: Secret("Jefe"))
        #expect(signature == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func signatureCheckRefusesEveryVariation() {
        let body = WebhookNotification.order(.newOrder, OrderKey(idChannel: 4301, idOrder: "10000017"), sentAt: "2026-11-30T08:00:00").body
        let good = WebhookSignature.sign(body, secret: Self.secret)
        #expect(WebhookSignature.isValid(good, body: body, secret: Self.secret))
        #expect(!WebhookSignature.isValid(nil, body: body, secret: Self.secret))
        #expect(!WebhookSignature.isValid("", body: body, secret: Self.secret))
        #expect(!WebhookSignature.isValid(String(good.dropFirst(7)), body: body, secret: Self.secret), "without sha256=")
        #expect(!WebhookSignature.isValid(good.uppercased(), body: body, secret: Self.secret), "upper-case hex")
        #expect(!WebhookSignature.isValid(good + "00", body: body, secret: Self.secret), "too long")
        #expect(!WebhookSignature.isValid(String(good.dropLast(2)), body: body, secret: Self.secret), "too short")
        #expect(!WebhookSignature.isValid(good, body: body + Data(" ".utf8), secret: Self.secret), "body changed")
        #expect(!WebhookSignature.isValid(good, body: body, secret: Secret("other")), "other secret")
        var flipped = Array(good)
        flipped[flipped.count - 1] = flipped.last == "0" ? "1" : "0"
        #expect(!WebhookSignature.isValid(String(flipped), body: body, secret: Self.secret), "last digit changed")
    }

    @Test func orderAndReportBodiesReadBack() throws {
        let key = OrderKey(idChannel: 1311, idOrder: "21972600150-A")
        let order = WebhookNotification.order(.updatedOrder, key, sentAt: "2026-11-30T08:00:00")
        #expect(String(decoding: order.body, as: UTF8.self)
            == #"{"id_channel":1311,"id_order":"21972600150-A","resource":"/orders/?id_channel=1311&id_order=21972600150-A","sent_at":"2026-11-30T08:00:00","topic":"updated-std-order"}"#)
        #expect(try WebhookNotification.parse(order.body, headerTopic: "updated-std-order") == order)
        let report = WebhookNotification.report("0123456789abcdef0123456789abcdef", sentAt: "2026-11-30T08:00:00")
        #expect(try WebhookNotification.parse(report.body, headerTopic: nil) == report)
    }

    @Test func malformedBodiesAreRefused() {
        let cases: [(String, String)] = [
            ("", "empty"), ("{", "truncated"), (#"{"topic":"new-std-order""#, "truncated object"), ("[]", "array"),
            (#"{"topic":"new-std-order"}"#, "no ids"),
            (#"{"topic":"new-std-order","resource":"/orders/?id_channel=1&id_order=12345","id_channel":1,"id_order":"12345"}"#, "no sent_at"),
            (#"{"topic":"new-std-order","resource":"/orders/?id_channel=1&id_order=12345","id_channel":1,"id_order":"12345","sent_at":"ayer"}"#, "bad date"),
            (#"{"topic":"new-std-order","resource":"/orders/?id_channel=2&id_order=12345","id_channel":1,"id_order":"12345","sent_at":"2026-11-30T08:00:00"}"#, "resource names another order"),
            (#"{"topic":"std-orders-report","resource":"/std-orders-report/abc","sent_at":"2026-11-30T08:00:00"}"#, "no id_report"),
        ]
        for (body, label) in cases {
            #expect(throws: WebhookRejection.self, "\(label)") { try WebhookNotification.parse(Data(body.utf8), headerTopic: nil) }
            if case .unknownTopic? = Self.rejection(body) { Issue.record("\(label) read as an unknown topic") }
        }
        let disagree = WebhookNotification.order(.newOrder, OrderKey(idChannel: 1, idOrder: "12345"), sentAt: "2026-11-30T08:00:00").body
        #expect(throws: WebhookRejection.malformed("the topic header and the body disagree")) {
            try WebhookNotification.parse(disagree, headerTopic: "updated-std-order")
        }
    }

    @Test func unknownTopicIsToldApart() {
        #expect(Self.rejection(#"{"topic":"order-deleted","resource":"/x","sent_at":"2026-11-30T08:00:00"}"#) == .unknownTopic)
    }

    /// Every hostile string of the sandbox's seed, as an id: refused before it is stored.
    @Test func hostileIdsAreRefused() {
        let hostile = HostileText.seeded + ["../../etc/passwd", "12345&id_channel=1", "a b", String(repeating: "9", count: 65), ""]
        for text in hostile {
            let idOrder = JSONValue.string(text)
            let body = try! JSONEncoder().encode(JSONValue.object([
                "topic": .string("new-std-order"), "resource": .string("/orders/?id_channel=1&id_order=\(text)"),
                "id_channel": .int(1), "id_order": idOrder, "sent_at": .string("2026-11-30T08:00:00"),
            ]))
            #expect(Self.rejection(body) == .hostileId(field: "id_order"), "\(text.debugDescription)")
        }
        let negativeChannel = #"{"topic":"new-std-order","resource":"/orders/?id_channel=-1&id_order=12345","id_channel":-1,"id_order":"12345","sent_at":"2026-11-30T08:00:00"}"#
        #expect(Self.rejection(negativeChannel) == .hostileId(field: "id_channel"))
    }

    static func rejection(_ body: String) -> WebhookRejection? { rejection(Data(body.utf8)) }

    static func rejection(_ body: Data) -> WebhookRejection? {
        do {
            _ = try WebhookNotification.parse(body, headerTopic: nil)
            return nil
        } catch { return error }
    }

    @Test func listenAddressReadsHostAndPort() {
        #expect(ListenAddress("127.0.0.1:8787") == ListenAddress(host: "127.0.0.1", port: 8787))
        #expect(ListenAddress("[::1]:0") == ListenAddress(host: "::1", port: 0))
        #expect(ListenAddress("[::1]:9")?.url == "http://[::1]:9")
        for bad in ["8787", "host:", ":80", "host:99999", "a b:1", "h:x"] { #expect(ListenAddress(bad) == nil, "\(bad)") }
    }
}
