import ArgumentParser
import Foundation
import OrderKit

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "The cached orders.",
        subcommands: [List.self, Show.self, Refresh.self, Import.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cached orders.")
        @Option(help: "Only this status.") var status: String?
        @Option(help: "Only this id_channel.") var channel: Int?
        @Option(help: "Substring of id, customer, e-mail, phone, SKU or reference; case and accents ignored.") var search: String?
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global) { runtime in
                let store = runtime.services.store
                let needle = search.map(SearchFold.fold)
                let rows = try await runtime.services.allSummaries().filter { summary in
                    if let status, summary.status.rawValue != status { return false }
                    if let channel, summary.key.idChannel != channel { return false }
                    if let needle {
                        let haystack = [summary.key.idOrder, summary.customer, summary.email, summary.phone] + summary.skus + summary.references
                        return haystack.contains { SearchFold.fold($0).contains(needle) }
                    }
                    return true
                }.sorted { ($0.paidAt ?? "", $0.key) > ($1.paidAt ?? "", $1.key) }
                if format.json {
                    try OrderJSON.writeArray(rows, store: store, line: Console.out)
                } else {
                    let header = ["id_order", "channel", "paid", "customer", "items", "total", "status", "carrier", "outbound", "outbox"]
                    let cells = rows.map { s in
                        [s.key.idOrder, String(s.key.idChannel), s.paidAt ?? "-", s.customer, String(s.itemCount),
                         s.total.map { String(format: "%.2f", $0) } ?? "-", s.status.rawValue, s.carrier ?? "-",
                         s.latestOutboundStatus ?? "-", s.outboxState?.rawValue ?? "-"]
                    }
                    Console.out(format.csv ? Output.csv(header, cells) : Output.table(header, cells))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one cached order.")
        @Argument var id: String
        @Option(help: "id_channel; needed only when the id is cached on more than one channel.") var channel: Int?
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global) { runtime in
                let store = runtime.services.store
                let key = try Self.key(id, channel: channel, cached: store.cachedKeys(idOrder: id))
                guard let stored = try store.order(key) else { throw CLIFailure("order \(key) is not in the cache (try: orderdesk orders refresh \(id) --channel \(key.idChannel))") }
                let bridge = try await runtime.services.bridgeHistory(key, live: false)
                if format.json {
                    Console.out(try OrderJSON.object(key, summary: try await runtime.services.summaries(for: [key]).first, store: store, bridge: bridge))
                    return
                }
                let order = stored.order
                Console.out(Output.table(["field", "value"], [
                    ["order", key.description], ["status", order.status.rawValue], ["paid", order.paymentAccreditedAt ?? "-"],
                    ["customer", order.customer?.fullName ?? "-"], ["total", order.total.map { "\($0) \(order.currency ?? "")" } ?? "-"],
                    ["carrier", order.carrier ?? "-"],
                ]))
                if let items = order.items, !items.isEmpty {
                    Console.out("")
                    Console.out(Output.table(["id_item", "sku", "name", "qty", "price", "status"], items.map {
                        [$0.idItem, $0.sku ?? "-", $0.name ?? "-", $0.quantity.map(String.init) ?? "-", $0.price.map { String($0) } ?? "-", $0.status?.rawValue ?? "-"]
                    }))
                }
                let outbounds = try store.outbounds(for: key)
                if !outbounds.isEmpty {
                    Console.out("")
                    Console.out(Output.table(["created", "status", "message", "reference"], outbounds.map { [$0.createdAt, $0.status, $0.message, $0.reference] }))
                }
                if let changes = bridge?.changes, !changes.isEmpty {
                    Console.out("")
                    Console.out(Output.table(["requested", "BRIDGE state", "outcome", "internal_number", "detail"], changes.map {
                        [WireDate.formatFilter($0.requestedAt, in: runtime.services.config.yuju.timeZone), $0.targetState.rawValue, $0.state.rawValue, $0.internalNumber ?? "-", $0.detail ?? "-"]
                    }))
                }
            }
        }

        /// The order an id names: with `--channel`, that one; without, the one cached under
        /// this id, or a clear error when there is none or more than one.
        static func key(_ id: String, channel: Int?, cached: [OrderKey]) throws -> OrderKey {
            if let channel { return OrderKey(idChannel: channel, idOrder: id) }
            switch cached.count {
            case 1: return cached[0]
            case 0: throw CLIFailure("order \(id) is not in the cache (try: orderdesk orders refresh \(id) --channel CHANNEL)")
            default:
                let channels = cached.map { String($0.idChannel) }.joined(separator: ", ")
                throw CLIFailure("order \(id) is cached on channels \(channels): say which with --channel")
            }
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch orders with one-order GETs (no report run).",
            discussion: "Either ids with --channel, or --from-report ID: exactly the orders an only_ids report listed.")
        @Argument var ids: [String] = []
        @Option(help: "id_channel; with --from-report, for ids not in the cache") var channel: Int?
        @Option(name: .customLong("from-report"), help: "id_report of an only_ids run") var fromReport: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if fromReport == nil, ids.isEmpty { throw ValidationError("give order ids with --channel, or --from-report ID") }
            if fromReport == nil, channel == nil { throw ValidationError("--channel is required with order ids") }
            if fromReport != nil, !ids.isEmpty { throw ValidationError("give either order ids or --from-report, not both") }
        }

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let result: OrderDeskServices.RefreshResult
                var withoutChannel: [String] = []
                if let fromReport {
                    let refresh = try await runtime.services.refreshFromReport(fromReport, channel: channel)
                    result = refresh.result
                    withoutChannel = refresh.withoutChannel
                } else {
                    result = await runtime.services.refresh(ids.map { OrderKey(idChannel: channel ?? 0, idOrder: $0) })
                }
                for key in result.refreshed { Console.out("refreshed \(key)") }
                for (key, reason) in result.failed { Console.err("\(key): \(reason)") }
                for id in withoutChannel { Console.err("\(Console.oneLine(id)): not in the cache and no channel known (give --channel)") }
                if !result.failed.isEmpty || !withoutChannel.isEmpty { throw ExitCode(1) }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a downloaded report file into the cache.")
        @Argument var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let summary = try runtime.services.store.importReportFile(at: URL(fileURLWithPath: file)) { count in
                    Console.err("imported \(count)…")
                }
                Console.out("imported \(summary.orders) orders, \(summary.ids) ids, \(summary.skipped) skipped")
                for error in summary.errors { Console.err(error) }
            }
        }
    }
}

