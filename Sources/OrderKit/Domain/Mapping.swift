/// OrderDesk's own mapping between the systems (`spec/api.md`, last section); configurable, these
/// are the defaults.
public struct SystemMapping: Hashable, Sendable {
    /// Yuju status → BRIDGE state.
    public var bridgeStates: [OrderStatus: BridgeState]
    /// Yuju `id_channel` → BRIDGE channel code.
    public var bridgeChannels: [Int: String]

    public static let defaultBridgeStates: [OrderStatus: BridgeState] = [
        .readyToShip: .readyToPick, .shipped: .transit, .delivered: .closed, .canceled: .cancelled,
    ]

    public init(bridgeStates: [OrderStatus: BridgeState] = SystemMapping.defaultBridgeStates, bridgeChannels: [Int: String] = [:]) {
        self.bridgeStates = bridgeStates
        self.bridgeChannels = bridgeChannels
    }

    /// The BRIDGE change that mirrors a Yuju status change, or nil when the status or channel has
    /// no mapping.
    public func bridgeChange(for order: OrderKey, to status: OrderStatus, notes: String? = nil) -> BridgeChangeRequest? {
        guard let state = bridgeStates[status], let channel = bridgeChannels[order.idChannel] else { return nil }
        return BridgeChangeRequest(orderState: state.rawValue, externalNumber: order.idOrder, channel: channel, notes: notes)
    }
}

/// Why a Yuju order cannot become a Datacrush order.
public enum DatacrushMappingError: Error, Hashable, Sendable, CustomStringConvertible {
    case nonNumericId(String)
    case noItems(String)

    public var description: String {
        switch self {
        case .nonNumericId(let id): "order \(id) has a non-numeric id; Datacrush takes integer ids only"
        case .noItems(let id): "order \(id): \(DatacrushText.atLeastOneItem)"
        }
    }
}

extension DatacrushOrder {
    /// Builds the Datacrush order for a Yuju order. Ids are never guessed: a non-numeric
    /// `id_order` is refused.
    public init(yuju order: YujuOrder) throws(DatacrushMappingError) {
        guard let number = Int(order.idOrder) else { throw .nonNumericId(order.idOrder) }
        let items = order.items ?? []
        guard !items.isEmpty else { throw .noItems(order.idOrder) }
        let mapped = items.enumerated().map { index, item in
            let numericId = Int(item.idItem) ?? (index + 1)
            let product = item.sku.flatMap { Int($0.filter(\.isNumber)) } ?? numericId
            return Item(id: numericId, productId: product, variantId: product, quantity: item.quantity ?? 1, name: item.name ?? item.wireId, price: item.price ?? 0)
        }
        let customer = order.customer ?? YujuOrder.Customer()
        let created = (order.orderCreatedAt ?? order.paymentAccreditedAt).map { String($0.prefix(10)) } ?? ""
        self.init(
            id: number, orderNumber: number, status: order.status.rawValue,
            currencyCode: (order.currency ?? "").lowercased(), gateway: "yuju",
            total: order.total ?? 0, discountTotal: 0, shippingTotal: order.shippingCost ?? 0, taxTotal: 0,
            adminUrl: nil, financialStatus: order.paymentAccreditedAt == nil ? "pending" : "paid",
            source: "yuju:\(order.idChannel)", createdAt: created, items: mapped,
            customer: Customer(id: number, email: customer.email ?? "", firstName: customer.firstName ?? "", lastName: customer.lastName ?? "", source: "yuju"))
    }
}
