import Foundation
import OrderKit
import OrderSandbox
import Testing

/// Runs the built `orderdesk` binary against a sandbox started by the test.
@Suite(.serialized) struct CLICommandTests {
    struct Run { var status: Int32; var out: String; var err: String }

    static var binary: URL {
        // The products directory holds both the test bundle and the executable.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("orderdesk").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("orderdesk")
    }

    static func run(_ arguments: [String], sandbox: SandboxServer, home: String) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                               "ORDERDESK_SANDBOX_URL": sandbox.baseURL, "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    static func with(_ body: (SandboxServer, String) async throws -> Void) async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 200, reportDelay: .milliseconds(200)))
        let home = NSTemporaryDirectory() + "od-cli-\(UUID().uuidString)"
        do { try await body(server, home) } catch { await server.stop(); throw error }
        await server.stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    @Test func reportImportListShowStatusQueueAndBudget() async throws {
        try await Self.with { server, home in
            let now = Date()
            let from = WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400)), to = WireDate.formatFilter(now)
            let report = try Self.run(["report", "run", "--from", from, "--to", to, "--wait", "--log-level", "trace"], sandbox: server, home: home)
            #expect(report.status == 0, "\(report.err)")
            #expect(!report.err.contains(SandboxCredentials.yujuToken))
            let list = try Self.run(["--sandbox-url", server.baseURL, "orders", "list", "--status", "pending", "--json"], sandbox: server, home: home)
            #expect(list.status == 0)
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
            let first = try #require(orders.first)
            #expect(first["orderdesk"] != nil && first["id_order"] != nil)
            let id = "\(first["id_order"]!)", channel = "\(first["id_channel"]!)"
            let csv = try Self.run(["orders", "list", "--csv"], sandbox: server, home: home)
            #expect(csv.out.hasPrefix("id_order,channel"))
            let set = try Self.run(["status", "set", id, "--channel", channel, "--status", "ready_to_ship", "--carrier", "DHL"], sandbox: server, home: home)
            #expect(set.status == 0, "\(set.err)")
            let bad = try Self.run(["status", "set", id, "--channel", channel, "--status", "delivered"], sandbox: server, home: home)
            #expect(bad.status != 0)
            #expect(bad.err.contains("No se puede cambiar el estado"))
            let show = try Self.run(["orders", "show", id, "--channel", channel, "--json"], sandbox: server, home: home)
            #expect(show.out.contains("\"ready_to_ship\""))
            let queue = try Self.run(["queue", "--json"], sandbox: server, home: home)
            #expect(queue.status == 0 && queue.out.contains("failed"))
            let budget = try Self.run(["budget", "--json"], sandbox: server, home: home)
            #expect(budget.status == 0 && budget.out.contains("yuju-report"))
        }
    }

    @Test func bulkFileRefusesInvalidRowsBeforeSendingAnything() async throws {
        try await Self.with { server, home in
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let file = home + "/changes.csv"
            try "id_order,id_channel,status,carrier,items\n,4301,shipped,,\n123,abc,shipped,,\n".write(toFile: file, atomically: true, encoding: .utf8)
            let run = try Self.run(["status", "set", "--file", file], sandbox: server, home: home)
            #expect(run.status != 0)
            #expect(run.err.contains("line 2: " + YujuText.idOrderRequired))
            #expect(run.err.contains("line 3:"))
            let report = try Self.run(["report", "run", "--from", "2026-01-01", "--to", "2026-02-01"], sandbox: server, home: home)
            #expect(report.status != 0 && report.err.contains(YujuText.reportDateFormat))
        }
    }
}
