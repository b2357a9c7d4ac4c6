/// BRIDGE state is order-level, Yuju status item-level (`spec/api.md`, "Mapping between
/// systems"): a change is mirrored only when it leaves every item of the order (canceled items
/// aside) in the target status. Decided from the cached order once Yuju confirmed the change,
/// so a partial cancel never cancels the whole store order (`cancelled` is final in BRIDGE).
public enum BridgeMirrorScope: Hashable, Sendable {
    case wholeOrder
    /// Items not in the target status, counted per status in lifecycle order.
    case partial([StatusCount])

    public struct StatusCount: Hashable, Sendable {
        public var status: OrderStatus
        public var count: Int
        public init(_ status: OrderStatus, _ count: Int) {
            self.status = status
            self.count = count
        }
    }

    public static func of(_ order: YujuOrder, target: OrderStatus) -> BridgeMirrorScope {
        guard let items = order.items, !items.isEmpty else {
            // An order without items is one unit: its own status decides.
            return order.status == target ? .wholeOrder : .partial([StatusCount(order.status, 1)])
        }
        let statuses = items.map { $0.status ?? order.status }
        // Canceled items are aside, except that a cancel must reach every item.
        let behind = statuses.filter { $0 != target && ($0 != .canceled || target == .canceled) }
        let live = statuses.filter { $0 != .canceled }
        if behind.isEmpty && (target == .canceled || !live.isEmpty) { return .wholeOrder }
        if behind.isEmpty { return .partial([StatusCount(.canceled, statuses.count)]) }
        var counts: [OrderStatus: Int] = [:]
        for status in behind { counts[status, default: 0] += 1 }
        return .partial(counts.sorted { $0.key < $1.key }.map { StatusCount($0.key, $0.value) })
    }

    /// What the operator is told, e.g. `not mirrored, 3 items still pending`.
    public var notMirroredText: String? {
        guard case .partial(let rest) = self else { return nil }
        let parts = rest.enumerated().map { index, part in
            let noun = index == 0 ? (part.count == 1 ? " item" : " items") : ""
            return "\(part.count)\(noun) still \(part.status)"
        }
        return "not mirrored, " + parts.joined(separator: ", ")
    }
}
