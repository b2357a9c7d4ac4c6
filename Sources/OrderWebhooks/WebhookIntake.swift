import Foundation
import Logging
import OrderKit

/// What the listener answers a notification, decided with no HTTP types so every rule is
/// tested directly.
public struct WebhookAnswer: Sendable, Hashable {
    public var status: Int
    public var message: String

    static func ok(_ message: String) -> WebhookAnswer { WebhookAnswer(status: 200, message: message) }
}

/// Takes one notification (`api.md`, "Yuju webhooks"): signature first (nothing unsigned is
/// even parsed), then the documented JSON, then the store — the row is committed before the
/// answer 200, so a crash right after loses nothing — and only then the refresh is started.
public struct WebhookIntake: Sendable {
    public let secret: Secret
    public let store: OrderStore
    public let refresher: WebhookRefresher
    let clock: WallClock
    let logger: Logger

    public init(secret: Secret, store: OrderStore, refresher: WebhookRefresher, clock: WallClock = .system, logger: Logger = Logger(label: "orderdesk.webhooks")) {
        self.secret = secret
        self.store = store
        self.refresher = refresher
        self.clock = clock
        self.logger = logger
    }

    /// `header(name)` reads a request header by its lowercase name.
    public func take(body: Data, header: (String) -> String?) async -> WebhookAnswer {
        guard body.count <= Assumed.webhookMaxBodyBytes else {
            return WebhookAnswer(status: 413, message: "body over \(Assumed.webhookMaxBodyBytes) bytes")
        }
        guard WebhookSignature.isValid(header(WebhookHeader.signature), body: body, secret: secret) else {
            return WebhookAnswer(status: 401, message: "missing or wrong \(WebhookHeader.signature)")
        }
        guard let delivery = header(WebhookHeader.delivery) else {
            return WebhookAnswer(status: 400, message: "\(WebhookHeader.delivery) missing")
        }
        let notification: WebhookNotification
        do throws(WebhookRejection) {
            try WebhookNotification.checkId(delivery, field: WebhookHeader.delivery)
            notification = try WebhookNotification.parse(body, headerTopic: header(WebhookHeader.topic))
        } catch WebhookRejection.unknownTopic {
            // Yuju may add topics: acknowledged so it stops sending, and ignored.
            logger.info("webhook with an unknown topic ignored (delivery \(delivery))")
            return WebhookAnswer(status: 202, message: "unknown topic: ignored")
        } catch {
            return WebhookAnswer(status: 400, message: error.description)
        }
        if let resource = header(WebhookHeader.resource), resource != notification.resource {
            return WebhookAnswer(status: 400, message: "\(WebhookHeader.resource) does not match the body")
        }
        let isNew: Bool
        do {
            isNew = try store.recordWebhook(deliveryId: delivery, notification, body: body, at: clock.now())
        } catch {
            // Not stored, so not acknowledged: Yuju delivers it again.
            logger.error("webhook \(delivery) not stored: \(error)")
            return WebhookAnswer(status: 503, message: "not stored, send again")
        }
        guard isNew else { return .ok("already received") }
        await refresher.kick()
        return .ok("received")
    }
}
