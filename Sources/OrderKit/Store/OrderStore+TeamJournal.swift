import Foundation
import GRDB

/// An order written locally, as the team's order feed receives it.
public struct TeamOrderChange: Sendable, Hashable {
    public var key: OrderKey
    /// The order's JSON as cached here.
    public var raw: String
    /// Its outbound history as cached here (a JSON array of records, in the server's order);
    /// nil when none is cached, which tells the team nothing.
    public var outbounds: String?

    public init(key: OrderKey, raw: String, outbounds: String? = nil) {
        self.key = key
        self.raw = raw
        self.outbounds = outbounds
    }
}

/// An order from the team's feed, to absorb: the order, and its outbound history when the
/// member who wrote it had one.
public struct TeamOrderArrival: Sendable {
    public var order: StoredOrder
    public var outbounds: [OutboundRecord]?

    public init(order: StoredOrder, outbounds: [OutboundRecord]? = nil) {
        self.order = order
        self.outbounds = outbounds
    }
}

// In team mode the local store stays the TUI's fast cache, and the team's order feed in
// PostgreSQL carries what each member writes to the others (each order with its outbound
// history). Both directions go through here:
// - out: every order written locally (import, refresh, a confirmed change, an outbound record
//   fetched or sent) is noted in
//   `team_journal` in the same transaction, so a crash between the write and its publication
//   loses nothing: the next start publishes it;
// - in: the feed's orders are absorbed with the position reached, in one transaction, so a
//   crash re-reads from where the store really is.
extension OrderStore {
    /// From now on every order written here is noted for the team (call once, when team mode
    /// starts, before anything is written).
    public func startNotingChangesForTeam() {
        teamJournal.withLock { $0 = true }
    }

    var notesChangesForTeam: Bool { teamJournal.withLock { $0 } }

    /// After a write that noted orders: the feed publishes them soon.
    func wakeTeamFeed() {
        if notesChangesForTeam { teamJournalWakes.publish(1) }
    }

    /// The oldest orders noted and not yet published, with the journal position they go up to.
    public func changesForTeam(limit: Int) throws -> (through: Int64, changes: [TeamOrderChange]) {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT j.change_id, j.id_channel, j.id_order, o.raw,
                    (SELECT json_group_array(json(r.record_json)) FROM (
                        SELECT record_json FROM outbounds WHERE id_channel = j.id_channel AND id_order = j.id_order ORDER BY seq
                    ) r)
                FROM team_journal j
                JOIN orders o ON o.id_channel = j.id_channel AND o.id_order = j.id_order
                ORDER BY j.change_id LIMIT ?
                """, arguments: [max(1, limit)])
            let through = try rows.last.map { $0[0] as Int64 }
                ?? Int64.fetchOne(db, sql: "SELECT MAX(change_id) FROM team_journal") ?? 0
            return (through, rows.map { row in
                let outbounds: String? = row[4]
                return TeamOrderChange(key: OrderKey(idChannel: row[1], idOrder: row[2]), raw: row[3], outbounds: outbounds == "[]" ? nil : outbounds)
            })
        }
    }

    /// The feed has the changes up to `through`: they leave the journal. An order written again
    /// meanwhile was noted again with a later position, so it stays.
    public func forgetChangesForTeam(through: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM team_journal WHERE change_id <= ?", arguments: [through])
        }
    }

    /// How many orders wait to be published.
    public func unpublishedTeamChanges() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM team_journal") ?? 0 }
    }

    /// How far this store has read `feed` (0 at first).
    public func teamFeedPosition(_ feed: String) throws -> Int64 {
        try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT position FROM team_feed WHERE feed = ?", arguments: [feed]) ?? 0
        }
    }

    /// This cache's name in `feed`: the same in every process that opens it, so its own
    /// publications are told from colleagues' even after a restart. Made on first use.
    public func teamFeedOrigin(_ feed: String) throws -> String {
        try writer.write { db in
            if let origin = try String.fetchOne(db, sql: "SELECT origin FROM team_feed WHERE feed = ?", arguments: [feed]) {
                return origin
            }
            let origin = UUID().uuidString.lowercased()
            try db.execute(sql: """
                INSERT INTO team_feed (feed, position, origin) VALUES (?, 0, ?)
                ON CONFLICT (feed) DO UPDATE SET origin = excluded.origin
                """, arguments: [feed, origin])
            return origin
        }
    }

    /// Writes orders that came from the team (and their outbound history, when it came with
    /// them), without noting them back, and moves the feed position to `through`. An order with
    /// a local change not yet published keeps the local one: it is newer than anything the feed
    /// can have. Returns the orders written.
    public func absorbTeamOrders(_ arrivals: [TeamOrderArrival], feed: String, through position: Int64) throws -> [OrderKey] {
        try writer.write { db in
            let pending = try db.cachedStatement(sql: "SELECT 1 FROM team_journal WHERE id_channel = ? AND id_order = ?")
            var absorbed: [StoredOrder] = []
            for arrival in arrivals {
                let key = OrderKey(idChannel: arrival.order.order.idChannel, idOrder: arrival.order.order.idOrder)
                guard try Bool.fetchOne(pending, arguments: [key.idChannel, key.idOrder]) != true else { continue }
                absorbed.append(arrival.order)
                if let outbounds = arrival.outbounds { try OutboundRows.replace(outbounds, for: key, in: db) }
            }
            try OrderRows.upsert(absorbed, at: Date(), in: db, mergeCachedItems: true, noteForTeam: false)
            try db.execute(
                sql: "INSERT INTO team_feed (feed, position) VALUES (?, ?) ON CONFLICT (feed) DO UPDATE SET position = excluded.position",
                arguments: [feed, position])
            return absorbed.map { OrderKey(idChannel: $0.order.idChannel, idOrder: $0.order.idOrder) }
        }
    }
}

extension OrderStore {
    /// The team's outbound history of orders that have none here, written without noting them
    /// back; an order that got one meanwhile keeps its own. Returns the orders filled in.
    public func fillInTeamOutbounds(_ histories: [OrderKey: [OutboundRecord]]) throws -> [OrderKey] {
        try writer.write { db in
            var filled: [OrderKey] = []
            for (key, records) in histories.sorted(by: { $0.key.description < $1.key.description }) {
                let has = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM outbounds WHERE id_channel = ? AND id_order = ? LIMIT 1", arguments: [key.idChannel, key.idOrder]) ?? false
                guard !has else { continue }
                try OutboundRows.replace(records, for: key, in: db)
                filled.append(key)
            }
            return filled
        }
    }
}

enum TeamJournalRows {
    static func createTables(in db: Database) throws {
        try db.create(table: "team_journal") { t in
            t.autoIncrementedPrimaryKey("change_id")
            t.column("id_channel", .integer).notNull()
            t.column("id_order", .text).notNull()
            t.uniqueKey(["id_channel", "id_order"])
        }
        try db.create(table: "team_feed") { t in
            t.primaryKey("feed", .text)
            t.column("position", .integer).notNull()
        }
    }

    /// Notes the order at a new position: written again, it moves to the end of the journal.
    static func note(_ key: OrderKey, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO team_journal (id_channel, id_order) VALUES (?, ?)")
            .execute(arguments: [key.idChannel, key.idOrder])
    }
}
