import ArgumentParser
import Foundation
import OrderKit

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Change order status.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change one order's status, or every row of a CSV file (through the outbox).")
        @Argument(help: "id_order (omit with --file).") var id: String?
        @Option var channel: Int?
        @Option var status: String?
        @Option var carrier: String?
        @Option(name: .customLong("item"), help: "Item SKU (repeatable); default: every item.") var items: [String] = []
        @Flag(help: "Mirror the change to BRIDGE.") var bridge = false
        @Option(help: "CSV: id_order,id_channel,status,carrier,items (items ;-separated).") var file: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if file == nil, id == nil || channel == nil || status == nil {
                throw ValidationError("give ID --channel N --status S, or --file changes.csv")
            }
            if file != nil, id != nil { throw ValidationError("give either an ID or --file, not both") }
        }

        func run() async throws {
            let changes: [StatusChangeRequest]
            if let file {
                do {
                    changes = try StatusChangeFile.parse(contentsOf: URL(fileURLWithPath: file))
                } catch let invalid as StatusChangeFile.Invalid {
                    for error in invalid.errors { Console.err("\(file): \(error)") }
                    throw invalid
                }
            } else if let id, let channel, let status {
                changes = [StatusChangeRequest(idOrder: id, idChannel: channel, status: OrderStatus(status), carrier: carrier, idItems: items.isEmpty ? nil : items)]
            } else {
                changes = []
            }
            for change in changes {
                do { try change.validate() } catch { throw ServiceError.invalidRow(change.key, error) }
            }
            let (failures, refused) = try await Runtime.with(global, resume: true, fillCache: false) { runtime in
                var queued: [OutboxEntry] = []
                let failures = try await OutboxRun.send(runtime) {
                    queued = try await runtime.services.changeStatus(changes, mirrorToBridge: bridge)
                    return queued
                }
                let refused = bridge ? try await BridgeMirrorReport.print(runtime, statusEntries: queued.map(\.id)) : 0
                return (failures, refused)
            }
            if failures > 0 { throw CLIFailure("\(failures) of \(changes.count) change\(changes.count == 1 ? "" : "s") failed") }
            if refused > 0 { throw CLIFailure("BRIDGE refused \(refused) of \(changes.count) mirror\(changes.count == 1 ? "" : "s")") }
        }
    }
}

/// Queues entries, follows their progress on stderr until the outbox has drained, and reports
/// each one not accepted. Returns how many of the queued entries were not accepted.
enum OutboxRun {
    static func send(_ runtime: Runtime, _ enqueue: () async throws -> [OutboxEntry]) async throws -> Int {
        let services = runtime.services
        let events = services.outboxEvents.subscribe()
        let entries = try await enqueue()
        let ids = Swift.Set(entries.map(\.id))
        let total = entries.count
        let started = Date()
        let progress = Task {
            var done = 0
            for await event in events where ids.contains(event.id) {
                guard let word = Self.outcomeWord(event.state) else { continue }
                done += 1
                let detail = event.detail.map { ": " + Console.oneLine($0) } ?? ""
                Console.err("[\(done)/\(total)] \(event.summary) — \(word)\(detail)")
            }
        }
        await services.drainOutbox()
        progress.cancel()
        var counts: [OutboxState: Int] = [:]
        for id in ids.sorted() {
            guard let entry = try await services.outbox.entry(id: id) else { continue }
            counts[entry.state, default: 0] += 1
            if entry.state != .sent {
                Console.err("\(Self.outcomeWord(entry.state) ?? entry.state.rawValue): \(entry.request.summary): \(entry.lastError ?? entry.state.rawValue)")
            }
        }
        let accepted = counts[.sent] ?? 0
        Console.err(String(
            format: "%d accepted, %d refused, %d failed in %.1f s", accepted, counts[.refused] ?? 0,
            total - accepted - (counts[.refused] ?? 0), Date().timeIntervalSince(started)))
        return total - accepted
    }

    /// The word for an entry's end; nil while it is not over.
    static func outcomeWord(_ state: OutboxState) -> String? {
        switch state {
        case .sent: "accepted"
        case .refused: "refused"
        case .failed: "failed"
        case .queued, .sending: nil
        }
    }
}
