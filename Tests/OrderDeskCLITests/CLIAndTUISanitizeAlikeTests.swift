import OrderDeskTUI
import OrderKit
import Testing
@testable import OrderDeskCLI

/// A vendor's text reads the same in a CLI table as on the TUI's screen: one `Sanitizer` for
/// both. (The CLI once turned ESC into a space, so `[31m` stayed visible where the TUI showed
/// one placeholder.)
@Suite struct CLIAndTUISanitizeAlikeTests {
    /// No control character, escape remnant or invisible formatting character.
    static func isPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) { return false }
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator, .control: return false
            default: return true
            }
        }
    }

    /// The TUI's rendering of `text` in one unclipped row, trailing blanks removed.
    static func tuiRow(_ text: String) -> String {
        var buffer = CellBuffer(width: 3_000, height: 1)
        buffer.put(text, x: 0, y: 0, style: .plain)
        return buffer.text
    }

    /// By index: a test log that named the strings would write their escape sequences raw.
    @Test(arguments: HostileText.all.indices)
    func aTableCellShowsWhatTheTUIShows(_ index: Int) {
        let hostile = HostileText.all[index]
        let table = Output.table(["customer"], [[hostile]]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(table.count == 2, "one header and one row, never a line break from the data")
        let cell = table.last ?? ""
        let tui = Self.tuiRow(hostile)
        for shown in [cell, tui] {
            #expect(Self.isPrintable(shown), "\(shown.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(!shown.contains("[31m") && !shown.contains("[0m") && !shown.contains("[2J") && !shown.contains("]52;"), "\(shown.debugDescription)")
            for payload in HostileText.payloads { #expect(!shown.contains(payload), "shows “\(payload)”") }
        }
        // The table cuts a long cell at 39 characters and an ellipsis; up to there both agree.
        var trimmed = cell
        while trimmed.last == " " { trimmed.removeLast() }
        if Sanitizer.clean(hostile).count > 40 {
            #expect(tui.hasPrefix(String(trimmed.dropLast())), "CLI \(trimmed.debugDescription) / TUI \(tui.prefix(60).debugDescription)")
        } else {
            #expect(trimmed == tui, "CLI \(trimmed.debugDescription) / TUI \(tui.debugDescription)")
        }
    }

    @Test func anEscapeSequenceBecomesOnePlaceholderInBoth() {
        let hostile = HostileText.csi
        let cell = Output.table(["customer"], [[hostile]]).split(separator: "\n").last.map(String.init)
        #expect(cell == "Rojo \u{FFFD}ALERTA\u{FFFD} fin")
        #expect(Self.tuiRow(hostile) == "Rojo \u{FFFD}ALERTA\u{FFFD} fin")
    }
}
