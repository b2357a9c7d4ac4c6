import Foundation
import OrderDeskTestSupport
import OrderDeskTUI
import OrderKit
import Testing
@testable import OrderDeskCLI

/// `--live` with a sandbox running as its own process: a TUI registered with it (its listener
/// and the backend it reads, in this process, over loopback) sees new orders arrive by
/// themselves, whether the sandbox trickles (`orderdesk sandbox --live`) or the TUI asks it to
/// (`orderdesk --live --sandbox-url ...`).
@Suite struct SandboxLiveTrickleTests {
    @Test func aTUIRegisteredWithSandboxLiveSeesNewOrdersWithNoOneAsking() async throws {
        let sandbox = try TrickleSandboxProcess(arguments: ["--orders", "40", "--live", "--live-every-seconds", "0.3"])
        defer { sandbox.stop() }
        try await Self.expectNewOrdersNotified(sandboxURL: sandbox.baseURL, trickle: nil)
    }

    @Test func theTUIsOwnTrickleAsksASandboxOfItsOwn() async throws {
        let sandbox = try TrickleSandboxProcess(arguments: ["--orders", "40"])
        defer { sandbox.stop() }
        try await Self.expectNewOrdersNotified(sandboxURL: sandbox.baseURL) { yujuBaseURL in
            LiveTrickle.start(sandboxYujuBaseURL: yujuBaseURL, everySeconds: 0.3)
        }
    }

    /// Three new pending orders reach the TUI's backend as notified rows within 15 s, each
    /// fetched into the store.
    static func expectNewOrdersNotified(sandboxURL: String, trickle: ((String) -> Task<Void, Never>)?) async throws {
        let config = Runtime.sandboxConfig(
            baseURL: sandboxURL, statePath: NSTemporaryDirectory() + "od-trickle-\(UUID().uuidString)/s.sqlite",
            ui: UISettings(), network: NetworkSettings())
        let services = OrderDeskServices(config: config, store: try OrderStore.inMemory())
        // What the TUI does against a sandbox of its own: a listener, registered over HTTP.
        let session = try await WebhookSession.startForSandbox(services: services, sandbox: nil)
        let backend = ServicesBackend(services: services, webhooks: session.refresher)
        let events = backend.events()
        let running = trickle?(config.yuju.baseURL)
        let collector = Task {
            var seen: Set<OrderKey> = []
            for await event in events {
                if case .ordersNotified(let rows) = event { seen.formUnion(rows.filter { $0.status == .pending }.map(\.key)) }
                if seen.count >= 3 { break }
            }
            return seen
        }
        // Cancelling the wait ends the stream: no event at all fails the test instead of hanging it.
        let timeout = Task {
            try? await Task.sleep(for: .seconds(15))
            collector.cancel()
        }
        let seen = await collector.value
        timeout.cancel()
        running?.cancel()
        await session.stop()
        await services.shutdown()
        #expect(seen.count >= 3, "new orders notified: \(seen)")
        for key in seen { #expect(try services.store.order(key)?.order.status == .pending) }
    }
}

/// `orderdesk sandbox --port 0 ...` as a child process; its first line gives the address.
final class TrickleSandboxProcess: @unchecked Sendable {
    let process = Process()
    let baseURL: String

    init(arguments: [String]) throws {
        process.executableURL = ProcessRunner.orderdesk
        process.arguments = ["sandbox", "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://127.0.0.1:") else {
            process.terminate()
            throw CLIFailure("the sandbox said: \(text)")
        }
        baseURL = String(text[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
