import Foundation
import GRDB

/// One unit of webhook work: an order to refresh (however many notifications named it) or a
/// report to import. `upTo` is the newest notification it covers when read.
public enum WebhookWork: Sendable, Hashable {
    case order(OrderKey, upTo: Int64)
    case report(String, upTo: Int64)
}

/// One row of the webhook inbox.
public struct StoredWebhookNotification: Sendable, Hashable, Codable {
    public var seq: Int64
    public var deliveryId: String
    public var topic: String
    public var key: OrderKey?
    public var idReport: String?
    public var receivedAt: Date
    public var doneAt: Date?
    public var getSentAt: Date?
    public var outcome: String?
}

public struct WebhookInboxCounts: Sendable, Hashable, Codable {
    public var received: Int
    public var pending: Int

    public init(received: Int, pending: Int) {
        self.received = received
        self.pending = pending
    }
}

// The webhook inbox: every notification the listener accepted, in arrival order. A row is
// written before the answer 200 and marked done once its work is done, so `kill -9` between the
// two only means the work is done after the restart.
extension OrderStore {
    /// Stores a verified notification. Returns false when its delivery id was seen before
    /// (a redelivery): nothing is written and nothing more should happen.
    @discardableResult
    public func recordWebhook(deliveryId: String, _ notification: WebhookNotification, body: Data, at: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_notifications (delivery_id, topic, id_channel, id_order, id_report, body, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING
                    """,
                arguments: [
                    deliveryId, notification.topic.rawValue, notification.key?.idChannel, notification.key?.idOrder,
                    notification.idReport, String(decoding: body, as: UTF8.self), at.storeSeconds,
                ])
            return db.changesCount > 0
        }
    }

    /// Work not done yet, oldest first: one entry per order, however many notifications name it.
    public func pendingWebhookWork(limit: Int) throws -> [WebhookWork] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id_channel, id_order, id_report, MIN(seq), MAX(seq) FROM webhook_notifications
                    WHERE done_at IS NULL GROUP BY id_channel, id_order, id_report ORDER BY MIN(seq) LIMIT ?
                    """,
                arguments: [max(0, limit)]
            ).compactMap { row in
                let channel: Int? = row[0]
                let order: String? = row[1]
                let report: String? = row[2]
                if let channel, let order { return .order(OrderKey(idChannel: channel, idOrder: order), upTo: row[4]) }
                if let report { return .report(report, upTo: row[4]) }
                return nil
            }
        }
    }

    /// The newest notification not done yet for `key`: what a GET sent now covers.
    public func newestPendingWebhook(for key: OrderKey) throws -> Int64? {
        try writer.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT MAX(seq) FROM webhook_notifications WHERE done_at IS NULL AND id_channel = ? AND id_order = ?",
                arguments: [key.idChannel, key.idOrder])
        }
    }

    /// Marks `work`'s notifications up to `upTo` done. Later ones for the same order stay
    /// pending: they arrived after the GET was sent, so they need one more.
    /// `getSentAt`: when the GET that covered them was sent.
    public func finishWebhookWork(_ work: WebhookWork, outcome: String, at: Date, getSentAt: Date? = nil) throws {
        try writer.write { db in
            switch work {
            case .order(let key, let upTo):
                try db.execute(
                    sql: """
                        UPDATE webhook_notifications SET done_at = ?, outcome = ?, get_sent_at = ?
                        WHERE done_at IS NULL AND id_channel = ? AND id_order = ? AND seq <= ?
                        """,
                    arguments: [at.storeSeconds, outcome, getSentAt?.storeSeconds, key.idChannel, key.idOrder, upTo])
            case .report(let id, let upTo):
                try db.execute(
                    sql: "UPDATE webhook_notifications SET done_at = ?, outcome = ? WHERE done_at IS NULL AND id_report = ? AND seq <= ?",
                    arguments: [at.storeSeconds, outcome, id, upTo])
            }
        }
    }

    /// Every notification received, oldest first (the `webhooks status` command and the tests).
    public func webhookNotifications() throws -> [StoredWebhookNotification] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, delivery_id, topic, id_channel, id_order, id_report, received_at, done_at, get_sent_at, outcome FROM webhook_notifications ORDER BY seq"
            ).map { row in
                let channel: Int? = row[3]
                let order: String? = row[4]
                let done: Double? = row[7]
                let sent: Double? = row[8]
                return StoredWebhookNotification(
                    seq: row[0], deliveryId: row[1], topic: row[2],
                    key: channel.flatMap { channel in order.map { OrderKey(idChannel: channel, idOrder: $0) } },
                    idReport: row[5], receivedAt: Date(storeSeconds: row[6]), doneAt: done.map(Date.init(storeSeconds:)),
                    getSentAt: sent.map(Date.init(storeSeconds:)), outcome: row[9])
            }
        }
    }

    public func webhookCounts() throws -> WebhookInboxCounts {
        try writer.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*), COALESCE(SUM(CASE WHEN done_at IS NULL THEN 1 ELSE 0 END), 0) FROM webhook_notifications")
            return WebhookInboxCounts(received: row?[0] ?? 0, pending: row?[1] ?? 0)
        }
    }
}

enum WebhookInboxRows {
    static func createTable(in db: Database) throws {
        try db.create(table: "webhook_notifications") { t in
            t.autoIncrementedPrimaryKey("seq")
            t.column("delivery_id", .text).notNull().unique()
            t.column("topic", .text).notNull()
            t.column("id_channel", .integer)
            t.column("id_order", .text)
            t.column("id_report", .text)
            t.column("body", .text).notNull()
            t.column("received_at", .double).notNull()
            t.column("done_at", .double)
            // When the one-order GET that covered it was sent: a notification received after
            // that needs (and gets) a GET of its own.
            t.column("get_sent_at", .double)
            t.column("outcome", .text)
        }
        try db.create(index: "webhook_notifications_pending", on: "webhook_notifications", columns: ["done_at", "seq"])
        try db.create(index: "webhook_notifications_order", on: "webhook_notifications", columns: ["id_channel", "id_order", "done_at"])
    }
}
