import Foundation
import Testing

/// What a new user sees first: `orderdesk` with no config runs on its own sandbox, the help is
/// on screen, the layout follows the terminal's size, and the CLI answers --help.
@Suite(.serialized) struct LaunchAndResizeTests {
    @Test func noConfigStartsTheInProcessSandboxAndFollowsResizes() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), width: 120, height: 40, environment: env)
        // Two report runs fill the cache first (the sandbox's 3,000 orders).
        let list = try await tui.waitFor("the order list", timeout: 60) { $0.contains("SANDBOX") && $0.contains("3,000 orders") }
        #expect(list.contains("Reports 3/5"), "two of the five daily runs spent")

        try tui.send("?")
        try await tui.waitFor(text: "Esc")
        let help = try tui.screen()
        #expect(help.localizedCaseInsensitiveContains("help"))
        try tui.send("Escape")

        // Smallest supported size, then back: the frame is redrawn to fit each time.
        try tui.resize(width: 60, height: 15)
        let small = try await tui.waitFor("a 60-column frame") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("SANDBOX") && lines.allSatisfy { $0.count <= 60 } && lines.count <= 16
        }
        #expect(small.contains("3,000 orders"))
        try tui.resize(width: 120, height: 40)
        try await tui.waitFor("a 120-column frame") { $0.contains("Last outb") && $0.contains("SANDBOX") }

        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
    }

    @Test func helpIsPrintedAndExitsZero() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
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
