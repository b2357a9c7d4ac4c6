import ArgumentParser
import Foundation
import OrderKit

struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "The outbox of requested changes.", subcommands: [Show.self, Retry.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "List the outbox.")
        @Flag(help: "Also the entries already sent.") var all = false
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        struct Row: Encodable {
            var id: Int64
            var state: String
            var attempts: Int
            var summary: String
            var created_at: Date
            var updated_at: Date
            var last_error: String?
            var response: String?
            var user: String
        }

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let states: Swift.Set<OutboxState>? = all ? nil : [.queued, .sending, .failed, .refused]
                let entries = try await runtime.services.outbox.entries(states: states)
                let sendingNow = await runtime.services.outboxIsBeingSent()
                let rows = entries.map { Row(id: $0.id, state: $0.stateLabel(sendingNow: sendingNow), attempts: $0.attempts, summary: $0.request.summary, created_at: $0.createdAt, updated_at: $0.updatedAt, last_error: $0.lastError, response: $0.response, user: $0.user) }
                if format.json {
                    let encoder = JSONEncoderFactory.make(pretty: true)
                    encoder.dateEncodingStrategy = .iso8601
                    Console.out(Output.escapeInvisibles(String(decoding: try encoder.encode(rows), as: UTF8.self)))
                    return
                }
                let header = ["id", "state", "attempts", "change", "updated", "last error"]
                let cells = rows.map { [String($0.id), $0.state, String($0.attempts), $0.summary, Output.date($0.updated_at), $0.last_error ?? "-"] }
                Console.out(format.csv ? Output.csv(header, cells) : Output.table(header, cells))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send again what failed or was interrupted (or one entry), until drained.",
            discussion: "A change the server refused is final and is never sent again: make a new change instead.")
        @Argument var id: Int64?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let failed = try await Runtime.with(global, fillCache: false) { runtime in
                let outbox = runtime.services.outbox
                let targets: [Int64]
                if let id {
                    guard let entry = try await outbox.entry(id: id) else { throw CLIFailure("no outbox entry \(id)") }
                    switch entry.state {
                    case .sent: throw CLIFailure("entry \(id) was already accepted")
                    case .refused:
                        throw CLIFailure("entry \(id) was refused and is not sent again (\(Console.oneLine(entry.lastError ?? "refused"))); make a new change instead")
                    case .queued, .sending, .failed: targets = [id]
                    }
                } else {
                    targets = try await outbox.entries(states: [.queued, .sending, .failed]).map(\.id)
                }
                guard !targets.isEmpty else {
                    Console.err("nothing to send")
                    return 0
                }
                return try await OutboxRun.send(runtime) {
                    try await runtime.services.retry(ids: targets)
                    var entries: [OutboxEntry] = []
                    for id in targets { if let entry = try await outbox.entry(id: id) { entries.append(entry) } }
                    return entries
                }
            }
            if failed > 0 { throw CLIFailure("\(failed) change(s) failed") }
        }
    }
}
