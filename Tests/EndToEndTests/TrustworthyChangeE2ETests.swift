import Foundation
import Testing

/// Issue 12's repros, typed into the real binary in tmux, with the server's own count of what
/// it received (`/_sandbox/stats`).
@Suite(.serialized) struct TrustworthyChangeE2ETests {
    static func transitions(_ sandbox: SandboxProcess) throws -> [String: [[String: Any]]] {
        let stats = try sandbox.control("GET", "/_sandbox/stats") as? [String: Any]
        return stats?["transitions"] as? [String: [[String: Any]]] ?? [:]
    }

    static func orders(_ arguments: [String], _ env: [String: String]) throws -> [[String: Any]] {
        let list = try OrderDeskBinary.run(["orders", "list", "--json"] + arguments, environment: env)
        return (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// Through the facets panel (`keys` pick the statuses there), a list showing only `status`,
    /// at least `rows` of it, with the cursor on the first row. Returns the rows on screen.
    static func showOnly(_ status: String, _ tui: TmuxSession, keys: [String], rows: Int = 1) async throws -> [BulkStatusChangeTests.Row] {
        try tui.send("f")
        try await tui.waitFor(text: "Filter by status and channel")
        for key in keys + ["Escape", "g"] { try tui.send(key) }
        let list = try await tui.waitFor("the \(status) list") { screen in
            let shown = BulkStatusChangeTests.listRows(screen)
            return screen.contains("[\(status)]") && shown.count >= rows && shown.allSatisfy { $0.status == status }
        }
        return BulkStatusChangeTests.listRows(list)
    }

    /// Items 1, 2 and 4: two of an order's items are moved to ready_to_ship (by the CLI, as a
    /// colleague would); the TUI then ships exactly those two with DHL in one dialog, and the
    /// status bar ends with a summary of what the server accepted.
    @Test func partlyReadyItemsShipFromOneDialog() async throws {
        let sandbox = try SandboxProcess(orders: 500, seed: 7)
        let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_SANDBOX_URL": sandbox.baseURL])
        defer { OrderDeskBinary.removeIsolated(env) }
        #expect(try OrderDeskBinary.fillCache(environment: env).status == 0)
        let candidate = try #require(try Self.orders(["--status", "pending"], env).first { (($0["items"] as? [Any])?.count ?? 0) >= 3 })
        let id = "\(candidate["id_order"]!)", channel = "\(candidate["id_channel"]!)"
        let skus = ((candidate["items"] as? [[String: Any]]) ?? []).compactMap { ($0["sku"] as? String) ?? ($0["id_item"] as? String) }
        let moved = try OrderDeskBinary.run(
            ["status", "set", id, "--channel", channel, "--status", "ready_to_ship", "--item", skus[0], "--item", skus[1]], environment: env)
        #expect(moved.status == 0, "\(moved.stderr)")

        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await tui.waitFor(text: "SANDBOX")
        try tui.send("/")
        try tui.type(id)
        try tui.send("Enter")
        try await tui.waitFor("the one order") { BulkStatusChangeTests.listRows($0).map(\.id) == [id] }
        try tui.send("c")
        // ready_to_ship first: the two items already there are left out, marked with a dash.
        let first = try await tui.waitFor(text: "Items (\(skus.count - 2)/\(skus.count))")
        #expect(first.contains(" -  \(skus[0])"), "\(first)")
        // The order is `pending` (its least advanced item), yet shipped is offered, for every item.
        try await tui.waitFor(text: "( ) shipped")
        try tui.send("Down")
        try await tui.waitFor(text: "Items (\(skus.count)/\(skus.count))")
        try tui.send("Tab")
        try tui.type("dhl")
        try await tui.waitFor(text: "» DHL")
        try tui.send("Tab", "Down", "Down")
        for _ in 2..<skus.count { try tui.send("Space", "Down") }
        try await tui.waitFor(text: "Items (2/\(skus.count))")
        try tui.send("Enter")
        try await tui.waitFor(text: "1 accepted, 0 failed")
        let landed = try Self.transitions(sandbox)["\(channel)/\(id)"] ?? []
        #expect(landed.map { $0["to"] as? String } == ["ready_to_ship", "shipped"])
        #expect(landed.last?["items"] as? [String] == [skus[0], skus[1]])
        #expect(landed.last?["carrier"] as? String == "DHL")
        try tui.send("Escape")
        try await tui.waitFor("the summary dismissed") { !$0.contains("1 accepted, 0 failed") }
        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
    }

    /// Item 5: `q` with 20 changes draining asks first and, in sandbox mode, says they would be
    /// lost; after `n` they all land, and the summary counts them.
    @Test func quitAsksWhileChangesDrainInSandboxMode() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
        defer { OrderDeskBinary.removeIsolated(env) }
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await tui.waitFor(text: "SANDBOX", timeout: 60)
        try await tui.waitFor(text: "pending", timeout: 60)
        _ = try await Self.showOnly("pending", tui, keys: ["Space"], rows: 20)
        for _ in 0..<20 { try tui.send("Space") }
        try await tui.waitFor(text: "20 marked")
        try tui.send("c")
        try await tui.waitFor(text: "Change status · 20 orders")
        try tui.send("Enter")
        try await tui.waitFor(text: "/20 accepted")
        try tui.send("q")
        let asked = try await tui.waitFor(text: "changes are still queued or being sent.")
        #expect(asked.contains("In sandbox mode they are lost when you quit."))
        try tui.send("n")
        try await tui.waitFor(text: "20 accepted, 0 failed", timeout: 40)
        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
    }

    /// Item 5 and the kill -9 acceptance: 20 changes drain, the TUI is killed mid-way; `queue`
    /// then shows the unfinished ones as interrupted, never `sending`; a restart says how many
    /// it resumed; every change lands exactly once.
    @Test func killedMidDrainResumesEveryChangeExactlyOnce() async throws {
        let sandbox = try SandboxProcess(orders: 500, seed: 11)
        let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_SANDBOX_URL": sandbox.baseURL])
        defer { OrderDeskBinary.removeIsolated(env) }
        #expect(try OrderDeskBinary.fillCache(environment: env).status == 0)
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await tui.waitFor(text: "SANDBOX")
        let marked = Array(try await Self.showOnly("pending", tui, keys: ["Space"], rows: 20).prefix(20))
        for _ in 0..<20 { try tui.send("Space") }
        try await tui.waitFor(text: "20 marked")
        try tui.send("c")
        try await tui.waitFor(text: "Change status · 20 orders")
        try tui.send("Enter")
        try await tui.waitFor("a few accepted") { screen in
            guard let range = screen.range(of: "/20 accepted") else { return false }
            let done = Int(screen[..<range.lowerBound].split(separator: " ").last ?? "") ?? 0
            return done >= 3 && done <= 12
        }
        let shell = try tui.format("#{pane_pid}")
        let child = try Spawn.run(["pgrep", "-P", shell, "-f", "orderdesk"], environment: ProcessInfo.processInfo.environment)
        let pid = try #require(child.output.split(separator: "\n").first.map(String.init))
        _ = try Spawn.run(["kill", "-9", pid], environment: ProcessInfo.processInfo.environment)
        #expect(try await tui.waitForExit() == 137)

        let queue = try OrderDeskBinary.run(["queue", "--json"], environment: env)
        let rows = (try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]]) ?? []
        let states = rows.compactMap { $0["state"] as? String }
        #expect(!states.isEmpty && !states.contains("sending"), "\(states)")
        #expect(Set(states).isSubset(of: ["queued", "interrupted"]), "\(states)")

