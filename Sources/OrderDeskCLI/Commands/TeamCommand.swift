import ArgumentParser
import Foundation
import OrderKit
import OrderTeam

struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "team", abstract: "Team mode (PostgreSQL).", subcommands: [Status.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The team's database, schema, operators active in the last minute, budgets and outbox.")
        @OptionGroup var format: FormatOptions
        @OptionGroup var global: GlobalOptions

        struct Report: Encodable {
            var database: String
            var schemaVersion: String
            var operatorName: String
            var operators: [TeamPresence.Operator]
            var budgets: [Budget]
            /// This machine's outbox (the team-wide one comes with the shared store).
            var outbox: [String: Int]

            struct Budget: Encodable {
                var kind: String
                var nextFreeInSeconds: Double
                var pausedForSeconds: Double
                var lastPauseMessage: String?
                enum CodingKeys: String, CodingKey {
                    case kind, nextFreeInSeconds = "next_free_in_seconds", pausedForSeconds = "paused_for_seconds", lastPauseMessage = "last_pause_message"
                }
            }

            enum CodingKeys: String, CodingKey {
                case database, schemaVersion = "schema_version", operatorName = "operator", operators, budgets, outbox
            }
        }

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                guard let team = runtime.team?.session else {
                    throw CLIFailure("not in team mode: give --database-url, \(ConfigLoader.databaseURLVariable) or [team] database_url")
                }
                let schedules = PostgresSlotSchedules(team.database)
                var budgets: [Report.Budget] = []
                for kind in [BudgetKind.yujuGeneral, .bridge, .datacrush] {
                    let schedule = try await schedules.read(kind)
                    budgets.append(Report.Budget(
                        kind: kind.rawValue, nextFreeInSeconds: max(0, schedule.nextSlot.timeIntervalSinceNow),
                        pausedForSeconds: max(0, schedule.pausedUntil?.timeIntervalSinceNow ?? 0), lastPauseMessage: schedule.pauseMessage))
                }
                var outbox: [String: Int] = [:]
                for state in OutboxState.allCases { outbox[state.rawValue] = try await runtime.services.outbox.count(states: [state]) }
                let report = Report(
                    database: team.database.url.description, schemaVersion: team.database.schemaVersion, operatorName: team.operatorName,
                    operators: try await TeamPresence(team.database).active(), budgets: budgets, outbox: outbox)
                if format.json { Console.out(try Output.json(report)); return }
                Console.out("database  \(report.database) (schema \(report.schemaVersion)); you are \(report.operatorName)")
                Console.out("")
                Console.out(Output.table(["operator", "host", "seen"], report.operators.map { [$0.name, $0.host, String(format: "%.0f s ago", $0.secondsAgo)] }))
                Console.out("")
                Console.out(Output.table(["budget", "next free in", "paused for", "last 429"], budgets.map {
                    [$0.kind, String(format: "%.1f s", $0.nextFreeInSeconds), String(format: "%.0f s", $0.pausedForSeconds), $0.lastPauseMessage ?? "-"]
                }))
                Console.out("")
                Console.out("outbox (the team's): " + OutboxState.allCases.map { "\($0.rawValue) \(outbox[$0.rawValue] ?? 0)" }.joined(separator: " · "))
            }
        }
    }
}
