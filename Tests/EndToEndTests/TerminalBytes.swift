import Foundation
import Testing

/// The reliability checks of quality.md that drive the real binary in tmux. One after the
/// other (nested suites inherit `.serialized`): each runs a sandbox, a report run and TUIs, and
/// side by side with the rest of the suite on two cores they starved each other.
@Suite(.serialized) struct ReliabilityEndToEndTests {
    /// Runs blocking work (a child process to its end, a synchronous HTTP call) on a thread of
    /// its own. On the cooperative pool (two threads here) it would starve every other test of
    /// the same process, in-process sandboxes included, until their requests time out.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

/// What a terminal program really wrote, recorded by util-linux `script --log-out` between the
/// program and tmux, and the checks the reliability tests make on it.
enum TerminalBytes {
    /// `orderdesk` run under `script`, which logs every byte it writes (and passes its exit
    /// status on with `-e`).
    static func recordingCommand(log: String, arguments: [String] = []) -> String {
        let command = ([OrderDeskBinary.url.path] + arguments).map(TmuxSession.shellQuote).joined(separator: " ")
        return "script -q -f -e --log-out \(TmuxSession.shellQuote(log)) -c \(TmuxSession.shellQuote(command))"
    }

    /// The program's bytes: `script`'s own first line ("Script started …") and its closing
    /// line are not the program's.
    static func read(_ log: String) throws -> [UInt8] {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        if let newline = bytes.firstIndex(of: 0x0A), bytes.starts(with: Array("Script started".utf8)) { bytes.removeSubrange(...newline) }
        let trailer = Array("\nScript done".utf8)
        if bytes.count >= trailer.count,
           let start = (0...(bytes.count - trailer.count)).reversed().first(where: { bytes[$0..<$0 + trailer.count].elementsEqual(trailer) }) {
            bytes.removeSubrange((start + 1)...)
        }
        return bytes
    }

    /// Escape sequences and control bytes a curses program legitimately writes: CSI cursor
    /// movement, erase, scroll regions, modes and SGR; charset designation and shifts; a few
    /// two-byte ESC commands. Nothing else: no OSC (clipboard, hyperlinks, titles), DCS, APC,
    /// PM, SOS, no C1 control, no NUL, no bidi or invisible formatting character.
    static let csiFinals = Set("@ABCDEFGHIJKLMPSTXZ`abcdefghlmnrst".utf8)
    static let escCommands = Set("=>78DEHMNOcZ".utf8)
    static let controls: Set<UInt8> = [0x07, 0x08, 0x0A, 0x0D, 0x0E, 0x0F]

    /// Every unexpected sequence or character, described; empty when the output is clean.
    static func problems(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        var index = 0
        func describe(_ start: Int, _ end: Int) -> String {
            String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self).debugDescription
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                guard index + 1 < bytes.count else { problems.append("ESC at the end"); break }
                let next = bytes[index + 1]
                if next == UInt8(ascii: "[") {
                    var end = index + 2
                    while end < bytes.count, (0x30...0x3F).contains(bytes[end]) { end += 1 }
                    while end < bytes.count, (0x20...0x2F).contains(bytes[end]) { end += 1 }
                    if end >= bytes.count || !csiFinals.contains(bytes[end]) { problems.append("CSI \(describe(index, end + 1))") }
                    index = end + 1
                } else if next == UInt8(ascii: "(") || next == UInt8(ascii: ")") {
                    if index + 2 >= bytes.count || !"B0U".utf8.contains(bytes[index + 2]) { problems.append("charset \(describe(index, index + 3))") }
                    index += 3
                } else if escCommands.contains(next) {
                    index += 2
                } else {
                    // ESC ] (OSC 52, OSC 8, titles), ESC P (DCS), ESC _ ^ X, or anything else.
                    problems.append("ESC \(describe(index, index + 12))")
                    index += 2
                }
                continue
            }
            if byte < 0x20 && !controls.contains(byte) || byte == 0x7F { problems.append("control 0x\(String(byte, radix: 16))") }
            index += 1
        }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let value = scalar.value
            if (0x80...0x9F).contains(value) { problems.append("C1 U+\(String(value, radix: 16))") }
            let category = scalar.properties.generalCategory
            if category == .format || category == .lineSeparator || category == .paragraphSeparator || category == .unassigned {
                problems.append("invisible U+\(String(value, radix: 16))")
            }
        }
        return problems
    }

    /// Columns a line of `capture-pane -p` text takes: combining marks 0, East Asian wide and
    /// emoji 2, else 1 (enough for the text these tests show).
    static func columns(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return total
            default: break
            }
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value) || (0x1F300...0x1FAFF).contains(value)
                || (0x20000...0x3FFFD).contains(value)
            return total + (wide ? 2 : 1)
        }
    }

    /// The column at which `word` starts in `line`, or nil.
    static func column(of word: String, in line: some StringProtocol) -> Int? {
        guard let range = line.range(of: word) else { return nil }
        return columns(line[..<range.lowerBound])
    }
}
