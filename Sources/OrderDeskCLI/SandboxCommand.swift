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

    @Flag(help: "Create a new pending order every few seconds, so a live list moves (a demo).")
    var live = false

    @Option(name: .customLong("live-every-seconds"), help: "Seconds between two new orders with --live.")
    var liveEverySeconds: Double = LiveTrickle.defaultIntervalSeconds

    public init() {}

    public func run() async throws {
        let options = SandboxOptions(port: port, orders: orders, seed: seed, reportDelay: .milliseconds(reportDelayMs))
        let server = try await SandboxServer.start(options)
        // Written and flushed at once: scripts wait for this line, also through a pipe or a file.
        FileHandle.standardOutput.write(Data("listening on \(server.baseURL)\n".utf8))
        let trickle = live ? LiveTrickle.start(server, everySeconds: liveEverySeconds) : nil
        await TerminationSignal.wait()
        trickle?.cancel()
        await server.stop()
    }
}
