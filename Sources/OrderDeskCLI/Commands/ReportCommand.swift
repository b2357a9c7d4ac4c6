import ArgumentParser
import Foundation
import OrderKit

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Yuju orders report (5 runs per 24 h).", subcommands: [Run.self, Status.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Request a report; with --wait, download and import it.")
        @Option(help: "payment_accredited_at from, YYYY-MM-DDTHH:mm:ss") var from: String?
        @Option(help: "payment_accredited_at to, YYYY-MM-DDTHH:mm:ss") var to: String?
        @Option(help: "id_channel (repeatable)") var channel: [Int] = []
        @Option(help: "open or close") var state: String?
        @Option(help: "Order ids, comma-separated (every other filter is then ignored).") var ids: String?
        @Flag(help: "The standardised structure (/std-orders-report): requested only, never imported, so not with --wait.") var std = false
        @Flag(help: .hidden) var normal = false
        @Option(name: .customLong("return-type"), help: "only_ids, basic or complete") var returnType: String = "complete"
        @Flag(help: "Poll until ready, download and import into the cache.") var wait = false
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            guard let type = ReportReturnType(rawValue: returnType) else { throw ValidationError("--return-type must be only_ids, basic or complete") }
            let filters: ReportRequest.Filters
            if let ids {
                filters = .init(orderIds: ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            } else {
                filters = .init(paymentAccreditedAt: .init(from: from, to: to), channels: channel.isEmpty ? nil : channel, status: state)
            }
            let request = ReportRequest(filters: filters)
            // Refused locally with Yuju's own text: no run is spent (nor a sandbox started).
            do { try request.validate() } catch { throw ClientError.invalid(error) }
            try await Runtime.with(global, fillCache: false) { runtime in
                let services = runtime.services
                let events = services.reportEvents.subscribe()
                // A failure is printed once, as the command's error.
                let progress = Task {
                    for await event in events {
                        if case .failed = event { continue }
                        Console.err(event.description)
                    }
                }
                defer { progress.cancel() }
                let outcome = try await services.runReport(std ? .standard : Assumed.importedReportVariant, returnType: type, request, wait: wait)
                let budget = await services.reportBudget.snapshot()
                if format.json {
                    Console.out(try Output.json(outcome.created))
                } else {
                    Console.out("id_report \(outcome.created.idReport): \(outcome.created.message)")
                    if let imported = outcome.imported {
                        Console.out("imported \(imported.orders) orders, \(imported.ids) ids")
                        if imported.ids > 0 { Console.err("refresh exactly these orders: orderdesk orders refresh --from-report \(outcome.created.idReport)") }
                    }
                }
                Console.err("report runs: \(budget.used) of \(budget.capacity) used in the last 24 h")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A report's progress.")
        @Argument var id: String
        @Flag(help: "A standardised (/std-orders-report) run not in this profile's ledger.") var std = false
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let progress = try await runtime.services.reportStatus(id, variant: std ? .standard : nil)
                if format.json { Console.out(try Output.json(progress)) } else { Console.out("\(progress.idReport) \(progress.status.rawValue) \(progress.url ?? "")") }
            }
        }
    }
}
