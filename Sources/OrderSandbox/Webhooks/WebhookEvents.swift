import Foundation
import OrderKit

/// What the sandbox tells the registered target, called where the change happens.
extension SandboxState {
    func notifyOrder(_ topic: WebhookTopic, _ key: OrderKey) {
        notify(.order(topic, key, sentAt: WireTime.seconds(now)))
    }

    /// A report is ready `reportDelay` after it was requested.
    func notifyReportReady(_ idReport: String) {
        notify(.report(idReport, sentAt: WireTime.seconds(now.addingTimeInterval(options.reportDelay.seconds))), after: options.reportDelay.seconds)
    }

    private func notify(_ notification: WebhookNotification, after: Double = 0) {
        guard let target = webhookTarget else { return }
        webhookSender.post(.init(id: idGenerator.hex(32), notification: notification, target: target, after: after))
    }

    /// `POST /_sandbox/webhooks`.
    func registerWebhook(_ fields: [String: JSONValue]) -> SandboxReply {
        guard let target = WebhookTarget.read(fields) else { return .message(.badRequest, SandboxText.badControlRequest) }
        webhookTarget = target
        struct Registered: Encodable { var url: String? }
        return .json(.ok, Registered(url: target?.url))
    }
}
