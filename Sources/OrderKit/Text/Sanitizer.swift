/// The one rule between remote text and a terminal, for the TUI and the CLI alike. The TUI's
/// `CellBuffer` passes every string it draws through here, and the CLI's tables and its lines
/// on a terminal do too, so a vendor's text looks the same in both: control characters (C0,
/// DEL, C1) and whole escape sequences (CSI, OSC including OSC 52 and OSC 8, DCS/SOS/PM/APC,
/// other ESC sequences) become one visible placeholder (turning only ESC into a space would
/// leave `[31m` on screen); bidi controls and other invisible formatting characters disappear;
/// tabs and line breaks become spaces (every cell, and every CLI line, is one line).
public enum Sanitizer {
    /// Shown where a control character or an escape sequence was.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"
    /// Combining marks kept on one base character ("Zalgo" text stays one cell high).
    static let maxMarksPerBase = 3
    /// The newest Unicode version the C library's `wcwidth` knows (glibc 2.36, Debian 12).
    static let newestUnicode = (major: 14, minor: 0)

    /// Display-safe text. Reads at most `maxScalars` scalars of the input, so a 10 kB line costs
    /// no more than a short one when only a column of it is shown.
    public static func clean(_ text: some StringProtocol, maxScalars: Int = 4096) -> String {
        if isPlainASCII(text, limit: maxScalars) {
            return text.utf8.count <= maxScalars ? String(text) : String(String(text).prefix(maxScalars))
        }
        var output = String.UnicodeScalarView()
        var scanner = Scanner()
        var read = 0
        for scalar in text.unicodeScalars {
            read += 1
            if read > maxScalars { break }
            if let emitted = scanner.feed(scalar) { output.append(emitted) }
        }
        return String(output)
    }

    /// Printable ASCII only: nothing to clean, every byte is one column.
    public static func isPlainASCII(_ text: some StringProtocol, limit: Int) -> Bool {
        var count = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte >= 0x7F { return false }
            count += 1
            if count > limit { break }
        }
        return true
    }

    /// A streaming filter: feed scalars in order, get back what to show for each (or nothing).
    struct Scanner {
        enum Mode {
            case text
            case escape            // after ESC
            case escapeIntermediate // ESC followed by 0x20–0x2F bytes
            case csi               // until a final byte 0x40–0x7E
            case string            // OSC/DCS/SOS/PM/APC: until BEL or ST
            case stringEscape      // ESC seen inside a string: ST is ESC '\'
        }
        var mode = Mode.text
        var marksOnBase = 0

        mutating func feed(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
            let value = scalar.value
            switch mode {
            case .text:
                break
            case .escape:
                switch value {
                case 0x5B: mode = .csi                                  // [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: mode = .string       // ] P X ^ _
                case 0x20...0x2F: mode = .escapeIntermediate
                default: mode = .text                                   // two-byte sequence done
                }
                return nil
            case .escapeIntermediate:
                if !(0x20...0x2F).contains(value) { mode = .text }
                return nil
            case .csi:
                if (0x40...0x7E).contains(value) || value < 0x20 && value != 0x1B { mode = .text }
                if value == 0x1B { mode = .escape }
                return nil
            case .string:
                if value == 0x07 || value == 0x9C { mode = .text }
                if value == 0x1B { mode = .stringEscape }
                return nil
            case .stringEscape:
                mode = value == 0x5C ? .text : .string
                return nil
            }
            switch value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
                marksOnBase = 0
                return " "
            case 0x1B:
                mode = .escape
                marksOnBase = 0
                return placeholder
            case 0x9B:
                mode = .csi
                return placeholder
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                mode = .string
                return placeholder
            case 0x00..<0x20, 0x7F...0x9F:
                marksOnBase = 0
                return placeholder
            case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x17F:
                // Printable ASCII, Latin-1 and Latin Extended-A (every Spanish and Portuguese
                // letter): all in Unicode 1.1, none a mark or a format character (the soft hyphen,
                // U+00AD, is left to the lookup below). Answered here, not by the property lookups
                // that perf showed under every letter of an accented name in each list row
                // (`SanitizerTests` checks this path against the properties).
                marksOnBase = 0
                return scalar
            case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x1F3FB...0x1F3FF:
                // Variation selectors and skin-tone modifiers: terminals and curses disagree on
                // their width, so they are dropped rather than risk a misaligned row.
                return nil
            default:
                break
            }
            if let age = scalar.properties.age, age.major > newestUnicode.major || age.major == newestUnicode.major && age.minor > newestUnicode.minor {
                // Newer than the C library's tables (glibc 2.36: Unicode 14): curses cannot
                // measure it (wcwidth -1), so the row would shift. One placeholder instead.
                marksOnBase = 0
                return placeholder
            }
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator, .surrogate:
                // Bidi controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C), zero-width
                // spaces and joiners, BOM, soft hyphen, tag characters.
                return nil
            case .nonspacingMark, .enclosingMark, .spacingMark:
                marksOnBase += 1
                return marksOnBase > maxMarksPerBase ? nil : scalar
            case .unassigned:
                // No width anyone agrees on (curses and terminals each guess): one placeholder.
                marksOnBase = 0
                return placeholder
            default:
                marksOnBase = 0
                return scalar
            }
        }
    }
}
