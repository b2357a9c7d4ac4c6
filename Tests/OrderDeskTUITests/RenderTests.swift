import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

@Suite struct RenderTests {
    @Test func movingTheCursorOneRowRewritesOnlyThoseTwoRows() {
        var state = Fixtures.state()
        let before = ScreenView.render(state, theme: .builtIn)
        Fixtures.press(&state, .down)
        let after = ScreenView.render(state, theme: .builtIn)
        let runs = FrameDiff.runs(from: before, to: after)
        #expect(Set(runs.map(\.y)) == [2, 3]) // rows of the old and new cursor
        let cells = runs.reduce(0) { $0 + $1.width }
        #expect(cells <= 2 * state.width)
        // The whole screen would be 120×40.
        #expect(FrameDiff.runs(from: nil, to: after).reduce(0) { $0 + $1.width } == 120 * 40)
    }

    /// The hint bar under the dialog follows the focused field (issue 13: it was drawn inside
    /// the dialog, punching holes in its background).
    @Test func theFocusedDialogFieldNamesItsKeys() {
        var state = Fixtures.state()
        for effect in Fixtures.press(&state, .char("c")) {
            if case .loadOrder(let key) = effect { _ = Update.update(&state, .orderLoaded(key, Fixtures.order(key))) }
        }
        func hintLine() -> String { ScreenView.render(state, theme: .builtIn).text.split(separator: "\n", omittingEmptySubsequences: false)[38].description }
        #expect(hintLine().hasPrefix("↑/k ↓/j: choose · Tab: field"))
        Fixtures.press(&state, .tab)
        #expect(hintLine().hasPrefix("type: filter · ↑ ↓: pick · Tab: field"))
        Fixtures.press(&state, .tab)
        #expect(hintLine().hasPrefix("↑/k ↓/j: move · Space: toggle · a: all · Tab: field"))
    }

    @Test func identicalFramesProduceNoRuns() {
        let state = Fixtures.state()
        let frame = ScreenView.render(state, theme: .builtIn)
        #expect(FrameDiff.runs(from: frame, to: frame).isEmpty)
    }

    @Test func runsApplyToTheOldFrameGiveTheNewOne() {
        var state = Fixtures.state(width: 60, height: 15)
        let before = ScreenView.render(state, theme: .builtIn)
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "日本")
        let after = ScreenView.render(state, theme: .builtIn)
        var replay = before
        for run in FrameDiff.runs(from: before, to: after) {
            replay.put(run.text, x: run.x, y: run.y, maxWidth: run.width, style: run.style)
        }
        #expect(replay.text == after.text)
    }

    @Test func everyShippedThemeParsesAndCoversTheRoles() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes")
        for name in ["default", "light", "high-contrast", "monochrome"] {
            let text = try String(contentsOf: directory.appendingPathComponent("\(name).toml"), encoding: .utf8)
            let theme = try Theme.parse(text, name: name)
            #expect(theme.name == name)
            let (loaded, warning) = Theme.load(name, currentDirectory: directory.deletingLastPathComponent().path)
            #expect(warning == nil && loaded.name == name)
        }
    }

    @Test func missingOrBrokenThemeFallsBackToTheBuiltIn() {
        let (missing, warning) = Theme.load("no-such-theme", currentDirectory: "/nonexistent", executablePath: nil)
        #expect(missing.name == "default" && warning != nil)
        #expect(throws: Theme.LoadError.self) { try Theme.parse("[list]\nselected = { fg = \"chartreuse\" }", name: "bad") }
    }

    @Test func themeRolesFromNestedAndInlineTables() throws {
        let theme = try Theme.parse("""
        name = "t"
        statusbar = { fg = "white", bg = 4, bold = true }
        [list.selected]
        fg = "black"
        bg = 214
        reverse = true
        """, name: "t")
        #expect(theme.style(.statusbar) == Style(foreground: .indexed(7), background: .indexed(4), attributes: .bold))
        #expect(theme.style(.selected) == Style(foreground: .indexed(0), background: .indexed(214), attributes: .reverse))
        #expect(theme.adapted(to: .ansi8).style(.selected).background == .indexed(3))
        #expect(theme.adapted(to: .monochrome).style(.selected) == Style(attributes: .reverse))
    }

    @Test func keyBindingOverridesParse() {
        let map = KeyMap(overrides: ["change_status": "C", "refresh": "ctrl-r, F5", "nonsense": "z", "help": "not-a-key"])
        #expect(map.command(for: .char("C")) == .changeStatus)
        #expect(map.command(for: .char("c")) == nil)
        #expect(map.command(for: .ctrl("r")) == .refresh)
        #expect(map.command(for: .function(5)) == .refresh)
        #expect(map.problems.count == 2)
    }
}
