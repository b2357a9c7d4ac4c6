import Foundation
import OrderKit
import OrderSandbox
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
        #expect(report["schema_version"] as? String == "v1-team-budgets")
        let operators = report["operators"] as? [[String: Any]] ?? []
        #expect(operators.contains { $0["name"] as? String == report["operator"] as? String })
        #expect((report["budgets"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["yuju", "bridge", "datacrush"])
        #expect(!status.out.contains(password) && !status.err.contains(password))
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
