import Foundation

/// Where a requested change stands in the outbox.
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    /// Written, not yet attempted.
    case queued
    /// An attempt is under way (or was, when the process died: resumed on the next start, and
    /// shown as interrupted while nothing sends it).
    case sending
    /// The server confirmed it.
    case sent
    /// The outcome is unknown or the failure transient (timeouts, dropped connections, 5xx,
    /// 429s beyond the policy): kept with the reason, sent again on request, checking first.
    case failed
    /// Final: the server refused it with its text (a 4xx), or it no longer applied to the order
    /// when re-checked. Never sent again; the operator makes a new change instead.
    case refused

    /// Not yet confirmed by the server, and not final.
    public var isUnconfirmed: Bool { self == .queued || self == .sending || self == .failed }
    /// What `queue retry`, `t` and `T` may send again.
    public var isRetryable: Bool { self == .failed || self == .sending }
    /// Sent or refused: nothing more will happen to it.
    public var isFinal: Bool { self == .sent || self == .refused }

    /// The states an entry may move to `self` from, for every outbox (SQLite or the team's):
    /// an attempt starts from queued, or resumes one interrupted by a crash; a confirmation may
    /// also come after a failure (a later check found the change had landed); failed and refused
    /// end an attempt.
    public var allowedSources: Set<OutboxState> {
        switch self {
        case .queued: [.failed, .sending]
        case .sending: [.queued, .sending]
        case .sent: [.queued, .sending, .failed]
        case .failed, .refused: [.queued, .sending]
        }
    }
}

/// One row of the orders list: everything the list shows, sorts and filters on, kept small so
/// 100,000 of them sit in memory. The full order (items, raw JSON) is loaded on demand.
public struct OrderSummary: Hashable, Sendable, Identifiable {
    public var key: OrderKey
    public var status: OrderStatus
    /// `payment_accredited_at` as sent (`YYYY-MM-DDTHH:mm:ss`): sorts as text.
    public var paidAt: String?
    public var createdAt: String?
    public var customer: String
    /// The customer's e-mail and phone as sent ("" when missing), for filtering.
    public var email: String
    public var phone: String
    /// Item lines (what the detail lists), not units.
    public var itemCount: Int
    public var total: Double?
    public var currency: String?
    public var carrier: String?
    /// Status of the newest outbound record, if any.
    public var latestOutboundStatus: String?
    /// SKUs of the items, for filtering.
    public var skus: [String]
    /// Outbound references, for filtering.
    public var references: [String]
    /// The newest outbox entry for this order, if any.
    public var outboxState: OutboxState?

    public var id: OrderKey { key }

    public init(
        key: OrderKey, status: OrderStatus, paidAt: String? = nil, createdAt: String? = nil, customer: String = "",
        email: String = "", phone: String = "", itemCount: Int = 0, total: Double? = nil, currency: String? = nil, carrier: String? = nil,
        latestOutboundStatus: String? = nil, skus: [String] = [], references: [String] = [], outboxState: OutboxState? = nil
    ) {
        self.key = key
        self.status = status
        self.paidAt = paidAt
        self.createdAt = createdAt
        self.customer = customer
        self.email = email
        self.phone = phone
        self.itemCount = itemCount
        self.total = total
        self.currency = currency
        self.carrier = carrier
        self.latestOutboundStatus = latestOutboundStatus
        self.skus = skus
        self.references = references
        self.outboxState = outboxState
    }

    public init(order: YujuOrder, latestOutboundStatus: String? = nil, references: [String] = [], outboxState: OutboxState? = nil) {
        self.init(
            key: order.id, status: order.status, paidAt: order.paymentAccreditedAt, createdAt: order.orderCreatedAt,
            customer: order.customer?.fullName ?? "", email: order.customer?.email ?? "", phone: order.customer?.phone ?? "",
            itemCount: order.lineCount ?? 0, total: order.total,
            currency: order.currency, carrier: order.carrier, latestOutboundStatus: latestOutboundStatus,
            skus: order.items?.compactMap(\.sku) ?? [], references: references, outboxState: outboxState)
    }
}

/// One line of the audit trail: who asked for what, when, and how it ended.
public struct AuditEntry: Codable, Hashable, Sendable {
    public var at: Date
    /// The OS user who asked.
    public var user: String
    public var key: OrderKey?
    /// e.g. `status ready_to_ship → shipped (DHL; items sku1)`, `outbound add`, `report run`.
    public var action: String
    /// e.g. `queued`, `sent`, `failed: <vendor text>`.
    public var outcome: String

    public init(at: Date, user: String, key: OrderKey?, action: String, outcome: String) {
        self.at = at
        self.user = user
        self.key = key
        self.action = action
        self.outcome = outcome
    }
}
