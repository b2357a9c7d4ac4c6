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
            if format.json { Console.out(try Output.json(budgets)); return }
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
