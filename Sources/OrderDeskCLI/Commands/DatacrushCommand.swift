import ArgumentParser
import Foundation
import OrderKit

struct DatacrushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "datacrush", abstract: "Datacrush.", subcommands: [Push.self])

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Push cached orders to Datacrush (through the outbox).")
        @Argument var ids: [String]
        @Option var channel: Int
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let keys = ids.map { OrderKey(idChannel: channel, idOrder: $0) }
            let (failed, skipped) = try await Runtime.with(global, resume: true) { runtime in
                var skipped: [(OrderKey, String)] = []
                let failed = try await OutboxRun.send(runtime) {
                    let plan = try await runtime.services.pushToDatacrush(keys)
                    skipped = plan.skipped
                    return plan.entry.map { [$0] } ?? []
                }
                return (failed, skipped)
            }
            for (key, reason) in skipped { Console.err("skipped \(key): \(reason)") }
            if failed > 0 || !skipped.isEmpty { throw CLIFailure("\(skipped.count) order(s) skipped, \(failed) push(es) failed") }
        }
    }
}
