import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The only code that talks to curses. Owned by the UI thread: every call here happens on it.
final class CursesTerminal: Terminal {
    enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case initFailed
        var description: String {
            switch self {
            case .notATerminal: "orderdesk: the interactive console needs a terminal (stdin and stdout must be a TTY)"
            case .initFailed: "orderdesk: could not start the terminal (is TERM set?)"
            }
        }
    }

    private(set) var colorMode: ColorMode
    /// Set when the locale is not UTF-8, to tell the user why accents may look wrong.
    private(set) var localeWarning: String?
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var wideBuffer: [wchar_t] = []
    private var active = false

    private struct PairKey: Hashable { var foreground: TerminalColor; var background: TerminalColor }

    init(requestedMode: ColorMode?) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty else { throw StartError.initFailed }
        _ = term
        setlocale(LC_ALL, "")
        if !Self.localeIsUTF8() {
            // Try the always-present UTF-8 locale before telling the user to fix theirs.
            if setlocale(LC_CTYPE, "C.UTF-8") == nil || !Self.localeIsUTF8() {
                localeWarning = "locale is not UTF-8 (LANG=\(ProcessInfo.processInfo.environment["LANG"] ?? "")): accents and CJK may show wrong; try LANG=C.UTF-8"
            }
        }
        guard initscr() != nil else { throw StartError.initFailed }
        active = true
        cbreak()
        noecho()
        nonl()
        keypad(od_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        // Polling rather than blocking: KEY_RESIZE arrives within 50 ms even when SIGWINCH
        // cannot interrupt the read (see notes/swift-on-this-machine.md, "the resize trap").
        timeout(50)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        if noColor || requestedMode == .monochrome || !has_colors() {
            colorMode = .monochrome
        } else {
            start_color()
            use_default_colors()
            let available: ColorMode = od_colors() >= 256 ? .ansi256 : .ansi8
            colorMode = requestedMode == .ansi8 ? .ansi8 : available
        }
    }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    var size: (width: Int, height: Int) { (Int(od_cols()), Int(od_lines())) }

    /// How long `readKey` waits for a key (curses `timeout`), in milliseconds.
    func setPollInterval(milliseconds: Int32) { timeout(milliseconds) }

    /// One key, or nil when none came within the poll interval.
    func readKey() -> TerminalInput? {
        var character: wint_t = 0
        let result = get_wch(&character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return KeyDecoder.functionKey(Int32(bitPattern: character)) }
        return KeyDecoder.character(UInt32(character))
    }

    /// Writes the runs of one frame and shows them in one update.
    func draw(_ runs: [CellRun], fullRedraw: Bool) {
        if fullRedraw { erase() }
        for run in runs {
            attrset(attributes(for: run.style))
            wideBuffer.removeAll(keepingCapacity: true)
            for scalar in run.text.unicodeScalars { wideBuffer.append(wchar_t(bitPattern: scalar.value)) }
            wideBuffer.append(0)
            _ = mvaddwstr(Int32(run.y), Int32(run.x), wideBuffer)
        }
        attrset(0)
        wnoutrefresh(od_stdscr())
        doupdate()
    }

    private func attributes(for style: Style) -> Int32 {
        var value: Int32 = 0
        if style.attributes.contains(.bold) { value |= od_a_bold() }
        if style.attributes.contains(.reverse) { value |= od_a_reverse() }
        if style.attributes.contains(.underline) { value |= od_a_underline() }
        if style.attributes.contains(.dim) { value |= od_a_dim() }
        if colorMode != .monochrome {
            let pair = colorPair(style.foreground, style.background)
            if pair > 0 { value |= COLOR_PAIR(Int32(pair)) }
        }
        return value
    }

    /// Pairs are made on first use and cached; past the terminal's limit, default colours.
    private func colorPair(_ foreground: TerminalColor, _ background: TerminalColor) -> Int16 {
        if foreground == .defaultColor && background == .defaultColor { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let pair = pairs[key] { return pair }
        guard Int32(nextPair) < od_color_pairs(), nextPair < 255 else { return 0 }
        func number(_ color: TerminalColor) -> Int16 {
            if case .indexed(let index) = color, Int32(index) < od_colors() { return Int16(index) }
            return -1
        }
        init_pair(nextPair, number(foreground), number(background))
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    /// Gives the terminal back: idempotent, so every exit path may call it.
    func shutdown() {
        guard active else { return }
        active = false
        attrset(0)
        curs_set(1)
        endwin()
    }

    deinit { shutdown() }
}

/// curses key codes → `Key`.
enum KeyDecoder {
    static func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    static func character(_ value: UInt32) -> TerminalInput? {
        switch value {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(value + 96)!)))
        case 0..<32, 0x7F...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }
}
