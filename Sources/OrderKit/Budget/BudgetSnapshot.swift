import Foundation

/// Which limit a budget describes.
public enum BudgetKind: String, Codable, Sendable, CaseIterable {
    /// Yuju's general limit (2 requests per second for the account).
    case yujuGeneral = "yuju"
    /// Yuju's orders report (5 runs per rolling 24 hours).
    case yujuReport = "yuju-report"
    case bridge
    case datacrush
}

/// A live view of one limit, published by its pacer after every change. What the status bar,
/// the budgets panel and `orderdesk budget` show.
public struct BudgetSnapshot: Codable, Hashable, Sendable {
    public var kind: BudgetKind
    /// Requests (or runs) the limit allows per window.
    public var capacity: Int
    /// Length of the window in seconds (1 for 2 req/s, 86 400 for the report, 60 for Datacrush).
    public var windowSeconds: Double
    /// Requests (or runs) that may start now without waiting.
    public var available: Int
    /// Used in the current window (report runs in the last 24 h).
    public var used: Int
    /// Callers waiting for a slot.
    public var queued: Int
    /// When the next slot frees up; nil when one is free now.
    public var nextFreeAt: Date?
    /// Estimated time until the queue has drained, in seconds.
    public var drainSeconds: Double
    /// The last 429 this limit saw, and the server's text.
    public var last429At: Date?
    public var last429Message: String?
    /// When the server's word overrides the local count (report 429 minutes), until when.
    public var blockedUntil: Date?

    public init(
        kind: BudgetKind, capacity: Int, windowSeconds: Double, available: Int, used: Int = 0, queued: Int = 0,
        nextFreeAt: Date? = nil, drainSeconds: Double = 0, last429At: Date? = nil, last429Message: String? = nil,
        blockedUntil: Date? = nil
    ) {
        self.kind = kind
        self.capacity = capacity
        self.windowSeconds = windowSeconds
        self.available = available
        self.used = used
        self.queued = queued
        self.nextFreeAt = nextFreeAt
        self.drainSeconds = drainSeconds
        self.last429At = last429At
        self.last429Message = last429Message
        self.blockedUntil = blockedUntil
    }
}
