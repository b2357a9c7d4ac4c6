import Foundation
import Logging
import OrderSandbox

/// `orderdesk sandbox --live` (and the TUI's sandbox mode with `--live`): one new pending order
/// every few seconds, announced to the registered webhook target, so a newcomer sees the list
/// move without touching anything.
enum LiveTrickle {
    static let defaultIntervalSeconds = 4.0

    /// The sandbox in this process (`orderdesk sandbox --live`, `orderdesk --live`).
    static func start(_ server: SandboxServer, everySeconds: Double) -> Task<Void, Never> {
        start(everySeconds: everySeconds) { await server.createOrders(count: 1) }
    }

    /// A sandbox of its own (`orderdesk --live --sandbox-url ...`): through `POST /_sandbox/orders`.
    /// A sandbox that does not answer only costs that order; the trickle goes on.
    static func start(sandboxYujuBaseURL: String, everySeconds: Double) -> Task<Void, Never> {
        let logger = Logger(label: "orderdesk.live")
        return start(everySeconds: everySeconds) {
            do { try await SandboxControl.post(yujuBaseURL: sandboxYujuBaseURL, "orders", ["count": 1]) } catch {
                logger.warning("--live: the sandbox did not create an order: \(error)")
            }
        }
    }

    static func start(everySeconds: Double, createOne: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let interval = max(0.1, everySeconds)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                if Task.isCancelled { break }
                await createOne()
            }
        }
    }
}
