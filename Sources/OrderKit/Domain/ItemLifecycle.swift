/// Yuju's status is per item; the order's is derived from them. These answer the questions a
/// change asks of an order's items: where does it start, is it still possible, has it landed.
extension YujuOrder.Item {
    /// `id_items` names an item by its SKU or its id.
    public func isNamed(by ids: some Collection<String>) -> Bool {
        ids.contains(idItem) || sku.map(ids.contains) == true
    }
}

extension YujuOrder {
    /// The items a change addresses: the ones `idItems` names, or every item when it is nil.
    public func items(addressedBy idItems: [String]?) -> [Item] {
        let items = self.items ?? []
        guard let idItems else { return items }
        return items.filter { $0.isNamed(by: idItems) }
    }

    /// What a change addressed to `idItems` starts from: the least advanced status among those
    /// items (canceled ones aside, unless every one is), or the order's own status when it has
    /// no items to go by.
    public func startingStatus(for idItems: [String]?) -> OrderStatus {
        let addressed = items(addressedBy: idItems)
        guard !addressed.isEmpty else { return status }
        return OrderLifecycle.orderStatus(fromItems: addressed.map { $0.status ?? status })
    }
}

extension StatusChangeRequest {
    /// How a change stands against an order as it is now.
    public enum Fit: Equatable, Sendable {
        /// Every addressed item is already at (or past) the target: sending it changes nothing.
        case reached
        /// The lifecycle allows it from where the addressed items are.
        case allowed
        /// It no longer applies: the addressed items are at `current`.
        case notAllowed(current: OrderStatus)
    }

    public func fit(_ order: YujuOrder) -> Fit {
        let addressed = order.items(addressedBy: idItems)
        let statuses = addressed.isEmpty ? [order.status] : addressed.map { $0.status ?? order.status }
        if idItems != nil, addressed.isEmpty { return .notAllowed(current: order.status) }
        if statuses.allSatisfy({ Self.isAtOrPast($0, status) }) { return .reached }
        let live = statuses.filter { !Self.isAtOrPast($0, status) }
        guard let blocking = live.first(where: { !OrderLifecycle.canTransition(from: $0, to: status) }) else { return .allowed }
        return .notAllowed(current: blocking)
    }

    private static func isAtOrPast(_ current: OrderStatus, _ target: OrderStatus) -> Bool {
        if target == .canceled { return current == .canceled }
        return current != .canceled && current.progress >= target.progress
    }
}

extension OrderLifecycle {
    /// The allowed steps from `current` to `target`, in order: `pending → shipped` is
    /// `[ready_to_ship, shipped]`. Empty when `target` cannot be reached (or is `current`).
    public static func steps(from current: OrderStatus, to target: OrderStatus) -> [OrderStatus] {
        guard current != target else { return [] }
        if canTransition(from: current, to: target) { return [target] }
        var path: [OrderStatus] = []
        var at = current
        while let next = targets(from: at).first(where: { $0 != .canceled && $0.progress == at.progress + 1 }) {
            path.append(next)
            if next == target { return path }
            at = next
        }
        return []
    }

    /// Every status reachable from `current` by one or more allowed steps, in lifecycle order.
    public static func reachable(from current: OrderStatus) -> [OrderStatus] {
        OrderStatus.settable.filter { !steps(from: current, to: $0).isEmpty }
    }
}
