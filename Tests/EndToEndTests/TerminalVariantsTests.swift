import Foundation
import Testing

extension ReliabilityEndToEndTests {
    /// quality.md, "terminal 60×15, resize storms, TERM=xterm, screen, vt100, NO_COLOR → draws
    /// correctly, no crash": the real binary at 60×15 under each terminal type, through the help,
    /// a detail and a burst of resizes (down to 1×1 and up to 200×50) without waiting between
    /// them, ending with a correct 60×15 frame and a clean exit. Without colours (vt100,
    /// NO_COLOR) the screen carries no colour at all. The longer storm is
    /// `scripts/reliability-terminal.sh`.
    @Suite struct TerminalVariantsTests {
        struct Variant: CustomTestStringConvertible, Sendable {
            var term: String
            var noColor = false
            var colours: Bool
            var testDescription: String { "TERM=\(term)" + (noColor ? " NO_COLOR=1" : "") }
        }

        static let variants = [
            Variant(term: "xterm", colours: true), Variant(term: "screen", colours: true), Variant(term: "vt100", colours: false),
            Variant(term: "xterm-256color", noColor: true, colours: false),
        ]

        /// One sandbox and one filled cache for every variant. (Not a static: a `SandboxProcess`
        /// must be released before the test process ends, or the sandbox outlives it.)
        static func sandboxWithCache() throws -> (SandboxProcess, [String: String]) {
            let sandbox = try SandboxProcess(orders: 300, seed: 11)
            let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_SANDBOX_URL": sandbox.baseURL])
            let report = try OrderDeskBinary.fillCache(environment: env)
            guard report.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: report.stderr]) }
            return (sandbox, env)
        }

        /// A frame of exactly `width`×`height`: the title on the first row, the budgets bar on the
        /// last (not a smaller, older frame tmux kept after a resize), nothing wider.
        static func isWholeFrame(_ screen: String, width: Int, height: Int) -> Bool {
            var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            while lines.count > height, lines.last?.isEmpty == true { lines.removeLast() }
            return lines.count == height && lines.allSatisfy { TerminalBytes.columns($0) <= width }
                && lines.first?.hasPrefix(" OrderDesk") == true && lines.last?.hasPrefix(" SANDBOX") == true
        }

        @Test func drawsAtSixtyByFifteenAndSurvivesAResizeStormUnderEveryTerminalType() async throws {
            let (sandbox, base) = try await ReliabilityEndToEndTests.offThePool { try Self.sandboxWithCache() }
            defer { OrderDeskBinary.removeIsolated(base) }
            for variant in Self.variants {
                try await Self.check(variant, environment: base)
            }
            withExtendedLifetime(sandbox) {}
        }

        static func check(_ variant: Variant, environment base: [String: String]) async throws {
            var env = base.merging(["TERM": variant.term]) { _, new in new }
            // Set either way: the test runner's own environment may hold NO_COLOR (an empty value
            // counts as unset, as no-color.org says).
            env["NO_COLOR"] = variant.noColor ? "1" : ""
            let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), width: 60, height: 15, environment: env)
            try await tui.waitFor("a 60×15 frame of the list") { screen in
                isWholeFrame(screen, width: 60, height: 15) && ["pending", "shipped", "delivered"].contains { screen.contains($0) }
            }
            let list = try tui.screenWithEscapes()

            try tui.send("?")
            try await tui.waitFor(text: "Esc")
            try tui.send("Escape")
            try await tui.waitFor("the list again") { !$0.contains("Esc") && isWholeFrame($0, width: 60, height: 15) }
            try tui.send("Enter")
            try await tui.waitFor("the detail") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return screen.contains("Items") && lines.allSatisfy { TerminalBytes.columns($0) <= 60 } && lines.contains { $0.hasPrefix(" SANDBOX") }
            }

            // The storm: every size straight after the other, no waiting for a frame in between.
            for (width, height) in [(1, 1), (200, 50), (20, 5), (61, 16), (3, 80), (120, 40), (59, 14), (2, 2), (100, 30), (60, 15)] {
                try tui.resize(width: width, height: height)
            }
            try await tui.waitFor("the detail redrawn at 60×15") { screen in
                var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                while lines.count > 15, lines.last?.isEmpty == true { lines.removeLast() }
                return screen.contains("Items") && lines.count == 15 && lines.allSatisfy { TerminalBytes.columns($0) <= 60 }
                    && lines.last?.hasPrefix(" SANDBOX") == true
            }
            try tui.send("Escape")
            try await tui.waitFor("the list at 60×15") { isWholeFrame($0, width: 60, height: 15) && !$0.contains("Items") }
            try tui.send("q")
            #expect(try await tui.waitForExit() == 0)

            // Colour only where the terminal has it (capture -e shows the attributes tmux drew).
            let colour = try NSRegularExpression(pattern: #"\x1B\[[0-9;]*(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|[34]8;[25];[0-9;]+)m"#)
            let coloured = colour.firstMatch(in: list, range: NSRange(list.startIndex..., in: list)) != nil
            if variant.colours {
                #expect(coloured, "\(variant.testDescription): the theme’s colours are used: \(list.prefix(300).debugDescription)")
            } else {
                #expect(!coloured, "\(variant.testDescription): no colour at all")
            }
        }
    }
}
