import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderDeskTestSupport
import OrderKit
import OrderSandbox
import Testing

/// `status set --bridge` and `orders show --json` against a sandbox whose BRIDGE applies a
/// change 0.3 s after accepting it (issue 12, item 6). The binary runs on a thread of its own:
/// waiting for it on the cooperative pool (two threads on this machine) starves the in-process
/// sandbox and every other suite running meanwhile. Serialized with `CLICommandTests` all the same.
extension CLICommandTests {
    /// `run`, waited for off the cooperative pool.
    static func runAside(_ arguments: [String], sandbox: SandboxServer, home: String) async throws -> Run {
        try await ProcessRunner.run(binary, arguments, environment: environment(sandbox: sandbox, home: home))
    }

    static let bridgeChangePath = "POST /bridge/order/change-status/state/change"

    static func withBridgeSandbox(_ body: (SandboxServer, String) async throws -> Void) async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 200, reportDelay: .milliseconds(200), bridgeApplyDelay: .milliseconds(300)))
        let home = NSTemporaryDirectory() + "od-cli-bridge-\(UUID().uuidString)"
        do { try await body(server, home) } catch { await server.stop(); throw error }
        await server.stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    static func bridgeChanges(_ server: SandboxServer) throws -> Int { try bridgeRequests(server, bridgeChangePath) }

    static func bridgeRequests(_ server: SandboxServer, _ path: String) throws -> Int {
        let data = try Data(contentsOf: URL(string: server.baseURL + "/_sandbox/stats")!)
        let stats = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (stats["requests"] as? [String: Int])?[path] ?? 0
    }

    /// Pending orders with two items or more, every item pending, from a report run.
    static func multiItemOrders(_ server: SandboxServer, home: String) async throws -> [[String: Any]] {
        let now = Date()
        let from = WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400)), to = WireDate.formatFilter(now)
        let report = try await Self.runAside(["report", "run", "--from", from, "--to", to, "--wait"], sandbox: server, home: home)
        #expect(report.status == 0, "\(report.err)")
        let list = try await Self.runAside(["orders", "list", "--status", "pending", "--json"], sandbox: server, home: home)
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        return orders.filter { order in
            let items = order["items"] as? [[String: Any]] ?? []
            return items.count >= 2 && items.allSatisfy { $0["status"] as? String == "pending" }
        }
    }

    static func itemIds(_ order: [String: Any]) -> [String] {
        (order["items"] as? [[String: Any]] ?? []).map { ($0["sku"] as? String) ?? "\($0["id_item"]!)" }
    }

    // The acceptance test of the issue: a partial cancel with the mirror on sends no BRIDGE
    // change; cancelling the remaining items sends exactly one `cancelled`, and `orders show
    // --json` shows it applied within the apply delay plus one poll. Fails on the old code.
    @Test func partialCancelIsNotMirroredTheLastItemsAreAndShowApplied() async throws {
        try await Self.withBridgeSandbox { server, home in
            let order = try #require(try await Self.multiItemOrders(server, home: home).first)
            let id = "\(order["id_order"]!)", channel = "\(order["id_channel"]!)"
            let items = Self.itemIds(order)

            let partial = try await Self.runAside(["status", "set", id, "--channel", channel, "--status", "canceled", "--item", items[0], "--bridge"], sandbox: server, home: home)
            #expect(partial.status == 0, "\(partial.err)")
            let left = items.count - 1
            #expect(partial.err.contains("BRIDGE: not mirrored, \(left) item\(left == 1 ? "" : "s") still pending"), "\(partial.err)")
            #expect(try Self.bridgeChanges(server) == 0)

            var rest: [String] = []
            for item in items.dropFirst() { rest += ["--item", item] }
            let last = try await Self.runAside(["status", "set", id, "--channel", channel, "--status", "canceled"] + rest + ["--bridge"], sandbox: server, home: home)
            #expect(last.status == 0, "\(last.err)")
            #expect(last.err.contains("BRIDGE: 1 applied"), "\(last.err)")
            #expect(try Self.bridgeChanges(server) == 1)

            let show = try await Self.runAside(["orders", "show", id, "--channel", channel, "--json"], sandbox: server, home: home)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(show.out.utf8)) as? [String: Any])
            let bridge = try #require((object["orderdesk"] as? [String: Any])?["bridge"] as? [String: Any], "\(show.out)")
            #expect(bridge["applied"] as? Bool == true)
            #expect(bridge["state"] as? String == "cancelled")
            #expect((bridge["internal_number"] as? String)?.hasPrefix("bridge") == true)
            #expect((bridge["changes"] as? [Any])?.count == 2)
            // Seen applied by the first status query (1 s after sending, the apply delay being
            // 0.3 s). Counted, not timed: a loaded machine stretches the seconds, not the count.
            #expect(try Self.bridgeRequests(server, "POST /bridge/order/status") == 1)
            #expect(bridge["last_checked"] as? String != nil)

            let human = try await Self.runAside(["orders", "show", id, "--channel", channel], sandbox: server, home: home)
            #expect(human.out.contains("applied") && human.out.contains("not mirrored"))
        }
    }

    // Found: the CLI said `1 sent, 0 failed` and exited 0 when BRIDGE refused the mirror.
    // Fails on the old code.
    @Test func aMirrorBridgeRefusesIsReportedWithItsCodeAndFailsTheCommand() async throws {
        try await Self.withBridgeSandbox { server, home in
            let order = try #require(try await Self.multiItemOrders(server, home: home).first)
            let id = "\(order["id_order"]!)", channel = "\(order["id_channel"]!)"
            let closed = try await Self.runAside(["bridge", "set-state", "--external", id, "--bridge-channel", "YJ\(channel)", "--state", "cancelled"], sandbox: server, home: home)
            #expect(closed.status == 0, "\(closed.err)")
            let set = try await Self.runAside(["status", "set", id, "--channel", channel, "--status", "ready_to_ship", "--bridge"], sandbox: server, home: home)
            #expect(set.status != 0)
            #expect(set.err.contains("BRIDGE 1023: \(BridgeText.finalState)"), "\(set.err)")
        }
    }

    // Found: without a channel code (or a [bridge] section) the mirror was dropped silently.
    // Now `status set --bridge` names the reason, queues nothing and exits non-zero. Fails on
    // the old code.
    @Test func aMirrorThatCannotBeSentIsRefusedByTheCLI() async throws {
        try await Self.withBridgeSandbox { server, home in
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            for (name, bridge) in [("no-section", ""), ("no-code", "[bridge]\nbase_url = \"\(server.baseURL)/bridge\"\nclient_id = \"sandbox\"\n[bridge.channel_codes]\n\"9999\" = \"X\"\n")] {
                let config = home + "/\(name).toml"
                try "[yuju]\nbase_url = \"\(server.baseURL)/yuju\"\ntoken = \"\(SandboxCredentials.yujuToken)\"\n\(bridge)".write(toFile: config, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config)
                let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state-\(name)", "XDG_CONFIG_HOME": home + "/config", "PATH": "/usr/bin:/bin"]
                let arguments = ["status", "set", "50032", "--channel", "4301", "--status", "ready_to_ship", "--bridge", "--config", config]
                let run = try await ProcessRunner.run(Self.binary, arguments, environment: environment)
                let (status, text) = (run.status, run.err)
                #expect(status != 0, "\(name): \(text)")
                let reason = name == "no-section" ? "no [bridge] section" : "no BRIDGE channel code for id_channel 4301"
                #expect(text.contains(reason), "\(name): \(text)")
            }
            let statuses = try Data(contentsOf: URL(string: server.baseURL + "/_sandbox/stats")!)
            #expect(!String(decoding: statuses, as: UTF8.self).contains("PUT /yuju/orders/status"))
        }
    }
}
