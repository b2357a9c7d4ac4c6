import Foundation
import Testing

/// Issue 16, "Live": new orders appear in the TUI by themselves, through the sandbox's webhook
/// notifications to the TUI's own listener, with no key pressed and no report run.
@Suite(.serialized) struct LiveListTests {
    @Test func threeNewOrdersAppearWithinTwoSecondsWithNoKeyPressed() async throws {
        let sandbox = try SandboxProcess(orders: 500, seed: 7)
        let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_SANDBOX_URL": sandbox.baseURL])
        defer { OrderDeskBinary.removeIsolated(env) }
        let report = try OrderDeskBinary.fillCache(environment: env)
        #expect(report.status == 0, "report run: \(report.stderr)")

        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await tui.waitFor("the loaded list", timeout: 60) { $0.contains("SANDBOX") && $0.contains("pending") }
        // The TUI registered its listener with the sandbox at start.
        let runsBefore = (try sandbox.control("GET", "/_sandbox/stats") as? [String: Any])?["report_runs"] as? Int
        let started = Date()
        let created = try sandbox.control("POST", "/_sandbox/orders", body: #"{"count": 3}"#) as? [String: Any]
        let ids = try #require((created?["orders"] as? [[String: Any]])?.compactMap { $0["id_order"] as? String })
        #expect(ids.count == 3)
        let screen = try await tui.waitFor("the three new orders", timeout: 10) { screen in ids.allSatisfy { screen.contains($0) } }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed <= 2.0, "the new orders took \(elapsed) s to show")
        print("LiveListTests: three new orders on screen \(String(format: "%.2f", elapsed)) s after POST /_sandbox/orders")
        // Newest paid first: they are at the top, each with the dot of a notified row.
        for id in ids {
            let line = try #require(screen.split(separator: "\n").first { $0.contains(id) })
            #expect(line.contains("•"), "\(line)")
            #expect(line.contains("pending"))
        }
        let runsAfter = (try sandbox.control("GET", "/_sandbox/stats") as? [String: Any])?["report_runs"] as? Int
        #expect(runsAfter == runsBefore, "no report run spent")

        // The cursor stayed on the order it was on; looking at a new row (g: the top one)
        // clears that row's dot only.
        try tui.send("g")
        try await tui.waitFor("the first row's dot cleared") { screen in
            let rows = Array(screen.split(separator: "\n").dropFirst(2))
            return rows.count > 2 && !rows[0].contains("•") && rows[1].contains("•")
        }
        try tui.send("q")
        _ = try await tui.waitForExit()
    }
}
