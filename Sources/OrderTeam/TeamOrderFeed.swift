import Foundation
import OrderKit
import PostgresNIO

/// The team's order feed in PostgreSQL: one row per order, holding the latest JSON any member
/// wrote and the feed position of that write. A member reads what came after the position it
/// has reached, so one round trip brings everything its colleagues changed, however long it was
/// away, and an order changed ten times arrives once.
///
/// Positions are taken inside one advisory lock per publication, so they become visible in the
/// order they were taken: a reader never sees position 12 while 11 is still to commit, and never
/// skips a row.
public struct TeamOrderFeed: Sendable {
    /// The NOTIFY channel that wakes the members after a publication.
    static let channel = "orderdesk_orders"

    public struct Row: Sendable, Hashable {
        public var position: Int64
        public var key: OrderKey
        public var raw: String
        /// The process that wrote it (`TeamOrderSync.origin`).
        public var origin: String
        public var operatorName: String
    }

    let database: TeamDatabase

    public init(_ database: TeamDatabase) { self.database = database }

    /// Publishes the orders and wakes the other members. An order whose JSON the feed already has
    /// keeps its position: re-publishing after a crash, or an order absorbed and written back,
    /// moves nothing. Returns how many orders changed.
    @discardableResult
    public func publish(_ changes: [TeamOrderChange], origin: String, operatorName: String) async throws -> Int {
        guard !changes.isEmpty else { return 0 }
        let channels = changes.map { Int64($0.key.idChannel) }, orders = changes.map(\.key.idOrder), raws = changes.map(\.raw)
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('orderdesk-order-feed'))", logger: logger)
            let rows = try await connection.query("""
                INSERT INTO team_orders AS t (id_channel, id_order, raw, position, origin, operator_name, updated_at)
                SELECT c, o, r, nextval('team_orders_position'), \(origin), \(operatorName), EXTRACT(EPOCH FROM clock_timestamp())::float8
                FROM UNNEST(\(channels)::bigint[], \(orders)::text[], \(raws)::text[]) AS u(c, o, r)
                ON CONFLICT (id_channel, id_order) DO UPDATE
                    SET raw = EXCLUDED.raw, position = EXCLUDED.position, origin = EXCLUDED.origin,
                        operator_name = EXCLUDED.operator_name, updated_at = EXCLUDED.updated_at
                    WHERE t.raw IS DISTINCT FROM EXCLUDED.raw
                RETURNING position
                """, logger: logger)
            var changed = 0
            for try await _ in rows.decode(Int64.self) { changed += 1 }
            if changed > 0 {
                try await connection.query("SELECT pg_notify(\(Self.channel), '')", logger: logger)
            }
            return changed
        }
    }

    /// The orders written after `position`, oldest first.
    public func read(after position: Int64, limit: Int) async throws -> [Row] {
        let rows = try await database.client.query("""
            SELECT position, id_channel, id_order, raw, origin, operator_name FROM team_orders
            WHERE position > \(position) ORDER BY position LIMIT \(Int64(limit))
            """, logger: database.logger)
        var result: [Row] = []
        for try await (position, channel, order, raw, origin, name) in rows.decode((Int64, Int64, String, String, String, String).self) {
            result.append(Row(position: position, key: OrderKey(idChannel: Int(channel), idOrder: order), raw: raw, origin: origin, operatorName: name))
        }
        return result
    }

    /// Calls `wake` once per publication of any member until cancelled; holds one connection of
    /// the pool. Throws when the connection is lost.
    func listen(_ wake: @escaping @Sendable () -> Void) async throws {
        try await database.listen(on: Self.channel) { _ in wake() }
    }
}
