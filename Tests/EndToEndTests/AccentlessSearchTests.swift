import Foundation
import Testing

/// Issue 13: an operator types a customer's name without its accents and finds them. The
/// sandbox seeds "Ramón …" customers; `/ramon` must list them (and only them) in the real TUI.
@Suite(.serialized) struct AccentlessSearchTests {
    @Test func slashRamonFindsTheOrdersOfRamon() async throws {
        let env = try OrderDeskBinary.isolatedEnvironment()
        defer { OrderDeskBinary.removeIsolated(env) }
        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), width: 120, height: 40, environment: env)
        try await tui.waitFor("the order list", timeout: 60) { $0.contains("SANDBOX") && $0.contains("3,000 orders") }

        try tui.send("/")
        try tui.type("ramon")
        // The title then reads "OrderDesk · N / 3,000 orders".
        let screen = try await tui.waitFor("the filtered list") { $0.contains(" / 3,000 orders") && $0.contains("ramon") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shown = try #require(Self.filteredCount(lines[0]), "title: \(lines[0])")
        #expect(shown > 0 && shown < 3_000, "title: \(lines[0])")
        // Every listed row (under the title and the column header) is a Ramón's.
        let rows = lines.dropFirst(2).prefix(min(shown, 36))
        #expect(rows.count == min(shown, 36))
        for row in rows { #expect(row.contains("Ramón"), "row: \(row)") }

        try tui.send("Escape")
        try await tui.waitFor("the whole list again") { $0.contains("3,000 orders") && !$0.contains(" / 3,000") }
        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
    }

    /// "OrderDesk · 57 / 3,000 orders" → 57.
    static func filteredCount(_ title: String) -> Int? {
        guard let slash = title.range(of: " / ") else { return nil }
        let before = title[..<slash.lowerBound].split(separator: " ").last.map(String.init) ?? ""
        return Int(before.replacingOccurrences(of: ",", with: ""))
    }
}
