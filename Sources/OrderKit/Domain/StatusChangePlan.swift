/// Turns "these orders (and these of their items) to this status" into the requests Yuju takes:
/// each item goes by the allowed steps from where it is (`pending → shipped` is two PUTs, sent
/// in order), items already there or unable to get there are left out, and an order none of
/// whose chosen items can get there is named as blocked instead of failing the whole batch.
public struct StatusChangePlan: Equatable, Sendable {
    /// One order as the plan sees it.
    public struct Order: Equatable, Sendable {
        public struct Item: Equatable, Sendable {
            /// What goes into `id_items`.
            public var wireId: String
            public var status: OrderStatus
            public init(wireId: String, status: OrderStatus) {
                self.wireId = wireId
                self.status = status
            }
        }

        public var key: OrderKey
        /// The order's status (from its items: the least advanced).
        public var status: OrderStatus
        /// Nil when not known: the order then changes as a whole, from `status`.
        public var items: [Item]?
        /// The items chosen (`wireId`s); nil means every item.
        public var chosen: Set<String>?

        public init(key: OrderKey, status: OrderStatus, items: [Item]? = nil, chosen: Set<String>? = nil) {
            self.key = key
            self.status = status
            self.items = items
            self.chosen = chosen
        }
    }

    /// An order left out, and where it stands.
    public struct Blocked: Equatable, Sendable {
        public var key: OrderKey
        public var status: OrderStatus
        public init(key: OrderKey, status: OrderStatus) {
            self.key = key
            self.status = status
        }
    }

    /// In send order: per order, its steps in lifecycle order.
    public var requests: [StatusChangeRequest]
    public var blocked: [Blocked]

    public init(target: OrderStatus, carrier: String?, orders: [Order]) {
        var requests: [StatusChangeRequest] = []
        var blocked: [Blocked] = []
        for order in orders {
            let steps = Self.steps(for: order, to: target)
            if steps.isEmpty {
                blocked.append(Blocked(key: order.key, status: Self.blockingStatus(of: order, target: target)))
                continue
            }
            for (status, idItems) in steps {
                requests.append(StatusChangeRequest(
                    idOrder: order.key.idOrder, idChannel: order.key.idChannel, status: status, carrier: carrier, idItems: idItems))
            }
        }
        self.requests = requests
        self.blocked = blocked
    }

    /// Whether `item` (or an order without known items, at `from`) can be taken to `target`.
    public static func canReach(_ target: OrderStatus, from: OrderStatus) -> Bool {
        !OrderLifecycle.steps(from: from, to: target).isEmpty
    }

    /// Every status some item of these orders can be taken to, in lifecycle order.
    public static func offered(for orders: [Order]) -> [OrderStatus] {
        var starts = Set<OrderStatus>()
        for order in orders {
            if let items = order.items, !items.isEmpty { starts.formUnion(items.map(\.status)) } else { starts.insert(order.status) }
        }
        let reachable = Set(starts.flatMap(OrderLifecycle.reachable(from:)))
        return OrderStatus.settable.filter(reachable.contains)
    }

    /// The order's steps: each status with the items that take it (nil: the whole order).
    private static func steps(for order: Order, to target: OrderStatus) -> [(OrderStatus, [String]?)] {
        guard let items = order.items, !items.isEmpty else {
            return OrderLifecycle.steps(from: order.status, to: target).map { ($0, nil) }
        }
        let moving = items.filter { order.chosen?.contains($0.wireId) ?? true }
        var takers: [OrderStatus: [String]] = [:]
        for item in moving {
            for step in OrderLifecycle.steps(from: item.status, to: target) { takers[step, default: []].append(item.wireId) }
        }
        // Canceled sorts last in lifecycle order, and is only ever a single step.
        return takers.keys.sorted().map { step in
            let ids = takers[step] ?? []
            // Every item of the order: leave `id_items` out, which the vendor reads as "all".
            return (step, ids.count == items.count ? nil : ids)
        }
    }

    private static func blockingStatus(of order: Order, target: OrderStatus) -> OrderStatus {
        let chosen = (order.items ?? []).filter { order.chosen?.contains($0.wireId) ?? true }
        return chosen.first { !canReach(target, from: $0.status) }?.status ?? order.status
    }
}
