import ArgumentParser
import Foundation
import OrderKit

/// `orderdesk webhooks serve`: the listener for Yuju's notifications alone (for a server; in
/// team mode, one per team).
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Yuju webhook notifications: a live order cache that spends no report run.",
        subcommands: [Serve.self, Status.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Listen for Yuju's notifications and refresh each notified order with one GET.",
            discussion: """
                Notifications are taken at POST /webhooks/yuju (GET /healthz answers 200). The secret comes from \
                [webhooks] secret or ORDERDESK_WEBHOOK_SECRET and is never printed. Runs until SIGINT or SIGTERM.
                """)

        @Option(help: "HOST:PORT to listen on (over [webhooks] listen); port 0 picks a free one.")
        var listen: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let listen, ListenAddress(listen) == nil { throw ValidationError("--listen must be HOST:PORT, not \(listen)") }
        }

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                guard let address = listen.flatMap(ListenAddress.init) ?? runtime.config.webhooks.listen else {
                    throw CLIFailure("no address to listen on: --listen HOST:PORT or [webhooks] listen")
                }
                guard let secret = runtime.config.webhooks.secret else {
                    throw CLIFailure("no webhook secret: [webhooks] secret or \(ConfigLoader.webhookSecretVariable)")
                }
                let session = try await WebhookSession.start(services: runtime.services, listen: address, secret: secret, sandbox: runtime.sandbox)
                if runtime.config.isSandbox, runtime.sandbox == nil {
                    // A sandbox of its own: point its notifications here, as Yuju's settings would.
                    try await WebhookSession.registerWithSandbox(
                        yujuBaseURL: runtime.config.yuju.baseURL, url: session.listener.notificationURL, secret: secret)
                }
                // Written and flushed at once: scripts wait for this line, also through a pipe.
                FileHandle.standardOutput.write(Data("listening on \(session.listener.url)\n".utf8))
                await TerminationSignal.wait()
                await session.stop()
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "The webhook inbox: notifications received, pending, GETs they cost, drain time.")
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let summary = WebhookInboxSummary(try runtime.services.store.webhookNotifications())
                if format.json { Console.out(try Output.json(summary)); return }
                let rows: [[String]] = [
                    ["received", String(summary.received)], ["pending", String(summary.pending)], ["failed", String(summary.failed)],
                    ["orders", String(summary.orders)], ["GETs", String(summary.gets)],
                    ["orders notified again after their GET", String(summary.ordersNotifiedAgain)],
                    ["needless GETs", String(summary.needlessGets)], ["drain", String(format: "%.1f s", summary.drainSeconds)],
                ]
                Console.out(format.csv ? Output.csv(["what", "value"], rows) : Output.table(["what", "value"], rows))
            }
        }
    }
}
