import Foundation
import OrderKit
import Logging
import OrderSandbox
import OrderTeam
import Testing

/// `--database-url` end to end, against the throwaway PostgreSQL of `scripts/with-postgres.sh`.
@Suite(.serialized) struct CLITeamModeTests {
    static var database: (url: String, password: String) {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            guard let url = environment["ORDERDESK_TEST_DATABASE_URL"] else {
                throw CLIFailureForTests("no test database: run the tests through scripts/with-postgres.sh (see README)")
            }
            return (url, environment["ORDERDESK_TEST_DATABASE_PASSWORD"] ?? "")
        }
    }

    @Test func teamStatusNamesTheDatabaseAndTheOperatorNeverThePassword() async throws {
        let (url, password) = try Self.database
        let server = try await SandboxServer.start(SandboxOptions(orders: 50))
        let home = NSTemporaryDirectory() + "od-team-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["ORDERDESK_SANDBOX_URL": server.baseURL, "ORDERDESK_DATABASE_PASSWORD": password, "USER": "ana"]
        let status = try await CLISecretsAndHostileTextTests.run(["team", "status", "--json", "--database-url", url], home: home, environment: environment)
        await server.stop()
        #expect(status.status == 0, "\(status.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.out.utf8)) as? [String: Any])
        #expect((report["database"] as? String)?.hasPrefix("postgres://orderdesk@127.0.0.1:") == true)
        #expect(report["schema_version"] as? String == "v6-team-budgets-unlogged")
        let operators = report["operators"] as? [[String: Any]] ?? []
        #expect(operators.contains { $0["name"] as? String == report["operator"] as? String })
        #expect((report["budgets"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["yuju", "bridge", "datacrush"])
        // The team's outbox counts, per state (not this machine's: in team mode the outbox is the team's).
        #expect(Set((report["outbox"] as? [String: Int])?.keys.map { $0 } ?? []) == Set(OutboxState.allCases.map(\.rawValue)))
        #expect(!status.out.contains(password) && !status.err.contains(password))
    }

    /// A database of its own, so the team's report count starts at zero.
    static func freshDatabase() async throws -> String {
        let (url, password) = try database
        let admin = try await TeamDatabase.connect(try TeamDatabaseURL(url, password: Secret(password)), logger: Logger(label: "t"))
        let name = "od_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        return String(url[..<url.lastIndex(of: "/")!]) + "/" + name
    }

    /// Operator A runs a report; B, on another machine, sees one run fewer and lists the orders
    /// it imported, without spending anything.
    @Test func aReportRunByOneOperatorCountsForTheOther() async throws {
        let url = try await Self.freshDatabase()
        let password = try Self.database.password
        let server = try await SandboxServer.start(SandboxOptions(orders: 100, reportDelay: .milliseconds(200)))
        let homeA = NSTemporaryDirectory() + "od-team-a-\(UUID().uuidString)", homeB = NSTemporaryDirectory() + "od-team-b-\(UUID().uuidString)"
        defer { for home in [homeA, homeB] { try? FileManager.default.removeItem(atPath: home) } }
        let environment = ["ORDERDESK_SANDBOX_URL": server.baseURL, "ORDERDESK_DATABASE_URL": url, "ORDERDESK_DATABASE_PASSWORD": password]
        let now = Date()
        let from = WireDate.formatFilter(now.addingTimeInterval(-30 * 86_400), in: Assumed.yujuTimeZone)
        let to = WireDate.formatFilter(now, in: Assumed.yujuTimeZone)
        let report = try await CLISecretsAndHostileTextTests.run(["report", "run", "--from", from, "--to", to, "--wait"], home: homeA, environment: environment)
        #expect(report.status == 0, "\(report.err)")
        let listA = try await CLISecretsAndHostileTextTests.run(["orders", "list", "--json"], home: homeA, environment: environment)
        let statsAfterA = try await TrustworthyChangeTests.stats(server)
        let budget = try await CLISecretsAndHostileTextTests.run(["budget", "--json"], home: homeB, environment: environment)
        let list = try await CLISecretsAndHostileTextTests.run(["orders", "list", "--json"], home: homeB, environment: environment)
        let statsAfterB = try await TrustworthyChangeTests.stats(server)
        await server.stop()
        let limits = try #require(try JSONSerialization.jsonObject(with: Data(budget.out.utf8)) as? [[String: Any]], "\(budget.err)")
        let runs = try #require(limits.first { $0["kind"] as? String == "yuju-report" })
        #expect(runs["used"] as? Int == 1 && runs["available"] as? Int == 4, "\(runs)")
        // B's cache came from the team's feed: every order A imported, and no request of B's own.
        #expect(list.status == 0, "\(list.err)")
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]], "\(list.err)")
        let ordersA = try #require(try JSONSerialization.jsonObject(with: Data(listA.out.utf8)) as? [[String: Any]], "\(listA.err)")
        #expect(!ordersA.isEmpty)
        #expect(orders.count == ordersA.count, "A lists \(ordersA.count), B \(orders.count)")
        #expect(statsAfterB["requests"] as? [String: Int] == statsAfterA["requests"] as? [String: Int])
    }

    @Test func anUnreachableDatabaseIsOneLineAndANonZeroExit() async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 50))
        let home = NSTemporaryDirectory() + "od-team-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try await CLISecretsAndHostileTextTests.run(
            ["orders", "list", "--database-url", "postgres://ana:pw-never-shown@127.0.0.1:1/orderdesk"], home: home,
            environment: ["ORDERDESK_SANDBOX_URL": server.baseURL])
        await server.stop()
        #expect(run.status != 0)
        let lines = run.err.split(separator: "\n")
        #expect(lines.count == 1, "\(run.err)")
        #expect(run.err.contains("postgres://ana@127.0.0.1:1/orderdesk") && run.err.contains("unreachable"))
        #expect(!run.err.contains("pw-never-shown") && !run.out.contains("pw-never-shown"))
    }

    @Test func teamStatusOutsideTeamModeSaysHowToEnterIt() async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 50))
        let home = NSTemporaryDirectory() + "od-team-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try await CLISecretsAndHostileTextTests.run(["team", "status"], home: home, environment: ["ORDERDESK_SANDBOX_URL": server.baseURL])
        await server.stop()
        #expect(run.status != 0 && run.err.contains("--database-url"))
    }
}

struct CLIFailureForTests: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
