import CNcurses
import Foundation
import Testing

/// The ncursesw system library links and its wide-character half is visible from Swift.
@Suite struct CursesBindingTests {
    @Test func linksNcurses6() {
        let version = String(cString: curses_version())
        #expect(version.hasPrefix("ncurses 6"), "got \(version)")
    }

    @Test func wideCharacterWidths() {
        setlocale(LC_ALL, "C.UTF-8")
        let text = "Ñandú 日本"
        let widths = text.unicodeScalars.map { od_wcwidth(wchar_t(bitPattern: $0.value)) }
        #expect(widths == [1, 1, 1, 1, 1, 1, 2, 2])
        #expect(widths.reduce(0, +) == 10)
        #expect(od_wcwidth(0x1B) == -1)
    }

    @Test func attributeShimsAreDistinct() {
        let attributes = [od_a_bold(), od_a_reverse(), od_a_underline(), od_a_dim()]
        #expect(Set(attributes).count == 4)
        #expect(od_a_normal() == 0)
    }
}
