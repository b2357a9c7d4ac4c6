import ArgumentParser
import Foundation
import OrderKit

struct OutboundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbound", abstract: "Outbound info records.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an outbound record (through the outbox).")
        @Argument var id: String
        @Option var channel: Int
        @Option var status: String
        @Option var message: String
        @Option var reference: String
        @Option var module: String?
        @Option(help: "Extra field k=v (repeatable).") var extra: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            for pair in extra {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--extra takes k=v, not \(pair)") }
                fields[parts[0]] = .string(parts[1])
            }
            let request = OutboundRequest(status: status, message: message, moduleName: module, reference: reference, channelId: channel, extra: fields.isEmpty ? nil : fields)
            do { try request.validate() } catch { throw ClientError.invalid(error) }
            let key = OrderKey(idChannel: channel, idOrder: id)
            let failed = try await Runtime.with(global, resume: true, fillCache: false) { runtime in
                try await OutboxRun.send(runtime) { [try await runtime.services.addOutbound(key, request)] }
            }
            if failed > 0 { throw CLIFailure("the outbound record was not created") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An order's outbound records (GET, stored in the cache).")
        @Argument var id: String
        @Option var channel: Int
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let records = try await runtime.services.outbounds(OrderKey(idChannel: channel, idOrder: id))
                if format.json {
                    Console.out(try Output.json(records))
                } else {
                    let header = ["created", "updated", "status", "message", "module", "reference", "pk"]
                    let rows = records.map { [$0.createdAt, $0.updatedAt, $0.status, $0.message, $0.moduleName ?? "-", $0.reference, $0.orderIntExternalPk] }
                    Console.out(format.csv ? Output.csv(header, rows) : Output.table(header, rows))
                }
            }
        }
    }
}
