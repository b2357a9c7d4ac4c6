import Foundation
import OrderKit
import Synchronization

/// stdout for results, stderr for progress and failures. Every line written passes the
/// redactor of the running profile, so no secret is ever printed.
enum Console {
    /// Set once a command's config is loaded, while other tasks (the outbox, the TUI's
    /// effects) may already be writing lines: hence a lock, not a bare static.
    private static let redactor = Mutex(Redactor.none)
    private static let lock = NSLock()

    /// From now on, every line written passes `redactor`.
    static func redact(with redactor: Redactor) {
        self.redactor.withLock { $0 = redactor }
    }

    /// Results. On a terminal, remote text loses its control characters (a piped `--csv` stays
    /// byte for byte; `--json` escapes them anyway).
    static func out(_ text: String) {
        write(text + "\n", to: .standardOutput, printable: isatty(STDOUT_FILENO) == 1)
    }

    /// Progress and failures: read by people, and they quote vendor texts, so never a control
    /// character or escape sequence (a vendor's OSC 52 must not reach the terminal).
    static func err(_ text: String) {
        if let divert = diversion.withLock({ $0 }) {
            divert(Sanitizer.clean(redactor.withLock { $0 }.redact(text), maxScalars: .max))
            return
        }
        write(text + "\n", to: .standardError, printable: true)
    }

    /// While the terminal UI starts, progress and warnings go to it (shown as messages) rather
    /// than being written over its drawing. nil: back to stderr.
    static func divert(_ handler: (@Sendable (String) -> Void)?) {
        diversion.withLock { $0 = handler }
    }

    private static let diversion = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// A failure as one line on stderr.
    static func fail(_ error: any Error) {
        let text = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        err("orderdesk: " + oneLine(text))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func write(_ text: String, to handle: FileHandle, printable: Bool) {
        var clean = redactor.withLock { $0 }.redact(text)
        if printable { clean = clean.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.clean($0, maxScalars: .max) }.joined(separator: "\n") }
        lock.withLock { handle.write(Data(clean.utf8)) }
    }
}

/// A reason to exit non-zero, shown as one line.
struct CLIFailure: Error, CustomStringConvertible, LocalizedError {
    var description: String
    init(_ description: String) { self.description = description }
    var errorDescription: String? { description }
}
