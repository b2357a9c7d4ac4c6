import Foundation
import Synchronization

/// Where log lines go: stderr, except while the terminal UI owns the screen. A line written to
/// stderr then would land in the middle of the drawing (and with `--log-level trace` bury it),
/// so until the UI ends they are appended to `orderdesk.log` beside the state file.
struct LogOutput: TextOutputStream, Sendable {
    /// The descriptor lines are written to; stderr unless redirected.
    private static let descriptor = Mutex<Int32>(STDERR_FILENO)

    mutating func write(_ string: String) {
        var text = string
        Self.descriptor.withLock { descriptor in
            text.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    /// Sends log lines to the file at `path` (appended; created readable by the user only) until
    /// `restoreStandardError()`. If it cannot be opened, lines are dropped meanwhile: never drawn
    /// over the UI.
    static func redirect(toFile path: String) {
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        let target = file >= 0 ? file : open("/dev/null", O_WRONLY | O_CLOEXEC)
        let previous = descriptor.withLock { descriptor in
            defer { descriptor = target }
            return descriptor
        }
        if previous != STDERR_FILENO { close(previous) }
    }

    static func restoreStandardError() {
        let previous = descriptor.withLock { descriptor in
            defer { descriptor = STDERR_FILENO }
            return descriptor
        }
        if previous != STDERR_FILENO { close(previous) }
    }
}
