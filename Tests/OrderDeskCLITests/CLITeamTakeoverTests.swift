import Foundation
import OrderKit
import OrderSandbox
import Testing

/// Issue 15, "Takeover": two operators bulk-change at once in team mode; one is killed -9
/// mid-bulk. The other finishes both bulks: every change lands exactly once on the server, and
/// the time lost is about the lease.
@Suite(.serialized) struct CLITeamTakeoverTests {
    static let leaseSeconds = 2.0

    /// A configured profile on `server`, in team mode on `databaseURL` with a short lease.
    static func home(_ name: String, server: SandboxServer, databaseURL: String) throws -> String {
        let home = NSTemporaryDirectory() + "od-takeover-\(name)-\(UUID().uuidString)"
        try CLISecretsAndHostileTextTests.writeConfig(home: home, base: server.baseURL)
        let path = home + "/config/orderdesk/config.toml"
        let team = "[team]\ndatabase_url = \"\(databaseURL)\"\noperator = \"\(name)\"\nlease_seconds = \(leaseSeconds)\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(team.utf8))
        try handle.close()
        return home
    }

    static func csv(_ orders: ArraySlice<[String: Any]>, at path: String) throws {
        var text = "id_order,id_channel,status,carrier,items\n"
        for order in orders { text += "\(order["id_order"] as? String ?? ""),\(order["id_channel"] as? Int ?? 0),ready_to_ship,DHL,\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func landed(_ server: SandboxServer) async throws -> [String: Int] {
        let transitions = (try await TrustworthyChangeTests.stats(server))["transitions"] as? [String: [[String: Any]]] ?? [:]
        return transitions.mapValues { moves in moves.filter { $0["to"] as? String == "ready_to_ship" }.count }.filter { $0.value > 0 }
    }

    @Test func aKilledOperatorsBulkIsFinishedByTheOther() async throws {
        let databaseURL = try await CLITeamModeTests.freshDatabase()
        let password = try CLITeamModeTests.database.password
        let server = try await SandboxServer.start(SandboxOptions(orders: 400))
        let a = try Self.home("ana", server: server, databaseURL: databaseURL), b = try Self.home("beto", server: server, databaseURL: databaseURL)
        defer { for home in [a, b] { try? FileManager.default.removeItem(atPath: home) } }
        let environment = ["ORDERDESK_DATABASE_PASSWORD": password]
        let now = Date()
        let from = WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400), in: Assumed.yujuTimeZone)
        let to = WireDate.formatFilter(now, in: Assumed.yujuTimeZone)
        let report = try await CLISecretsAndHostileTextTests.run(["report", "run", "--from", from, "--to", to, "--wait"], home: a, environment: environment)
        #expect(report.status == 0, "\(report.err)")
        let list = try await CLISecretsAndHostileTextTests.run(["orders", "list", "--status", "pending", "--json"], home: a, environment: environment)
        let pending = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]], "\(list.err)")
        try #require(pending.count >= 40, "only \(pending.count) pending orders")
        try Self.csv(pending[0..<20], at: a + "/bulk.csv")
        try Self.csv(pending[20..<40], at: b + "/bulk.csv")

        // Both start together; A is killed once a few of the changes have landed.
        let started = ContinuousClock.now
        let killed = try CLIProcess.launch(["status", "set", "--file", a + "/bulk.csv"], home: a, environment: environment)
        let survivor = Task { try await CLISecretsAndHostileTextTests.run(["status", "set", "--file", b + "/bulk.csv"], home: b, environment: environment) }
        while try await Self.landed(server).count < 6, ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let landedAtKill = try await Self.landed(server).count
        killed.kill9()
        let finished = try await survivor.value
        let elapsed = ContinuousClock.now - started
        let landed = try await Self.landed(server)
        await server.stop()
        print("takeover: A killed with \(landedAtKill)/40 landed; all 40 landed \(elapsed) after both started (lease \(Self.leaseSeconds) s)")

        #expect(finished.status == 0, "\(finished.err)")
        let keys = pending[0..<40].map { "\($0["id_channel"] as? Int ?? 0)/\($0["id_order"] as? String ?? "")" }
        #expect(keys.filter { landed[$0] == nil }.isEmpty, "not landed: \(keys.filter { landed[$0] == nil })")
        #expect(landed.values.allSatisfy { $0 == 1 }, "landed twice: \(landed.filter { $0.value > 1 })")
        // 40 changes at 2 req/s take 20 s; the takeover adds about the lease.
        #expect(elapsed < .seconds(20 + Self.leaseSeconds + 6), "took \(elapsed)")
    }
}

/// A binary run that a test can kill -9.
struct CLIProcess {
    let process: Process

    static func launch(_ arguments: [String], home: String, environment: [String: String]) throws -> CLIProcess {
        let process = CLISecretsAndHostileTextTests.process(arguments, home: home, environment: environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return CLIProcess(process: process)
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
