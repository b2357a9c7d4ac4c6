/// A Yuju order or item status. A struct rather than an enum so a status the vendor adds later
/// still decodes (and is shown) instead of failing the whole order.
public struct OrderStatus: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible, Comparable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let pending = OrderStatus("pending")
    public static let readyToShip = OrderStatus("ready_to_ship")
    public static let shipped = OrderStatus("shipped")
    public static let delivered = OrderStatus("delivered")
    public static let canceled = OrderStatus("canceled")

    /// Every status the lifecycle knows, in lifecycle order.
    public static let known: [OrderStatus] = [.pending, .readyToShip, .shipped, .delivered, .canceled]
    /// The values `PUT /orders/status` accepts (seed 001).
    public static let settable: [OrderStatus] = [.readyToShip, .shipped, .delivered, .canceled]

    public var isKnown: Bool { Self.known.contains(self) }
    public var isSettable: Bool { Self.settable.contains(self) }
    public var isFinal: Bool { self == .delivered || self == .canceled }

    /// Position along pending → ready_to_ship → shipped → delivered; canceled sorts last.
    public var progress: Int { Self.known.firstIndex(of: self) ?? Self.known.count }

    public static func < (lhs: OrderStatus, rhs: OrderStatus) -> Bool {
        (lhs.progress, lhs.rawValue) < (rhs.progress, rhs.rawValue)
    }

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The order lifecycle the sandbox enforces and the dialogs offer (**assumed**, `spec/api.md`):
/// `pending → ready_to_ship → shipped → delivered`, `canceled` from `pending` or `ready_to_ship`;
/// `delivered` and `canceled` are final; moving to the current status is accepted (idempotent).
public enum OrderLifecycle {
    private static let forward: [OrderStatus: OrderStatus] = [
        .pending: .readyToShip, .readyToShip: .shipped, .shipped: .delivered,
    ]

    public static func canTransition(from current: OrderStatus, to next: OrderStatus) -> Bool {
        if current == next { return true }
        if forward[current] == next { return true }
        if next == .canceled { return current == .pending || current == .readyToShip }
        return false
    }

    /// The statuses a user may pick for an order now in `current`, without the no-op.
    public static func targets(from current: OrderStatus) -> [OrderStatus] {
        OrderStatus.settable.filter { $0 != current && canTransition(from: current, to: $0) }
    }

    /// An order's status from its items': the least advanced status among items not canceled;
    /// canceled when every item is.
    public static func orderStatus<S: Sequence>(fromItems statuses: S) -> OrderStatus where S.Element == OrderStatus {
        let live = statuses.filter { $0 != .canceled }
        return live.min(by: { $0.progress < $1.progress }) ?? .canceled
    }
}
