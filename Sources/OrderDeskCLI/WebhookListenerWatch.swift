import Foundation
import OrderDeskTUI
import OrderKit

/// The status bar's webhook indicator, for the listener this process runs: listening, with how
/// many stored notifications still wait for their GET (read from the inbox every `interval`, so
/// the count also covers work left by an earlier run), or failed once the listener stops
/// without being asked to. No listener: `off`, once.
enum WebhookListenerWatch {
    static let pollInterval: Duration = .milliseconds(500)

    static func states(of session: WebhookSession?, store: OrderStore, every interval: Duration = pollInterval) -> AsyncStream<WebhookListenerState> {
        AsyncStream { continuation in
            guard let session else {
                continuation.yield(.off)
                continuation.finish()
                return
            }
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var last: Int?
                        while !Task.isCancelled {
                            // An unreadable inbox keeps the last count: the listener itself is fine.
                            let waiting = (try? store.webhookCounts().pending) ?? last ?? 0
                            if waiting != last { continuation.yield(.listening(waiting: waiting)) }
                            last = waiting
                            try? await Task.sleep(for: interval)
                        }
                    }
                    group.addTask { await session.listener.waitUntilStopped() }
                    // The first to end: the listener stopped, or the watch was cancelled (the
                    // UI quit, before the session is stopped), which is not a failure.
                    await group.next()
                    if !Task.isCancelled { continuation.yield(.failed) }
                    group.cancelAll()
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
