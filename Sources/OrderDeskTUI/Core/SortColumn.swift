import OrderKit

/// The list's columns in display order; `s` sorts by the next one.
public enum SortColumn: Int, CaseIterable, Sendable {
    case paid, id, channel, customer, items, total, status, carrier, outbound

    /// Dates and amounts read best newest/largest first; text A→Z.
    var defaultDescending: Bool { self == .paid || self == .total || self == .items }

    var next: SortColumn { SortColumn(rawValue: (rawValue + 1) % SortColumn.allCases.count)! }

    var title: UIText {
        switch self {
        case .paid: .colPaid
        case .id: .colId
        case .channel: .colChannel
        case .customer: .colCustomer
        case .items: .colItems
        case .total: .colTotal
        case .status: .colStatus
        case .carrier: .colCarrier
        case .outbound: .colOutbound
        }
    }

    /// Strict "a before b" for ascending order; ties are broken by the key outside.
    func ascending(_ a: OrderSummary, _ b: OrderSummary) -> Bool? {
        func compare<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : x < y }
        switch self {
        case .paid: return compare(a.paidAt ?? a.createdAt ?? "", b.paidAt ?? b.createdAt ?? "")
        case .id: return compare(a.key.idOrder, b.key.idOrder)
        case .channel: return compare(a.key.idChannel, b.key.idChannel)
        case .customer: return compare(a.customer.lowercased(), b.customer.lowercased())
        case .items: return compare(a.itemCount, b.itemCount)
        case .total: return compare(MoneyKey(a), MoneyKey(b))
        case .status: return compare(a.status, b.status)
        case .carrier: return compare(a.carrier ?? "", b.carrier ?? "")
        case .outbound: return compare(a.latestOutboundStatus ?? "", b.latestOutboundStatus ?? "")
        }
    }

    /// Totals compare within a currency: 1,000 ARS is not more than 900 MXN, so the list keeps
    /// each currency together (by ISO code) and orders the amounts inside it.
    struct MoneyKey: Comparable {
        var currency: String
        var amount: Double

        init(_ summary: OrderSummary) {
            currency = summary.currency ?? ""
            amount = summary.total ?? -1
        }

        static func < (a: MoneyKey, b: MoneyKey) -> Bool { (a.currency, a.amount) < (b.currency, b.amount) }
    }
}
