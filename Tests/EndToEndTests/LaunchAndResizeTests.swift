import Foundation
import Testing

/// What a new user sees first: `orderdesk` with no config runs on its own sandbox, the help is
/// on screen, the layout follows the terminal's size, and the CLI answers --help.
@Suite(.serialized) struct LaunchAndResizeTests {
    /// Run with trace logging: while the UI owns the screen, log lines go to `orderdesk.log`
    /// in the state folder, never over the drawing.
    @Test func noConfigStartsTheInProcessSandboxAndFollowsResizes() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_LOG": "trace"])
        defer { OrderDeskBinary.removeIsolated(env) }
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), width: 120, height: 40, environment: env)
        // Two report runs fill the cache first (the sandbox's 3,000 orders).
        let list = try await tui.waitFor("the order list", timeout: 60) { $0.contains("SANDBOX") && $0.contains("3,000 orders") }
        #expect(list.contains("Reports 3/5"), "two of the five daily runs spent")

        try tui.send("?")
        try await tui.waitFor(text: "Esc")
        let help = try tui.screen()
        #expect(help.localizedCaseInsensitiveContains("help"))
        try tui.send("Escape")

        // Opening an order fetches its outbound history: HTTP calls, logged at trace.
        try tui.send("Enter")
        // Fetched, not only the cached records shown at once (found: a quick quit then left the
        // log file empty, 1 run in 2).
        let detail = try await tui.waitFor("the fetched outbound history", timeout: 20) { screen in
            screen.contains("Outbound history (newest first) (") && !screen.contains("fetching from Yuju") && !screen.contains("Loading")
        }
        #expect(!detail.contains("yuju GET") && !detail.contains(" trace "), "no log line on the screen")
        try tui.send("Escape")

        // Smallest supported size, then back: the frame is redrawn to fit each time.
        try tui.resize(width: 60, height: 15)
        // The whole new frame, title row first (not tmux's clipped copy of the old one).
        try await tui.waitFor("a 60-column frame") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.first?.contains("3,000 orders") == true && screen.contains("SANDBOX")
                && lines.allSatisfy { $0.count <= 60 } && lines.count <= 16
        }
        try tui.resize(width: 120, height: 40)
        try await tui.waitFor("a 120-column frame") { $0.contains("Outbound") && $0.contains("SANDBOX") }

        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
        let log = try String(contentsOfFile: env["XDG_STATE_HOME"]! + "/orderdesk/orderdesk.log", encoding: .utf8)
        #expect(log.contains("→ yuju GET"), "the UI's log lines are in the log file")
    }

    @Test func helpIsPrintedAndExitsZero() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
        defer { OrderDeskBinary.removeIsolated(env) }
        let root = try OrderDeskBinary.run(["--help"], environment: env)
        #expect(root.status == 0)
        #expect(root.stdout.contains("SUBCOMMANDS:"))
        let leaf = try OrderDeskBinary.run(["status", "--help"], environment: env)
        #expect(leaf.status == 0)
        #expect(leaf.stdout.contains("USAGE: orderdesk status"))
        // A mistyped theme stops before anything starts, naming the choices.
        let theme = try OrderDeskBinary.run(["--theme", "nope"], environment: env)
        #expect(theme.status == 64)
        #expect(theme.stderr.contains("--theme nope: theme \"nope\" not found"))
    }
}
