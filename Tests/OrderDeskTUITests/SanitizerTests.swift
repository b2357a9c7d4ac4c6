import Testing
@testable import OrderDeskTUI
@testable import OrderKit

@Suite struct SanitizerTests {
    static let hostile = HostileText.all

    static func isClean(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
            if [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0x200D, 0xFEFF].contains(v) { return false }
            return true
        }
    }

    /// The Latin fast path answers as the Unicode property lookups would: every scalar from
    /// the space to the end of Latin Extended-B, alone and after a base letter.
    @Test func latinScalarsAreKeptOrDroppedAsTheirPropertiesSay() {
        for value in UInt32(0x20)...0x24F {
            guard let scalar = Unicode.Scalar(value), !(0x7F...0x9F).contains(value) else { continue }
            let properties = scalar.properties
            let dropped = properties.generalCategory == .format
            let expected = dropped ? "" : String(Character(scalar))
            #expect(Sanitizer.clean(String(Character(scalar))) == expected, "U+\(String(value, radix: 16))")
            #expect(Sanitizer.clean("a" + String(Character(scalar))).unicodeScalars.count == (dropped ? 1 : 2), "U+\(String(value, radix: 16))")
        }
    }

    /// By index: a test log that named the strings would write their escape sequences raw.
    @Test(arguments: hostile.indices)
    func nothingDangerousSurvives(_ index: Int) {
        let input = Self.hostile[index]
        let clean = Sanitizer.clean(input)
        #expect(Self.isClean(clean), "\(clean.unicodeScalars.map { String($0.value, radix: 16) })")
        // Drawn through the buffer, in any width, nothing unclean reaches a cell either.
        for width in [1, 2, 5, 20, 119] {
            var buffer = CellBuffer(width: 120, height: 1)
            let used = buffer.put(input, x: 0, y: 0, maxWidth: width, style: .plain)
            #expect(used <= width)
            #expect(Self.isClean(buffer.line(0)))
        }
    }

    @Test func escapeSequencesBecomeOnePlaceholder() {
        #expect(Sanitizer.clean("Ana \u{1B}[31mRoja\u{1B}[0m") == "Ana \u{FFFD}Roja\u{FFFD}")
        #expect(Sanitizer.clean("a\u{1B}]52;c;aGk=\u{07}b") == "a\u{FFFD}b")
        #expect(Sanitizer.clean("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "a\u{FFFD}link\u{FFFD}b")
        #expect(Sanitizer.clean("C1 \u{9B}2J x") == "C1 \u{FFFD} x")
        #expect(Sanitizer.clean("N\u{0}L") == "N\u{FFFD}L")
        #expect(Sanitizer.clean("\u{202E}abc\u{202C}") == "abc")
        #expect(Sanitizer.clean("ze\u{200B}ro") == "zero")
        #expect(Sanitizer.clean("a\tb\nc") == "a b c")
    }

    @Test func widthsOfAccentsCJKAndEmoji() {
        #expect(DisplayWidth.of("Peña Ñandú") == 10)
        #expect(DisplayWidth.of("Pen\u{0303}a") == 4) // decomposed ñ
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("📦") == 2)
        #expect(DisplayWidth.of("ｱ") == 1) // halfwidth katakana
        #expect(DisplayWidth.of("Ｆ") == 2) // fullwidth latin
    }

    @Test func clippingEndsWithEllipsisAndNeverSplitsWideCharacters() {
        var buffer = CellBuffer(width: 10, height: 1)
        #expect(buffer.put("日本語の顧客", x: 0, y: 0, maxWidth: 6, style: .plain) == 6)
        #expect(buffer.line(0).hasPrefix("日本 …")) // 語 would be cut: blanked, never split
        buffer = CellBuffer(width: 10, height: 1)
        buffer.put("Peña Ñandú García", x: 0, y: 0, maxWidth: 8, style: .plain)
        #expect(buffer.line(0) == "Peña Ña…  ")
        buffer = CellBuffer(width: 10, height: 1)
        buffer.put("ab📦cd", x: 0, y: 0, maxWidth: 3, style: .plain)
        #expect(buffer.line(0).hasPrefix("ab…"))
    }

    @Test func aTenKilobyteLineCostsOnlyWhatIsShown() {
        let long = String(repeating: "x\u{1B}[1m", count: 2_000) + String(repeating: "ñ", count: 10_000)
        let clean = Sanitizer.clean(long, maxScalars: 100)
        #expect(clean.unicodeScalars.count <= 100)
        var buffer = CellBuffer(width: 40, height: 1)
        #expect(buffer.put(long, x: 0, y: 0, style: .plain) == 40)
    }

    @Test func widthTableAgreesWithTheCLibraryUnderUTF8() {
        guard setlocale(LC_ALL, "C.UTF-8") != nil else { return }
        for scalar in "aÑú日本語📦ｱＦ".unicodeScalars {
            #expect(Int(od_wcwidth(wchar_t(bitPattern: scalar.value))) == DisplayWidth.of(scalar), "\(scalar)")
        }
    }
}

import CNcurses
import Foundation
