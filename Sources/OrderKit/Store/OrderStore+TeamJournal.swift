import Foundation
import GRDB

/// An order written locally, as the team's order feed receives it.
public struct TeamOrderChange: Sendable, Hashable {
    public var key: OrderKey
    /// The order's JSON as cached here.
    public var raw: String

    public init(key: OrderKey, raw: String) {
        self.key = key
        self.raw = raw
    }
}

// In team mode the local store stays the TUI's fast cache, and the team's order feed in
// PostgreSQL carries what each member writes to the others. Both directions go through here:
// - out: every order written locally (import, refresh, a confirmed change) is noted in
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
                SELECT j.change_id, j.id_channel, j.id_order, o.raw FROM team_journal j
                JOIN orders o ON o.id_channel = j.id_channel AND o.id_order = j.id_order
                ORDER BY j.change_id LIMIT ?
                """, arguments: [max(1, limit)])
            let through = try rows.last.map { $0[0] as Int64 }
                ?? Int64.fetchOne(db, sql: "SELECT MAX(change_id) FROM team_journal") ?? 0
            return (through, rows.map { TeamOrderChange(key: OrderKey(idChannel: $0[1], idOrder: $0[2]), raw: $0[3]) })
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

    /// Writes orders that came from the team, without noting them back, and moves the feed
    /// position to `through`. An order with a local change not yet published keeps the local
    /// one: it is newer than anything the feed can have. Returns the orders written.
    public func absorbTeamOrders(_ orders: [StoredOrder], feed: String, through position: Int64) throws -> [OrderKey] {
        try writer.write { db in
            let pending = try db.cachedStatement(sql: "SELECT 1 FROM team_journal WHERE id_channel = ? AND id_order = ?")
            var absorbed: [StoredOrder] = []
            for stored in orders {
                let waiting = try Bool.fetchOne(pending, arguments: [stored.order.idChannel, stored.order.idOrder]) ?? false
                if !waiting { absorbed.append(stored) }
            }
            try OrderRows.upsert(absorbed, at: Date(), in: db, mergeCachedItems: true, noteForTeam: false)
            try db.execute(
                sql: "INSERT INTO team_feed (feed, position) VALUES (?, ?) ON CONFLICT (feed) DO UPDATE SET position = excluded.position",
                arguments: [feed, position])
            return absorbed.map { OrderKey(idChannel: $0.order.idChannel, idOrder: $0.order.idOrder) }
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
