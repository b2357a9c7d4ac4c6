import ArgumentParser
import Foundation
import OrderKit

struct OutboundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbound", abstract: "Outbound info records.", subcommands: [Add.self, Update.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an outbound record (through the outbox).")
        @Argument var id: String
        @Option var channel: Int
        @Option var status: String
        @Option var message: String
        @Option var reference: String
        @OptionGroup var fields: OutboundFieldOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let extra = try fields.parsedExtra()
            let request = OutboundRequest(
                status: status, message: message, moduleName: fields.module, reference: reference, channelId: channel,
                extra: extra.isEmpty ? nil : extra, actions: try fields.parsedActions())
            do { try request.validate() } catch { throw ClientError.invalid(error) }
            let key = OrderKey(idChannel: channel, idOrder: id)
            let failed = try await Runtime.with(global, resume: true, fillCache: false) { runtime in
                try await OutboxRun.send(runtime) { [try await runtime.services.addOutbound(key, request)] }
            }
            if failed > 0 { throw CLIFailure("the outbound record was not created") }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an outbound record, found by its order_int_external_pk (through the outbox).",
            discussion: """
                The PUT replaces the whole record, so what is not given is kept from the record as \
                Yuju lists it now (or as cached): reference, module, extra fields (--extra sets \
                some over them) and actions (--action-json replaces them; '[]' removes them).
                """)
        @Argument(help: "The record's order_int_external_pk.") var pk: String
        @Option var channel: Int
        @Option(help: "The order's id_order.") var order: String
        @Option var status: String
        @Option var message: String
        @Option(help: "Default: the record's.") var reference: String?
        @OptionGroup var fields: OutboundFieldOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let change = OutboundChange(
                status: status, message: message, reference: reference, moduleName: fields.module,
                extra: try fields.parsedExtra(), actions: try fields.parsedActions())
            let key = OrderKey(idChannel: channel, idOrder: order)
            let failed = try await Runtime.with(global, resume: true, fillCache: false) { runtime in
                let (record, readError) = try await runtime.services.outboundRecord(key, pk: pk)
                if record == nil, reference == nil {
                    let why = readError.map { "the order's records could not be read (\($0))" } ?? "\(key) has no record \(pk)"
                    throw CLIFailure("\(why): give --reference to send the update without the record's current fields")
                }
                let request: OutboundRequest
                do throws(ValidationFailure) { request = try change.request(over: record, channelId: channel) } catch { throw ClientError.invalid(error) }
                return try await OutboxRun.send(runtime) { [try await runtime.services.updateOutbound(key, pk: pk, request)] }
            }
            if failed > 0 { throw CLIFailure("the outbound record was not updated") }
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

/// The optional fields `outbound add` and `outbound update` share.
struct OutboundFieldOptions: ParsableArguments {
    @Option var module: String?
    @Option(help: "Extra field k=v (repeatable).") var extra: [String] = []
    @Option(name: .customLong("action-json"), help: ArgumentHelp(
        #"An action as JSON, {"name":"request_http","message":"…","params":{…}}, or an array of them (repeatable)."#,
        valueName: "json"))
    var actionJSON: [String] = []

    func parsedExtra() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for pair in extra {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--extra takes k=v, not \(pair)") }
            fields[parts[0]] = .string(parts[1])
        }
        return fields
    }

    /// nil when none was given (an update then keeps the record's actions).
    func parsedActions() throws -> [OutboundRequest.Action]? {
        guard !actionJSON.isEmpty else { return nil }
        var actions: [OutboundRequest.Action] = []
        for text in actionJSON {
            do { actions += try OutboundActionInput.parse(text) } catch { throw CLIFailure("--action-json: \(error)") }
        }
        return actions
    }
}
