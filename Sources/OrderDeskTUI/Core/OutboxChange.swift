import OrderKit

/// What an outbox entry changes, as the activity panel and the change dialog name it. Data, not
/// a sentence: the views word it in the UI's language (`L10n.describe(_:)`).
public enum OutboxChange: Hashable, Sendable {
    case status(OrderKey, OrderStatus, carrier: String?, items: [String]?, mirrorToBridge: Bool)
    /// `message`: the record's message as typed (the operator's or the integration's words).
    case outboundAdd(OrderKey, status: String, message: String)
    case outboundUpdate(OrderKey, pk: String, status: String, message: String)
    /// `address`: the internal number, else `channel/external number`.
    case bridge(address: String, state: String)
    /// `ids`: the first few orders pushed (Yuju keys, or Datacrush ids for old entries).
    case datacrush(orders: Int, ids: [String])

    public init(_ request: OutboxRequest) {
        switch request {
        case .status(let change, let mirror):
            self = .status(change.key, change.status, carrier: change.carrier, items: change.idItems, mirrorToBridge: mirror)
        case .outbound(let key, let outbound, _):
            self = .outboundAdd(key, status: outbound.status, message: outbound.message)
        case .outboundUpdate(let key, let pk, let outbound):
            self = .outboundUpdate(key, pk: pk, status: outbound.status, message: outbound.message)
        case .bridge(let change):
            let number = change.internalNumber.flatMap { $0.isEmpty ? nil : $0 }
            self = .bridge(address: number ?? "\(change.channel ?? "?")/\(change.externalNumber ?? "?")", state: change.orderState)
        case .datacrush(let orders, let keys):
            let ids = keys.isEmpty ? orders.map { String($0.id) } : keys.map(\.description)
            self = .datacrush(orders: orders.count, ids: Array(ids.prefix(Self.namedOrders)))
        }
    }

    /// How many pushed orders a Datacrush entry names; `…` says when there are more.
    static let namedOrders = 5
}
