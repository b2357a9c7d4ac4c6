import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13: dim hints and coloured labels inside dialogs and panels (`↑↓: choose`, the
/// Activity `sent` label) drew with the terminal's background and punched holes in the panel.
/// In every theme file, every cell of every panel must have one of the panel's own backgrounds.
@Suite struct PanelBackgroundTests {
    static let themeNames = ["default", "light", "high-contrast", "monochrome"]

    /// The backgrounds a panel may show: its own, and those of its highlights.
    static func allowed(_ theme: Theme) -> Set<TerminalColor> {
        Set([ThemeRole.dialog, .dialogTitle, .dialogFocus, .dialogSelected, .helpKey, .error].map { theme.style($0).background })
    }

    /// The box drawn on screen: from its top-left corner to its bottom-right one.
    static func box(_ buffer: CellBuffer) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where buffer[x, y].grapheme == "┌" {
                var x1 = x + 1
                while x1 < buffer.width, buffer[x1, y].grapheme != "┐" { x1 += 1 }
                var y1 = y + 1
                while y1 < buffer.height, buffer[x, y1].grapheme != "└" { y1 += 1 }
                guard x1 < buffer.width, y1 < buffer.height else { return nil }
                return (x, y, x1, y1)
            }
        }
        return nil
    }

    @Test(arguments: themeNames, [(120, 40), (60, 15)])
    func panelsHaveNoHoles(themeName: String, size: (Int, Int)) throws {
        let theme = try ThemeFileTests.file(themeName)
        let allowed = Self.allowed(theme)
        for (name, state) in ScreenKeysTests.screens(width: size.0, height: size.1) where state.overlay != nil {
            let buffer = ScreenView.render(state, theme: theme)
            guard let box = Self.box(buffer) else { Issue.record("\(name): no box at \(size)"); continue }
            var holes: [String] = []
            for y in box.y0...box.y1 {
                for x in box.x0...box.x1 where !allowed.contains(buffer[x, y].style.background) {
                    holes.append("(\(x),\(y)) '\(buffer[x, y].grapheme)'")
                }
            }
            #expect(holes.isEmpty, "\(themeName) \(name) \(size): \(holes.prefix(6).joined(separator: " "))")
        }
    }
}
