import Foundation
import OrderKit

/// One outbox entry as the activity panel shows it (the store's `OutboxEntry`, flattened).
public struct OutboxActivity: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var key: OrderKey?
    public var change: OutboxChange
    public var state: OutboxState
    public var attempts: Int
    public var updatedAt: Date
    /// The vendor's text when it failed.
    public var lastError: String?
    /// The operator who queued it; nil when not known.
    public var queuedBy: String?

    public init(
        id: Int64, key: OrderKey?, change: OutboxChange, state: OutboxState, attempts: Int, updatedAt: Date, lastError: String? = nil,
        queuedBy: String? = nil
    ) {
        self.queuedBy = queuedBy
        self.id = id
        self.key = key
        self.change = change
        self.state = state
        self.attempts = attempts
        self.updatedAt = updatedAt
        self.lastError = lastError
    }
}
