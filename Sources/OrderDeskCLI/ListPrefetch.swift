import OrderKit
import Synchronization

/// The orders list opened as soon as the store is open, while the rest of the start-up (HTTP
/// clients, outbox resume, curses, theme) goes on: opening the list index is on the way to the
/// first full frame, so it starts first. The TUI's first `loadList` claims it; later loads open
/// the list afresh.
final class ListPrefetch: Sendable {
    private let task: Task<OrderList, any Error>
    private let unclaimed = Mutex(true)

    init(store: OrderStore) {
        task = Task.detached(priority: .userInitiated) { try store.openList() }
    }

    /// The prefetched list the first time; nil afterwards.
    func claim() async throws -> OrderList? {
        let first = unclaimed.withLock { unclaimed in
            defer { unclaimed = false }
            return unclaimed
        }
        return first ? try await task.value : nil
    }
}
