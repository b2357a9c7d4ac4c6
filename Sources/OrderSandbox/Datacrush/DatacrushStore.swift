import Foundation
import OrderKit

/// Orders uploaded to Datacrush, keyed by `id` (an upload with a known id replaces it), and the
/// calls in the last minute.
struct DatacrushStore: Sendable {
    var orders: [Int: DatacrushOrder] = [:]
    var calls = RollingWindow(length: 60)
}
