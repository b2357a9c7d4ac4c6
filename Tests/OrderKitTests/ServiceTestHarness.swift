import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import OrderKit
import OrderSandbox

/// A sandbox on a free loopback port plus services pointed at it, with an in-memory store and
/// short retry delays. Always shut down (AsyncHTTPClient's rule).
struct ServiceHarness {
    let server: SandboxServer
    let services: OrderDeskServices
    let store: OrderStore
    let logs: LogCapture

    static let quick = SandboxOptions(orders: 300, reportDelay: .milliseconds(300), bridgeApplyDelay: .milliseconds(200))
    static let fastRetry = RetryPolicy(maxAttempts: 8, baseDelay: 0.05, maxDelay: 0.3)

    static func with(
        _ options: SandboxOptions = quick, store: OrderStore? = nil, configure: (inout OrderDeskConfig) -> Void = { _ in },
        _ body: (ServiceHarness) async throws -> Void
    ) async throws {
        let server = try await SandboxServer.start(options)
        let store = try store ?? OrderStore.inMemory()
        var config = OrderDeskConfig.sandbox(
            baseURL: server.baseURL, yujuToken: SandboxCredentials.yujuToken, bridgeClientId: SandboxCredentials.bridgeClientId,
            bridgeClientSecret: SandboxCredentials.bridgeClientSecret, datacrushPortalId: SandboxCredentials.datacrushPortalId,
            datacrushApiKey: SandboxCredentials.datacrushApiKey, statePath: NSTemporaryDirectory() + "orderdesk-test-\(UUID().uuidString)/s.sqlite")
        config.network.requestTimeout = 20  // a loaded CI machine can be slow; no test waits for this timeout
        configure(&config)
        let logs = LogCapture()
        let logger = Logger(label: "test") { _ in logs.handler() }
        let services = OrderDeskServices(config: config, store: store, retry: fastRetry, logger: logger)
        let harness = ServiceHarness(server: server, services: services, store: store, logs: logs)
        do {
            try await body(harness)
        } catch {
            await services.shutdown()
            await server.stop()
            throw error
        }
        await services.shutdown()
        await server.stop()
    }

    // MARK: Sandbox control

    func control(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
    }

    func faults(errorRate: Double = 0, dropRate: Double = 0, force429: Bool = false, latencyMs: Int = 0) async throws {
        _ = try await control(.POST, "/_sandbox/faults", body: #"{"latency_ms": \#(latencyMs), "error_rate": \#(errorRate), "drop_rate": \#(dropRate), "force_429": \#(force429)}"#)
    }

    struct Stats: Decodable {
        var requests: [String: Int]
        var rate_limited: [String: Int]
        var report_runs: Int
        var transitions: [String: [Transition]]
        var noop_status_puts: Int
        struct Transition: Decodable { var from: String; var to: String }
    }

    func stats() async throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: try await control(.GET, "/_sandbox/stats"))
    }

    /// Pending orders of the sandbox, found through a report run imported into the store.
    func pendingOrders(_ count: Int) async throws -> [OrderKey] {
        if try store.orderCount() == 0 {
            let now = Date()
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(now.addingTimeInterval(-179 * 86_400)), to: WireDate.formatFilter(now))))
            _ = try await services.runReport(returnType: .complete, request, wait: true, pollInterval: 0.1)
        }
        let pending = try store.allSummaries().filter { $0.status == .pending }.map(\.key).sorted()
        return Array(pending.prefix(count))
    }
}

/// Collects every log line, for the redaction tests.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func handler() -> CaptureHandler { CaptureHandler(capture: self) }

    struct CaptureHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")")
        }
    }
}

/// A clock whose sleeps advance time at once, for pacer and retry unit tests.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_000_000)
    private(set) var sleeps: [Double] = []

    var now: Date { lock.withLock { current } }

    var wallClock: WallClock {
        WallClock(now: { self.now }, sleep: { seconds in
            self.lock.withLock {
                self.sleeps.append(seconds)
                self.current = self.current.addingTimeInterval(max(0, seconds))
            }
        })
    }
}
