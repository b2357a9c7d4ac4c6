import Foundation
import OrderSandbox

/// `orderdesk sandbox --live` (and the TUI's sandbox mode with `--live`): one new pending order
/// every few seconds, announced to the registered webhook target, so a newcomer sees the list
/// move without touching anything.
enum LiveTrickle {
    static let defaultIntervalSeconds = 4.0

    static func start(_ server: SandboxServer, everySeconds: Double) -> Task<Void, Never> {
        let interval = max(0.1, everySeconds)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                if Task.isCancelled { break }
                await server.createOrders(count: 1)
            }
        }
    }
}
