import Foundation

/// What the webhook inbox shows about the work done: how many notifications, how many GETs
/// they cost, and how fast they drained. For `orderdesk webhooks status`, the burst script and
/// the tests.
public struct WebhookInboxSummary: Sendable, Hashable, Codable {
    public var received: Int
    public var pending: Int
    public var failed: Int
    /// Distinct orders notified.
    public var orders: Int
    /// One-order GETs that covered notifications: one per (order, moment the GET was sent).
    public var gets: Int
    /// Orders with a notification received after a GET of that order had left (a second GET
    /// was due for them).
    public var ordersNotifiedAgain: Int
    /// GETs of an order whose notifications had all arrived before its previous GET left:
    /// coalescing failed. Should be 0.
    public var needlessGets: Int
    /// First notification received → last one done, in seconds.
    public var drainSeconds: Double

    public init(_ rows: [StoredWebhookNotification]) {
        received = rows.count
        pending = rows.filter { $0.doneAt == nil }.count
        failed = rows.filter { $0.outcome?.hasPrefix("failed") == true }.count
        orders = Set(rows.compactMap(\.key)).count
        var batches: [OrderKey: [Date: [StoredWebhookNotification]]] = [:]
        for row in rows {
            if let key = row.key, let sent = row.getSentAt { batches[key, default: [:]][sent, default: []].append(row) }
        }
        gets = batches.values.reduce(0) { $0 + $1.count }
        var again = 0
        var needless = 0
        for byTime in batches.values where byTime.count > 1 {
            again += 1
            let times = byTime.keys.sorted()
            for (previous, next) in zip(times, times.dropFirst())
            where !(byTime[next] ?? []).contains(where: { $0.receivedAt > previous }) {
                needless += 1
            }
        }
        ordersNotifiedAgain = again
        needlessGets = needless
        let first = rows.map(\.receivedAt).min()
        let last = rows.compactMap(\.doneAt).max()
        drainSeconds = first.flatMap { first in last.map { $0.timeIntervalSince(first) } } ?? 0
    }
}
