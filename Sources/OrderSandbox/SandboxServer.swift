import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import OrderKit
import ServiceLifecycle

/// The three vendor APIs over real HTTP on one loopback port: `/yuju`, `/bridge`, `/datacrush`,
/// plus `/_sandbox/*` control routes and the report files.
public final class SandboxServer: Sendable {
    public enum StartError: Error, CustomStringConvertible {
        case notLoopback(String)
        case stoppedBeforeListening

        public var description: String {
            switch self {
            case .notLoopback(let host): "the sandbox binds loopback only, not \(host)"
            case .stoppedBeforeListening: "the sandbox stopped before it accepted connections"
            }
        }
    }

    public let port: Int
    public let host: String
    public let scheme: String
    public var baseURL: String { "\(scheme)://\(host):\(port)" }

    let state: SandboxState
    private let group: ServiceGroup
    private let running: Task<Void, Never>

    private init(port: Int, host: String, scheme: String, state: SandboxState, group: ServiceGroup, running: Task<Void, Never>) {
        self.port = port
        self.host = host
        self.scheme = scheme
        self.state = state
        self.group = group
        self.running = running
    }

    /// Seeds the data, binds, and returns once the port accepts connections.
    public static func start(_ options: SandboxOptions) async throws -> SandboxServer {
        guard ["127.0.0.1", "::1", "localhost"].contains(options.host) else { throw StartError.notLoopback(options.host) }
        let state = SandboxState(options: options)
        let router = Router(context: SandboxRequestContext.self)
        router.add(middleware: VendorTrafficMiddleware(state: state))
        YujuRoutes.register(on: router, state: state)
        BridgeRoutes.register(on: router, state: state)
        DatacrushRoutes.register(on: router, state: state)
        ControlRoutes.register(on: router, state: state)

        // Request logging would print query strings, and Datacrush's api_key travels in one.
        var logger = Logger(label: "orderdesk.sandbox")
        logger.logLevel = .critical
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: router,
            server: try options.tls.map(Self.tlsServer) ?? .http1(),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
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
                let host = options.host == "localhost" ? "127.0.0.1" : options.host
                let server = SandboxServer(port: port, host: host.contains(":") ? "[\(host)]" : host, scheme: options.tls == nil ? "http" : "https", state: state, group: group, running: running)
                await state.setBaseURL(server.baseURL)
                return server
            case .failure(let error):
                throw error
            }
        }
        throw StartError.stoppedBeforeListening
    }

    /// HTTP/1.1 over TLS with the given certificate and key.
    private static func tlsServer(_ tls: SandboxTLS) throws -> HTTPServerBuilder {
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainFile)
        let key = try NIOSSLPrivateKey(file: tls.privateKeyFile, format: .pem)
        return try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
    }

    /// Graceful: in-flight requests finish, then the port closes.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await running.value
        await state.webhookSender.shutdown()
    }

    /// Registers the webhook target in-process (what `POST /_sandbox/webhooks` does), for the
    /// TUI's own listener in sandbox mode.
    public func registerWebhook(url: String, secret: String) async -> Bool {
        await state.registerWebhook(["url": .string(url), "secret": .string(secret)]).status == .ok
    }

    /// Creates new pending orders in-process (what `POST /_sandbox/orders` does), for the
    /// `--live` trickle.
    public func createOrders(count: Int) async {
        _ = await state.createOrders(["count": .int(Int64(count))])
    }

    /// The orders Datacrush holds, by id: what a test checks a push against.
    public func datacrushOrders() async -> [Int: DatacrushOrder] { await state.datacrushOrders() }

    /// How long seeding took at start or at the last reset.
    public func seedDuration() async -> Duration { await state.seedDuration() }
}
