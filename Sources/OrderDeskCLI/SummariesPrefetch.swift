import OrderKit
import Synchronization

/// The orders list read from the store as soon as the store is open, while the rest of the
/// start-up (HTTP clients, outbox resume, curses, theme) goes on: most of the TUI's time to its
/// first full frame is this read, so it starts first. The TUI's first `loadSummaries` claims it;
/// later loads read the store afresh.
final class SummariesPrefetch: Sendable {
    private let task: Task<[OrderSummary], any Error>
    private let unclaimed = Mutex(true)

    init(store: OrderStore) {
        task = Task.detached(priority: .userInitiated) { try store.allSummaries() }
    }

    /// The prefetched rows the first time; nil afterwards.
    func claim() async throws -> [OrderSummary]? {
        let first = unclaimed.withLock { unclaimed in
            defer { unclaimed = false }
            return unclaimed
        }
        return first ? try await task.value : nil
    }
}