/// Orders in the vendor's one-order shape and wire names, OrderDesk's fields under `orderdesk`.
enum OrderJSON {
    /// `summary`: the order's list row (its outbox state and latest outbound). `bridge`: the
    /// order's mirrors (`orders show`); left out when nil (`orders list`).
    static func value(_ key: OrderKey, summary: OrderSummary?, store: OrderStore, bridge: BridgeOrderHistory?? = nil) throws -> JSONValue? {
        guard let stored = try store.order(key) else { return nil }
        var object: [String: JSONValue]
        if case .object(let fields)? = try? JSONDecoderFactory.make().decode(JSONValue.self, from: stored.raw) {
            object = fields
        } else if case .object(let fields) = try JSONDecoderFactory.make().decode(JSONValue.self, from: JSONEncoderFactory.make().encode(stored.order)) {
            object = fields
        } else {
            object = [:]
        }
        var own: [String: JSONValue] = [:]
        own["outbox_state"] = summary?.outboxState.map { .string($0.rawValue) } ?? .null
        own["latest_outbound_status"] = summary?.latestOutboundStatus.map { .string($0) } ?? .null
        if let bridge { own["bridge"] = BridgeMirrorReport.json(bridge) }
        object["orderdesk"] = .object(own)
        return .object(object)
    }

    static func object(_ key: OrderKey, summary: OrderSummary?, store: OrderStore, bridge: BridgeOrderHistory?) throws -> String {
        try Output.json(value(key, summary: summary, store: store, bridge: .some(bridge)) ?? .null)
    }

    /// The array as `Output.json` writes it, written an order at a time: at 1,000,000 orders the
    /// whole array as one value took 6 GB and 18 minutes before its first byte.
    static func writeArray(_ rows: [OrderSummary], store: OrderStore, line: (String) -> Void) throws {
        var written = 0
        for row in rows {
            guard let value = try? value(row.key, summary: row, store: store) else { continue }
            let element = try Output.json(value).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            line((written == 0 ? "[\n" : ",\n") + element.joined(separator: "\n"))
            written += 1
        }
        line(written == 0 ? "[\n\n]" : "\n]")
    }
}
