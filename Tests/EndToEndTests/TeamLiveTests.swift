import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// Issue 15, "Live": two TUIs in tmux on one team database. A change confirmed in one shows its
/// new status in the other within a second, with no key pressed there.
@Suite(.serialized) struct TeamLiveTests {
    /// A database of its own on the throwaway cluster of `scripts/with-postgres.sh`.
    static func freshDatabase() async throws -> (url: String, password: String) {
        let environment = ProcessInfo.processInfo.environment
        let url = try #require(environment["ORDERDESK_TEST_DATABASE_URL"], "run the tests through scripts/with-postgres.sh (see README)")
        let password = environment["ORDERDESK_TEST_DATABASE_PASSWORD"] ?? ""
        let admin = try await TeamDatabase.connect(try TeamDatabaseURL(url, password: Secret(password)), logger: Logger(label: "e2e"))
        let name = "od_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        return (String(url[..<url.lastIndex(of: "/")!]) + "/" + name, password)
    }

    /// The list line of order `id`, whatever marks precede it (`•` changed, `✓` marked).
    static func row(_ id: String, in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(" \(id) ") || $0.hasPrefix("\(id) ") }
    }

    /// The status bar's budgets: the screen's last line.
    static func budgetLine(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// Two operators on one fresh team database and one sandbox: A has filled the team's cache
    /// (B never runs a report). `names`: each one's `[team] operator`, when given. Returns the
    /// first pending order; remove the environments with `OrderDeskBinary.removeIsolated`.
    struct TwoOperators {
        let sandbox: SandboxProcess
        let envA: [String: String]
        let envB: [String: String]
        let pending: OrderKey
    }

    static func twoOperators(seed: Int, names: (String, String)? = nil) async throws -> TwoOperators {
        let sandbox = try SandboxProcess(orders: 300, seed: seed)
        let (url, password) = try await freshDatabase()
        let team = ["ORDERDESK_SANDBOX_URL": sandbox.baseURL, "ORDERDESK_DATABASE_URL": url, "ORDERDESK_DATABASE_PASSWORD": password]
        let envA = try OrderDeskBinary.isolatedEnvironment(extra: team)
        let envB = try OrderDeskBinary.isolatedEnvironment(extra: team)
        if let (a, b) = names {
            try name(a, in: envA)
            try name(b, in: envB)
        }
        let report = try OrderDeskBinary.fillCache(environment: envA)
        #expect(report.status == 0, "report run: \(report.stderr)")
        let pending = try OrderDeskBinary.run(["orders", "list", "--status", "pending", "--json"], environment: envA)
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [[String: Any]], "\(pending.stderr)")
        let id = try #require(orders.first?["id_order"] as? String)
        let channel = try #require(orders.first?["id_channel"] as? Int)
        return TwoOperators(sandbox: sandbox, envA: envA, envB: envB, pending: OrderKey(idChannel: channel, idOrder: id))
    }

    @Test func aChangeConfirmedInOneTUIShowsInTheOtherWithinASecond() async throws {
        let two = try await Self.twoOperators(seed: 7)
        let (sandbox, envA, envB, id) = (two.sandbox, two.envA, two.envB, two.pending.idOrder)
        defer { OrderDeskBinary.removeIsolated(envA); OrderDeskBinary.removeIsolated(envB) }

        let tuiB = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: envB)
        try await tuiB.waitFor("B's list, from the team's cache", timeout: 60) { $0.contains(id) }
        try tuiB.send("/")
        try tuiB.type(id)
        try await tuiB.waitFor("B showing the order as pending") { Self.row(id, in: $0)?.contains("pending") == true }

        // B's listener is not told (the sandbox notifies one target, and A registers after it):
        // what B shows comes through the team's feed.
        let tuiA = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: envA)
        try await tuiA.waitFor("A's list", timeout: 60) { $0.contains(id) }
        _ = try sandbox.control("POST", "/_sandbox/webhooks", body: #"{"url": null}"#)

        // Budgets are the team's: a report run A's machine starts shows in B's status bar.
        try await tuiB.waitFor("B's report budget after A's first run") { Self.budgetLine($0).contains("Reports 4/5") }
        let run = try OrderDeskBinary.run(["report", "run", "--ids", id], environment: envA)
        #expect(run.status == 0, "\(run.stderr)")
        let ran = Date()
        try await tuiB.waitFor("B's report budget after A's second run", timeout: 5) { Self.budgetLine($0).contains("Reports 3/5") }
        let budgetElapsed = Date().timeIntervalSince(ran)
        print("TeamLiveTests: A's report run in B's status bar \(String(format: "%.2f", budgetElapsed)) s after A's command returned")
        #expect(budgetElapsed <= 1.0, "B's status bar showed A's report run \(budgetElapsed) s after it was sent")

        try tuiA.send("/")
        try tuiA.type(id)
        try await tuiA.waitFor("A filtered to the order") { BulkStatusChangeTests.listRows($0).count == 1 }
        try tuiA.send("Enter")   // leaves the filter line, on the order
        try tuiA.send("c")
        try await tuiA.waitFor(text: "Items (")
        try tuiA.send("Tab")
        try tuiA.type("dhl")
        try await tuiA.waitFor(text: "» DHL")
        try tuiA.send("Enter")
        // A's own row says accepted once Yuju confirmed; from then B has a second.
        try await tuiA.waitFor("A's change accepted", timeout: 20) { Self.row(id, in: $0)?.contains("accepted") == true }
        let confirmed = Date()
        let screenB = try await tuiB.waitFor("B showing ready_to_ship", timeout: 5) {
            Self.row(id, in: $0)?.contains("ready_to_ship") == true
        }
        let elapsed = Date().timeIntervalSince(confirmed)
        print("TeamLiveTests: \(id) ready_to_ship in B \(String(format: "%.2f", elapsed)) s after A showed it accepted")
        #expect(elapsed <= 1.0, "B showed the change \(elapsed) s after A's confirmation")
        #expect(Self.row(id, in: screenB)?.contains("•") == true, "marked as changed since B looked")
        // B's audit trail is the team's: A's change, queued and sent, is in it.
        try tuiB.send("Escape", "Enter")
        try await tuiB.waitFor("the audit trail of A's change") { $0.contains("Audit trail (2)") && $0.contains("sent  status pending → ready_to_ship (DHL)") }
        for tui in [tuiA, tuiB] { try tui.send("q") }
        let stats = try sandbox.control("GET", "/_sandbox/stats") as? [String: Any]
        let transitions = stats?["transitions"] as? [String: [[String: Any]]] ?? [:]
        #expect(transitions.values.map(\.count) == [1], "\(transitions)")
    }

    /// A config naming the operator, in an isolated environment's config folder.
    static func name(_ operatorName: String, in environment: [String: String]) throws {
        let folder = environment["XDG_CONFIG_HOME"]! + "/orderdesk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = "[team]\noperator = \"\(operatorName)\"\n"
        _ = FileManager.default.createFile(atPath: folder + "/config.toml", contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
    }

    /// Issue 15: "In the change dialog, a colleague's pending change on the same order is shown."
    @Test func theChangeDialogNamesAColleaguesChangeNotYetSent() async throws {
        let two = try await Self.twoOperators(seed: 11, names: ("ana", "beto"))
        let (sandbox, envA, envB, id, channel) = (two.sandbox, two.envA, two.envB, two.pending.idOrder, two.pending.idChannel)
        defer { OrderDeskBinary.removeIsolated(envA); OrderDeskBinary.removeIsolated(envB) }

        let tuiB = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: envB)
        try await tuiB.waitFor("B's list, from the team's cache", timeout: 60) { $0.contains(id) }
        // Yuju answers slowly now: ana's change stays unsent for a while.
        _ = try sandbox.control("POST", "/_sandbox/faults", body: #"{"latency_ms": 8000}"#)
        let anasChange = Task.detached {
            try OrderDeskBinary.run(["status", "set", id, "--channel", String(channel), "--status", "ready_to_ship", "--carrier", "DHL"], environment: envA)
        }
        try tuiB.send("/")
        try tuiB.type(id)
        try await tuiB.waitFor("B filtered to the order") { BulkStatusChangeTests.listRows($0).count == 1 }
        try tuiB.send("Enter")
        try await Task.sleep(for: .seconds(1))  // ana's change is in the team's outbox by now
        try tuiB.send("c")
        let dialog = try await tuiB.waitFor("B's dialog naming ana's change", timeout: 5) {
            $0.contains("Not sent yet, ahead of this change:") && $0.contains("ana: \(channel)/\(id) → ready_to_ship (DHL), sending")
        }
        #expect(!dialog.contains("you: "))
        try tuiB.send("Escape")
        _ = try sandbox.control("POST", "/_sandbox/faults", body: #"{"latency_ms": 0}"#)
        let result = try await anasChange.value
        #expect(result.status == 0, "\(result.stderr)")
        try tuiB.send("q")
    }
}
