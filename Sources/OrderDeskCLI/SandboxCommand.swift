import ArgumentParser
import Dispatch
import Foundation
import OrderSandbox

/// `orderdesk sandbox`: serves the three emulated vendor APIs on loopback until SIGINT/SIGTERM.
public struct SandboxCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the Yuju, BRIDGE and Datacrush sandbox on 127.0.0.1.")

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "Number of seeded orders.")
    var orders: Int = 3000

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 42

    @Option(name: .customLong("report-delay-ms"), help: "Milliseconds until a report is completed.")
    var reportDelayMs: Int = 2000

    public init() {}

    public func run() async throws {
        let options = SandboxOptions(port: port, orders: orders, seed: seed, reportDelay: .milliseconds(reportDelayMs))
        let server = try await SandboxServer.start(options)
        // Written and flushed at once: scripts wait for this line, also through a pipe or a file.
        FileHandle.standardOutput.write(Data("listening on \(server.baseURL)\n".utf8))
        await Self.waitForTerminationSignal()
        await server.stop()
    }

    /// Suspends until SIGINT or SIGTERM arrives (the default handlers are turned off so the
    /// server can stop gracefully).
    private static func waitForTerminationSignal() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            let queue = DispatchQueue(label: "orderdesk.sandbox.signals")
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.resume() }
                source.resume()
                once.keep(source)
            }
        }
    }
}

/// Resumes the continuation on the first signal only, and keeps the signal sources alive.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

    func resume() {
        let pending = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            defer { continuation = nil }
            return continuation
        }
        pending?.resume()
    }
}
