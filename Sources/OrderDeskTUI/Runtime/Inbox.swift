import Foundation

/// Actions arriving from backend tasks, handed to the UI thread between key polls.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []
    private var stopRequested = false

    func push(_ action: Action) {
        lock.withLock { pending.append(action) }
    }

    func drain() -> [Action] {
        lock.withLock {
            let actions = pending
            pending.removeAll(keepingCapacity: true)
            return actions
        }
    }

    /// Set from signal handlers (SIGINT/SIGTERM/SIGHUP): the loop restores the terminal and ends.
    func requestStop() { lock.withLock { stopRequested = true } }
    var shouldStop: Bool { lock.withLock { stopRequested } }
}