        let again = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await again.waitFor(text: "Resumed \(rows.count) unsent change")
        try await again.waitFor(text: "\(rows.count) accepted, 0 failed", timeout: 30)
        let landed = try Self.transitions(sandbox)
        for row in marked {
            #expect(landed["\(row.channel)/\(row.id)"]?.count == 1, "\(row.id) changed \(landed["\(row.channel)/\(row.id)"]?.count ?? 0) times")
        }
        try again.send("q")
        #expect(try await again.waitForExit() == 0)
    }

    /// Items 7 and 8: with a config whose Yuju is a closed port, the empty list says how to fill
    /// it (found: `No orders match.`), and `R Enter` fails to connect without spending a run
    /// (found: the bar dropped to `Reports 4/5`).
    @Test func aRefusedConnectionSpendsNoReportRunInTheTUI() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
        defer { OrderDeskBinary.removeIsolated(env) }
        let folder = env["XDG_CONFIG_HOME"]! + "/orderdesk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Port 9 (discard) is closed on loopback here; nothing listens on it.
        let config = "[yuju]\nbase_url = \"http://127.0.0.1:9/yuju\"\ntoken = \"t-closed\"\n[retry]\nmax_attempts = 2\nbase_delay_seconds = 0.05\n"
        _ = FileManager.default.createFile(atPath: folder + "/config.toml", contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        let empty = try await tui.waitFor(text: "The cache is empty")
        #expect(!empty.contains("No orders match."))
        try await tui.waitFor(text: "Reports 5/5")
        try tui.send("R")
        try await tui.waitFor(text: "Runs left in 24 h: 5")
        try tui.send("Enter")
        try await tui.waitFor(text: "could not connect")
        try await Task.sleep(for: .milliseconds(500))
        let after = try tui.screen()
        #expect(after.contains("Reports 5/5"), "\(after)")
        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
    }

    /// Items 6, 3 and 8 in sandbox mode: a whole-order change mirrored to BRIDGE is sent without
    /// pressing `t` (found: `queued ×0` until then) and the order's detail, opened from the
    /// activity panel with Enter (found: Enter retried), shows the mirror applied (found:
    /// always `(none)`); a delivered order opens no dialog and says why once.
    @Test func aMirroredChangeIsSentAndShownAppliedInSandboxMode() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
        defer { OrderDeskBinary.removeIsolated(env) }
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await tui.waitFor(text: "SANDBOX", timeout: 60)
        try await tui.waitFor(text: "pending", timeout: 60)
        let order = try #require(try await Self.showOnly("pending", tui, keys: ["Space"]).first)
        try tui.send("c")
        try await tui.waitFor(text: "Change status · \(order.channel)/\(order.id)")
        try await tui.waitFor(text: "Items (")
        try tui.send("Tab", "Tab", "Tab", "Space")
        try await tui.waitFor(text: "[x] Mirror to BRIDGE")
        try tui.send("Enter")
        // The queued note goes as soon as the change has its outcome: look at the outbox instead.
        try tui.send("a")
        let activity = try await tui.waitFor("the BRIDGE entry accepted") { screen in
            screen.contains("Activity (outbox)") && screen.split(separator: "\n").contains { $0.contains("BRIDGE YJ") && $0.contains("accepted") }
        }
        // One request for the change: the login before it is not an attempt.
        #expect(activity.split(separator: "\n").contains { $0.contains("BRIDGE YJ") && $0.contains("×1") }, "\(activity)")
        // Newest first: the BRIDGE entry (no Yuju order of its own), then the status change.
        try tui.send("Down", "Enter")
        try await tui.waitFor(text: "Order \(order.channel)/\(order.id)")
        var deadline = StarvationProofDeadline(30)
        var applied = false
        while !applied && !deadline.hasPassed() {
            let screen = try await tui.waitFor(text: "BRIDGE history")
            applied = screen.split(separator: "\n").contains { $0.contains("→ readyToPick") && $0.contains("applied") }
            if !applied {
                // Opened again the same way: the order has left the [pending] list behind it.
                try await Task.sleep(for: .seconds(1))
                try tui.send("Escape", "a", "Down", "Enter")
            }
        }
        let last = (try? tui.screen()) ?? ""
        #expect(applied, "\(last)")
        try tui.send("Escape", "Escape")
        // A delivered order: no dialog, one line saying why.
        // Facets: clear pending, then the fourth status.
        let done = try #require(try await Self.showOnly("delivered", tui, keys: ["c", "j", "j", "j", "Space"]).first)
        try tui.send("c")
        let refused = try await tui.waitFor(text: "No status change allowed. (\(done.id): delivered)")
        #expect(!refused.contains("Change status ·"))
        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
    }
}
