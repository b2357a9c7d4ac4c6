import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OrderKit
import OrderSandbox
import OrderWebhooks

/// A sandbox, services pointed at it, and the webhook listener with its refresher, all on
/// loopback. `register`: the sandbox sends its notifications to the listener.
struct WebhookHarness {
    let h: ServiceHarness
    let refresher: WebhookRefresher
    let listener: WebhookListener

    static let secret = Secret("test-webhook-secret")

    static func with(
        _ options: SandboxOptions = ServiceHarness.quick, register: Bool = true, store: OrderStore? = nil, port: Int = 0,
        _ body: (WebhookHarness) async throws -> Void
    ) async throws {
        try await ServiceHarness.with(options, store: store) { h in
            let refresher = WebhookRefresher(services: h.services)
            let intake = WebhookIntake(secret: secret, store: h.store, refresher: refresher)
            let listener = try await WebhookListener.start(on: ListenAddress(host: "127.0.0.1", port: port), intake: intake)
            let harness = WebhookHarness(h: h, refresher: refresher, listener: listener)
            do {
                if register { try await harness.register(url: listener.notificationURL) }
                try await body(harness)
            } catch {
                await listener.stop()
                await refresher.stop()
                throw error
            }
            await listener.stop()
            await refresher.stop()
        }
    }

    func register(url: String?, secret: Secret = WebhookHarness.secret) async throws {
        let body = url.map { #"{"url":"\#($0)","secret":"\#(secret.exposedValue)"}"# } ?? #"{"url":null}"#
        _ = try await h.control(.POST, "/_sandbox/webhooks", body: body)
    }

    /// `POST /_sandbox/orders`: the keys created.
    func createOrders(_ count: Int, updates: Int = 0) async throws -> [OrderKey] {
        let data = try await h.control(.POST, "/_sandbox/orders", body: #"{"count":\#(count),"updates":\#(updates)}"#)
        struct Created: Decodable {
            struct Key: Decodable { var id_channel: Int; var id_order: String }
            var orders: [Key]
        }
        return try JSONDecoder().decode(Created.self, from: data).orders.map { OrderKey(idChannel: $0.id_channel, idOrder: $0.id_order) }
    }

    /// Posts straight to the listener, as a sender would.
    func post(_ body: Data, headers: [(String, String)]) async throws -> (status: Int, message: String) {
        var request = HTTPClientRequest(url: listener.notificationURL)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        let message = (try? JSONDecoder().decode([String: String].self, from: data))?["message"] ?? ""
        return (Int(response.status.code), message)
    }

    /// The headers Yuju sends with `notification`, signed with `secret`.
    static func headers(_ notification: WebhookNotification, body: Data, delivery: String, secret: Secret = WebhookHarness.secret) -> [(String, String)] {
        [
            ("content-type", "application/json"), (WebhookHeader.topic, notification.topic.rawValue),
            (WebhookHeader.resource, notification.resource), (WebhookHeader.delivery, delivery),
            (WebhookHeader.signature, WebhookSignature.sign(body, secret: secret)),
        ]
    }

    /// One-order GETs the sandbox answered so far.
    func orderGETs() async throws -> Int { try await h.stats().requests["GET /yuju/orders/"] ?? 0 }

    /// Waits (polling, bounded) until `condition` holds.
    func eventually(timeout: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    struct WebhookStats: Decodable { var sent: Int; var failed: Int; var dropped: Int }

    func webhookStats() async throws -> WebhookStats {
        struct Wrapper: Decodable { var webhooks: WebhookStats }
        return try JSONDecoder().decode(Wrapper.self, from: try await h.control(.GET, "/_sandbox/stats")).webhooks
    }
}
