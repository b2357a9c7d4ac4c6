/// Why a Yuju order is left out of a Datacrush push. OrderDesk's own reasons, not Datacrush's
/// texts: the order never reached Datacrush.
public enum DatacrushMappingError: Error, Hashable, Sendable, CustomStringConvertible {
    case noItems
    case noCurrency
    case noCreationDate

    public var description: String {
        switch self {
        case .noItems: "no items (Datacrush: \(DatacrushText.atLeastOneItem))"
        case .noCurrency: "no currency in the Yuju order (Datacrush needs currency_code)"
        case .noCreationDate: "no creation or payment date in the Yuju order (Datacrush needs created_at)"
        }
    }
}

extension DatacrushOrder {
    /// The Datacrush order for a Yuju order, with ids from `Assumed.DatacrushIds`; throws when the
    /// order breaks one of Datacrush's rules, so that it is left out rather than failing a batch.
    public init(yuju order: YujuOrder) throws(DatacrushMappingError) {
        let items = order.items ?? []
        guard !items.isEmpty else { throw .noItems }
        guard let currency = order.currency?.trimmingCharacters(in: .whitespaces), !currency.isEmpty else { throw .noCurrency }
        guard let created = (order.orderCreatedAt ?? order.paymentAccreditedAt).map({ String($0.prefix(10)) }), !created.isEmpty else {
            throw .noCreationDate
        }
        let ids = Assumed.DatacrushIds.self
        let channel = order.idChannel
        let mapped = items.map { item in
            let product = ids.product(sku: item.sku, channel: channel, idItem: item.idItem)
            return Item(
                id: ids.item(idItem: item.idItem), productId: product, variantId: product, quantity: item.quantity ?? 1,
                name: item.name ?? item.wireId, price: item.price ?? 0)
        }
        let customer = order.customer ?? YujuOrder.Customer()
        self.init(
            id: ids.order(channel: channel, idOrder: order.idOrder), orderNumber: ids.orderNumber(channel: channel, idOrder: order.idOrder),
            status: order.status.rawValue, currencyCode: currency.lowercased(), gateway: Assumed.datacrushGateway,
            total: order.total ?? 0, discountTotal: 0, shippingTotal: order.shippingCost ?? 0, taxTotal: 0,
            adminUrl: nil, financialStatus: order.paymentAccreditedAt == nil ? Assumed.datacrushUnpaidStatus : Assumed.datacrushPaidStatus,
            source: "yuju:\(channel)", createdAt: created, items: mapped,
            customer: Customer(
                id: ids.customer(email: customer.email, channel: channel, idOrder: order.idOrder), email: customer.email ?? "",
                firstName: customer.firstName ?? "", lastName: customer.lastName ?? "", source: "yuju"))
    }
}
