import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<state file>.outbox-lock`, held while one drain pass runs. The
/// kernel drops it when the process dies (even by `kill -9`), so a crash never leaves it held.
struct OutboxLock {
    private let descriptor: Int32

    /// Waits (polling, without blocking a thread) until the lock is free. A store in memory
    /// has no other process to share with: an unlocked token. Nil when cancelled meanwhile.
    static func acquire(for statePath: String?, logger: Logger) async -> OutboxLock? {
        guard let statePath else { return OutboxLock(descriptor: -1) }
        let descriptor = open(statePath + ".outbox-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            // No lock file (read-only folder?): send anyway, as before; the store still refuses
            // impossible transitions.
            logger.warning("outbox: cannot open the lock file next to \(statePath): errno \(errno)")
            return OutboxLock(descriptor: -1)
        }
        var waited = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if !waited {
                logger.info("outbox: another OrderDesk on this profile is sending; waiting for it")
                waited = true
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                close(descriptor)
                return nil
            }
        }
        return OutboxLock(descriptor: descriptor)
    }

    /// True while some process (this one included) holds the lock, i.e. is sending.
    static func isHeld(for statePath: String?) -> Bool {
        guard let statePath else { return false }
        let descriptor = open(statePath + ".outbox-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
