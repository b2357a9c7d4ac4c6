import ArgumentParser
import Foundation
import OrderKit

struct BridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bridge", abstract: "Napse BRIDGE order states.", subcommands: [SetState.self, Status.self])

    struct SetState: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-state", abstract: "Change a BRIDGE order's state (through the outbox).")
        @Option(help: "internalNumber") var `internal`: String?
        @Option(help: "externalNumber (with --bridge-channel)") var external: String?
        @Option(name: .customLong("bridge-channel"), help: "BRIDGE channel code") var bridgeChannel: String?
        @Option var state: String
        @Option var notes: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let change = BridgeChangeRequest(orderState: state, internalNumber: `internal`, externalNumber: external, channel: bridgeChannel, notes: notes)
            do { _ = try change.validate() } catch { throw ClientError.invalid(error) }
            let failed = try await Runtime.with(global, resume: true, fillCache: false) { runtime in
                try await OutboxRun.send(runtime) { [try await runtime.services.bridgeSetState(change)] }
            }
            if failed > 0 { throw CLIFailure("the BRIDGE state was not changed") }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A BRIDGE order's current state and history.")
        @Argument var internalNumber: String
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let status = try await runtime.services.bridgeStatus(internalNumber: internalNumber)
                if format.json { Console.out(try Output.json(status)); return }
                Console.out("\(internalNumber): \(status.currentStatus ?? "-") (\(status.currentStatusName ?? "-"))")
                let rows = (status.history ?? []).map { [$0.createdDate, $0.initialState, $0.finalState] }
                if !rows.isEmpty { Console.out(Output.table(["at", "from", "to"], rows)) }
            }
        }
    }
}
