import Foundation
import Logging
import OrderKit
import OrderSandbox
import OrderWebhooks

/// The webhook listener and the refresher behind it, for one runtime: `orderdesk webhooks
/// serve`, and the TUI (in sandbox mode always, registered with the in-process sandbox; with a
/// config when `[webhooks] listen` is set).
struct WebhookSession {
    let refresher: WebhookRefresher
    let listener: WebhookListener

    static func start(services: OrderDeskServices, listen: ListenAddress, secret: Secret, sandbox: SandboxServer?) async throws -> WebhookSession {
        let logger = Logger(label: "orderdesk.webhooks")
        let refresher = WebhookRefresher(services: services, logger: logger)
        let intake = WebhookIntake(secret: secret, store: services.store, refresher: refresher, logger: logger)
        let listener = try await WebhookListener.start(on: listen, intake: intake)
        if let sandbox {
            // The in-process sandbox sends its notifications here, like Yuju would.
            _ = await sandbox.registerWebhook(url: listener.notificationURL, secret: secret.exposedValue)
        }
        // Notifications stored before a crash (answered 200, not yet refreshed) go first.
        await refresher.kick()
        return WebhookSession(refresher: refresher, listener: listener)
    }

    /// In sandbox mode: a loopback port picked freely and a secret made for this launch. An
    /// in-process sandbox is told in-process; a sandbox of its own (`ORDERDESK_SANDBOX_URL`)
    /// through `POST /_sandbox/webhooks`.
    static func startForSandbox(services: OrderDeskServices, sandbox: SandboxServer?) async throws -> WebhookSession {
        let secret = services.config.webhooks.secret ?? Secret(UUID().uuidString.lowercased())
        let listen = services.config.webhooks.listen ?? ListenAddress(host: "127.0.0.1", port: 0)
        let session = try await start(services: services, listen: listen, secret: secret, sandbox: sandbox)
        if sandbox == nil {
            do {
                try await registerWithSandbox(yujuBaseURL: services.config.yuju.baseURL, url: session.listener.notificationURL, secret: secret)
            } catch {
                await session.stop()
                throw CLIFailure("could not register the webhook listener with the sandbox: \(error)")
            }
        }
        return session
    }

    /// A sandbox of its own: `POST /_sandbox/webhooks`, as Yuju's settings would be.
    static func registerWithSandbox(yujuBaseURL: String, url: String, secret: Secret) async throws {
        try await SandboxControl.post(yujuBaseURL: yujuBaseURL, "webhooks", ["url": url, "secret": secret.exposedValue])
    }

    func stop() async {
        await listener.stop()
        await refresher.stop()
    }
}
