import Foundation
import OrderKit

/// Yuju's data: orders keyed by channel and id (O(1) lookups over 100,000 orders), their
/// outbound records, the reports requested, and the account's two budgets.
struct YujuStore: Sendable {
    var orders: [OrderKey: YujuOrder] = [:]
    /// Seeding order: report files list orders in it, so they are stable.
    var keys: [OrderKey] = []
    /// `id_order` is unique across channels, so a report's `order_ids` filter needs no channel.
    var keyByIdOrder: [String: OrderKey] = [:]
    var outbounds: [OrderKey: [OutboundRecord]] = [:]
    var outboundOwner: [String: OrderKey] = [:]
    var reports: [String: StoredReport] = [:]
    /// Report runs in the rolling 24 h window.
    var reportRuns = RollingWindow(length: 24 * 3600)
    /// The account's 2 req/s budget.
    var bucket = TokenBucket(capacity: 2, refillPerSecond: 2)

    mutating func insert(_ order: YujuOrder) {
        let key = order.id
        if orders.updateValue(order, forKey: key) == nil { keys.append(key) }
        keyByIdOrder[order.idOrder] = key
    }

    mutating func appendOutbound(_ record: OutboundRecord, to key: OrderKey) {
        outbounds[key, default: []].append(record)
        outboundOwner[record.orderIntExternalPk] = key
    }
}

/// A report as requested; its progress and file are derived from `createdAt` on the sandbox
/// clock, so `POST /_sandbox/clock` also moves reports forward.
struct StoredReport: Sendable {
    var id: String
    var variant: ReportVariant
    var returnType: ReportReturnType
    var filters: ReportRequest.Filters
    var createdAt: Date
}

