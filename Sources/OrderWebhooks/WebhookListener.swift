import Foundation
import Hummingbird
import Logging
import NIOCore
import OrderKit
import ServiceLifecycle

/// The HTTP listener for Yuju's notifications: `POST /webhooks/yuju`, `GET /healthz`,
/// `GET /openapi.yaml`. One per profile (per team in team mode), in `orderdesk webhooks serve`
/// or inside the TUI.
public final class WebhookListener: Sendable {
    public enum StartError: Error, CustomStringConvertible {
        case stoppedBeforeListening

        public var description: String { "the webhook listener stopped before it accepted connections" }
    }

    public let address: ListenAddress
    public var url: String { address.url }
    /// Where the sandbox or Yuju posts notifications.
    public var notificationURL: String { url + WebhookRoutes.notificationPath }

    private let group: ServiceGroup
    private let running: Task<Void, Never>

    private init(address: ListenAddress, group: ServiceGroup, running: Task<Void, Never>) {
        self.address = address
        self.group = group
        self.running = running
    }

    /// Binds and returns once the port accepts connections (port 0 picks a free one).
    public static func start(on address: ListenAddress, intake: WebhookIntake) async throws -> WebhookListener {
        let router = Router(context: WebhookRequestContext.self)
        WebhookRoutes.register(on: router, intake: intake)
        var logger = Logger(label: "orderdesk.webhooks.http")
        logger.logLevel = .critical
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in continuation.yield(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let group = ServiceGroup(services: [app], logger: logger)
        let running = Task {
            do {
                try await group.run()
                continuation.yield(.failure(StartError.stoppedBeforeListening))
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        for await event in events {
            switch event {
            case .success(let port):
                return WebhookListener(address: ListenAddress(host: address.host, port: port), group: group, running: running)
            case .failure(let error):
                throw error
            }
        }
        throw StartError.stoppedBeforeListening
    }

    /// Graceful: requests in flight are answered, then the port closes.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await running.value
    }

    /// Returns when the listener stopped (a signal, or `stop`).
    public func waitUntilStopped() async {
        await running.value
    }
}
