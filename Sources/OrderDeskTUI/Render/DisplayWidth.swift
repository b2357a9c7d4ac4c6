/// Terminal column widths, computed here rather than with the C library's `wcwidth` so the
/// layout does not depend on the process locale (tests run without one) and matches what
/// ncursesw does: a grapheme takes the sum of its scalars' widths.
enum DisplayWidth {
    /// East Asian Wide and Fullwidth blocks (CJK, Hangul, kana, fullwidth forms).
    /// (Checked against glibc's `wcwidth` for every scalar: `HostileRenderTests`.)
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DFF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1,
        0x17000...0x18CFF, 0x18D00...0x18D8F, 0x1AFF0...0x1AFFF, 0x1B000...0x1B2FF, 0x1F200...0x1F265,
        0x20000...0x3FFFD,
    ]
    /// Hangul jamo that join the syllable before them, and the odd spacing mark glibc calls 0.
    private static let zeroRanges: [ClosedRange<UInt32>] = [0x1160...0x11FF, 0xD7B0...0xD7FF, 0x1171E...0x1171E]

    /// Columns one scalar takes: 0 for combining marks, 2 for wide and emoji, else 1.
    /// Control characters never get here: the sanitiser removed them.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        for range in zeroRanges where range.contains(value) { return 0 }
        // Regional indicators: one column each, so a flag (a pair) takes two, as in glibc.
        if (0x1F1E6...0x1F1FF).contains(value) { return 1 }
        if value >= 0x1100 {
            if scalar.properties.isEmojiPresentation { return 2 }
            for range in wideRanges where range.contains(value) { return 2 }
        }
        return 1
    }

    static func of(_ grapheme: Character) -> Int {
        if let ascii = grapheme.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        var total = 0
        for scalar in grapheme.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Columns a whole (already sanitised) string takes.
    static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for grapheme in text { total += of(grapheme) }
        return total
    }
}
