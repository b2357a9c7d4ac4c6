import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderDeskTestSupport
import OrderKit
import OrderSandbox
import Testing

/// Runs the built `orderdesk` binary against a sandbox started by the test.
@Suite(.serialized) struct CLICommandTests {
    typealias Run = ProcessRunner.Result

    static var binary: URL { ProcessRunner.orderdesk }

    static func run(_ arguments: [String], sandbox: SandboxServer, home: String) throws -> Run {
        try ProcessRunner.runBlocking(binary, arguments, environment: environment(sandbox: sandbox, home: home))
    }

    static func environment(sandbox: SandboxServer, home: String) -> [String: String] {
        ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
         "ORDERDESK_SANDBOX_URL": sandbox.baseURL, "PATH": "/usr/bin:/bin"]
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
            // The id alone finds the order when one channel has it.
            let show = try Self.run(["orders", "show", id, "--json"], sandbox: server, home: home)
            #expect(show.status == 0, "\(show.err)")
            #expect(show.out.contains("\"ready_to_ship\""))
            let queue = try Self.run(["queue", "--json"], sandbox: server, home: home)
            #expect(queue.status == 0 && queue.out.contains("refused"))
            let budget = try Self.run(["budget", "--json"], sandbox: server, home: home)
            #expect(budget.status == 0 && budget.out.contains("yuju-report"))
            // snake_case, like every other --json (it was camelCase: windowSeconds, drainSeconds).
            let budgets = try #require(try JSONSerialization.jsonObject(with: Data(budget.out.utf8)) as? [[String: Any]])
            let keys = Set(budgets.flatMap(\.keys))
            #expect(keys.isSuperset(of: ["kind", "capacity", "window_seconds", "available", "used", "queued", "drain_seconds"]), "\(keys)")
            #expect(keys.allSatisfy { $0 == $0.lowercased() }, "\(keys)")
        }
    }

    @Test func reportStatusImportOutboundBridgeDatacrushAndAuth() async throws {
        try await Self.with { server, home in
            // report run without --wait, then report status until the file is ready, then import it.
            let now = Date()
            let from = WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400)), to = WireDate.formatFilter(now)
            let run = try Self.run(["report", "run", "--from", from, "--to", to, "--json"], sandbox: server, home: home)
            #expect(run.status == 0, "\(run.err)")
            let created = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
            let id = try #require(created["id_report"] as? String)
            var url = ""
            for _ in 0..<50 where url.isEmpty {
                let status = try Self.run(["report", "status", id, "--json"], sandbox: server, home: home)
                #expect(status.status == 0, "\(status.err)")
                let progress = try JSONSerialization.jsonObject(with: Data(status.out.utf8)) as? [String: Any]
                if progress?["status"] as? String == "COMPLETED" { url = progress?["url"] as? String ?? "" }
                if url.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
            }
            let (data, _) = try await URLSession.shared.data(from: try #require(URL(string: url)))
            let file = home + "/report.json"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: file))
            let imported = try Self.run(["orders", "import", file], sandbox: server, home: home)
            #expect(imported.status == 0, "\(imported.err)")
            #expect(imported.out.hasPrefix("imported ") && !imported.out.hasPrefix("imported 0 orders"))

            // outbound add, then outbound list --json in the shape of seed 000.
            let list = try Self.run(["orders", "list", "--json"], sandbox: server, home: home)
            let first = try #require((try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])?.first)
            let order = "\(first["id_order"]!)", channel = "\(first["id_channel"]!)"
            let add = try Self.run(["outbound", "add", order, "--channel", channel, "--status", "created", "--message", "guía creada por CLI",
                                    "--reference", "CLI-1", "--extra", "lote=7"], sandbox: server, home: home)
            #expect(add.status == 0, "\(add.err)")
            let records = try Self.run(["outbound", "list", order, "--channel", channel, "--json"], sandbox: server, home: home)
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(records.out.utf8)) as? [[String: Any]])
            let ours = try #require(decoded.first { $0["reference"] as? String == "CLI-1" })
            #expect(ours["message"] as? String == "guía creada por CLI")
            #expect(ours["status"] as? String == "created")

            // BRIDGE: status, then a state change on an order that is not in a final state.
            var changed = false
            for sequence in 1...6 where !changed {
                let number = "bridge" + String(repeating: "0", count: 9) + String(sequence)
                let status = try Self.run(["bridge", "status", number, "--json"], sandbox: server, home: home)
                #expect(status.status == 0, "\(status.err)")
                let current = (try JSONSerialization.jsonObject(with: Data(status.out.utf8)) as? [String: Any])?["currentStatus"] as? String
                guard let current, !["closed", "cancelled"].contains(current) else { continue }
                let set = try Self.run(["bridge", "set-state", "--internal", number, "--state", "cancelled", "--notes", "CLI"], sandbox: server, home: home)
                #expect(set.status == 0, "\(set.err)")
                changed = true
            }
            #expect(changed)
            let missing = try Self.run(["bridge", "set-state", "--state", "cancelled"], sandbox: server, home: home)
            #expect(missing.status != 0)
            #expect(missing.err.contains(BridgeText.orderCodeRequired))

            // Datacrush push of a cached order.
            let push = try Self.run(["datacrush", "push", order, "--channel", channel], sandbox: server, home: home)
            #expect(push.status == 0, "\(push.err)")

            // auth yuju: the token is saved owner-only and never printed.
            let auth = try Self.run(["auth", "yuju", "--client-id", SandboxCredentials.yujuClientId, "--secret-key", SandboxCredentials.yujuSecretKey,
                                     "--code", SandboxCredentials.yujuCode], sandbox: server, home: home)
            #expect(auth.status == 0, "\(auth.err)")
            let saved = try #require(auth.out.components(separatedBy: "saved to ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
            let token = try String(contentsOfFile: saved, encoding: .utf8)
            #expect(!token.isEmpty && !auth.out.contains(token) && !auth.err.contains(token))
            let permissions = try FileManager.default.attributesOfItem(atPath: saved)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
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
