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
        /// Its outbound history (`TeamOrderChange.outbounds`); nil when no member had one.
        public var outbounds: String?
        /// The process that wrote it (`TeamOrderSync.origin`).
        public var origin: String
        public var operatorName: String
    }

    let database: TeamDatabase

    public init(_ database: TeamDatabase) { self.database = database }

    /// Publishes the orders and wakes the other members. An order whose JSON and outbound
    /// history the feed already has keeps its position: re-publishing after a crash, or an order
    /// absorbed and written back, moves nothing. A member with no outbound history for an order
    /// leaves the one a colleague published, and gets it back: the histories the feed had for
    /// the changed orders published without one.
    @discardableResult
    public func publish(_ changes: [TeamOrderChange], origin: String, operatorName: String) async throws -> Published {
        guard !changes.isEmpty else { return Published(changed: 0, outbounds: [:]) }
        let channels = changes.map { Int64($0.key.idChannel) }, orders = changes.map(\.key.idOrder), raws = changes.map(\.raw)
        // postgres-nio binds no arrays of optionals: an empty text stands for none.
        let outbounds = changes.map { $0.outbounds ?? "" }
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('orderdesk-order-feed'))", logger: logger)
            let rows = try await connection.query("""
                INSERT INTO team_orders AS t (id_channel, id_order, raw, outbounds, position, origin, operator_name, updated_at)
                SELECT c, o, r, NULLIF(ob, ''), nextval('team_orders_position'), \(origin), \(operatorName), EXTRACT(EPOCH FROM clock_timestamp())::float8
                FROM UNNEST(\(channels)::bigint[], \(orders)::text[], \(raws)::text[], \(outbounds)::text[]) AS u(c, o, r, ob)
                ON CONFLICT (id_channel, id_order) DO UPDATE
                    SET raw = EXCLUDED.raw, outbounds = COALESCE(EXCLUDED.outbounds, t.outbounds), position = EXCLUDED.position,
                        origin = EXCLUDED.origin, operator_name = EXCLUDED.operator_name, updated_at = EXCLUDED.updated_at
                    WHERE t.raw IS DISTINCT FROM EXCLUDED.raw OR t.outbounds IS DISTINCT FROM COALESCE(EXCLUDED.outbounds, t.outbounds)
                RETURNING id_channel, id_order, outbounds
                """, logger: logger)
            let withoutHistory = Set(changes.filter { $0.outbounds == nil }.map(\.key))
            var published = Published(changed: 0, outbounds: [:])
            for try await (channel, order, outbounds) in rows.decode((Int64, String, String?).self) {
                published.changed += 1
                let key = OrderKey(idChannel: Int(channel), idOrder: order)
                if let outbounds, withoutHistory.contains(key) { published.outbounds[key] = outbounds }
            }
            if published.changed > 0 {
                try await connection.query("SELECT pg_notify(\(Self.channel), '')", logger: logger)
            }
            return published
        }
    }

    public struct Published: Sendable {
        /// Orders whose row changed.
        public var changed: Int
        /// The team's outbound history of orders published without one.
        public var outbounds: [OrderKey: String]
    }

    /// The orders written after `position`, oldest first.
    public func read(after position: Int64, limit: Int) async throws -> [Row] {
        let rows = try await database.client.query("""
            SELECT position, id_channel, id_order, raw, outbounds, origin, operator_name FROM team_orders
            WHERE position > \(position) ORDER BY position LIMIT \(Int64(limit))
            """, logger: database.logger)
        var result: [Row] = []
        for try await (position, channel, order, raw, outbounds, origin, name) in rows.decode((Int64, Int64, String, String, String?, String, String).self) {
            result.append(Row(
                position: position, key: OrderKey(idChannel: Int(channel), idOrder: order), raw: raw, outbounds: outbounds, origin: origin,
                operatorName: name))
        }
        return result
    }

    /// Calls `wake` once per publication of any member until cancelled; holds one connection of
    /// the pool. Throws when the connection is lost.
    func listen(_ wake: @escaping @Sendable () -> Void) async throws {
        try await database.listen(on: Self.channel) { _ in wake() }
    }
}
