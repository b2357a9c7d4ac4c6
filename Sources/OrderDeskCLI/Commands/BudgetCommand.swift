import ArgumentParser
import Foundation
import OrderKit

struct BudgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: "Every rate limit: used, left, resets at.")
    @OptionGroup var format: FormatOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runtime.with(global, fillCache: false) { runtime in
            let budgets = await runtime.services.budgets()
            if format.json { Console.out(try Output.json(budgets.map(BudgetJSON.init))); return }
            let header = ["limit", "capacity", "window", "used", "left", "queued", "next free", "last 429"]
            let rows = budgets.map { b in
                [b.kind.rawValue, String(b.capacity), Self.window(b.windowSeconds), String(b.used), String(b.available), String(b.queued),
                 Output.date(b.nextFreeAt), b.last429Message.map { "\(Output.date(b.last429At)) \($0)" } ?? "-"]
            }
            Console.out(format.csv ? Output.csv(header, rows) : Output.table(header, rows))
        }
    }

    static func window(_ seconds: Double) -> String {
        seconds >= 3600 ? "\(Int(seconds / 3600)) h" : seconds >= 60 ? "\(Int(seconds / 60)) min" : "\(seconds.formatted()) s"
    }
}

/// One limit in `budget --json`: snake_case like every other `--json`, with keys of its own so
/// renaming a property in OrderKit cannot change what scripts read.
struct BudgetJSON: Encodable {
    let kind: BudgetKind
    let capacity: Int
    let windowSeconds: Double
    let available: Int
    let used: Int
    let queued: Int
    let nextFreeAt: Date?
    let drainSeconds: Double
    let last429At: Date?
    let last429Message: String?
    let blockedUntil: Date?

    enum CodingKeys: String, CodingKey {
        case kind, capacity, available, used, queued
        case windowSeconds = "window_seconds", nextFreeAt = "next_free_at", drainSeconds = "drain_seconds"
        case last429At = "last_429_at", last429Message = "last_429_message", blockedUntil = "blocked_until"
    }

    init(_ snapshot: BudgetSnapshot) {
        kind = snapshot.kind
        capacity = snapshot.capacity
        windowSeconds = snapshot.windowSeconds
        available = snapshot.available
        used = snapshot.used
        queued = snapshot.queued
        nextFreeAt = snapshot.nextFreeAt
        drainSeconds = snapshot.drainSeconds
        last429At = snapshot.last429At
        last429Message = snapshot.last429Message
        blockedUntil = snapshot.blockedUntil
    }
}
