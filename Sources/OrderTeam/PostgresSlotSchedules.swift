import Foundation
import OrderKit
import PostgresNIO

/// The team's pacing schedules in PostgreSQL: every OrderDesk process of the team reserves its
/// starts here, so together they stay inside each vendor limit. Each step is one statement.
///
/// Times are the database server's (`clock_timestamp()`), not each machine's: two machines whose
/// clocks differ by a second would otherwise start requests a second apart from what the
/// schedule says. Answers come back as offsets from the server's now and are turned into this
/// machine's time on arrival.
///
/// Each reservation and pause is announced to the team (`TeamBudgetNotice`) by the same
/// statement, so colleagues' status bars count it without a second round trip.
public struct PostgresSlotSchedules: SharedSlotSchedules {
    let database: TeamDatabase
    /// This process, in the announcements: it does not count its own starts twice.
    let origin: String

    public init(_ database: TeamDatabase, origin: String = "") {
        self.database = database
        self.origin = origin
    }

    public func reserve(_ kind: BudgetKind, now: Date, interval: Double, onlyIfFree: Bool) async throws -> (Date?, SlotSchedule) {
        let take = Take(kind: kind.rawValue, interval: interval, onlyIfFree: onlyIfFree, channel: TeamBudgetNotice.channel, origin: origin)
        for try await (start, next, paused, message) in try await database.client.execute(take, logger: database.logger) {
            let local = Date()
            return (local.addingTimeInterval(max(0, start)), Self.schedule(local, next, paused, message))
        }
        return (nil, try await read(kind))
    }

    /// The take every vendor call of the team makes, prepared once per pooled connection: the
    /// server parses and plans it once instead of on every call, which is most of what the take
    /// costs beyond the round trip.
    struct Take: PostgresPreparedStatement {
        static let sql = """
            WITH t AS (SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now)
            INSERT INTO slot_schedules AS s (kind, next_slot) SELECT $1, t.now + $2 FROM t
            ON CONFLICT (kind) DO UPDATE
                SET next_slot = GREATEST(s.next_slot, COALESCE(s.paused_until, 0), (SELECT now FROM t)) + $2
                WHERE NOT $3 OR GREATEST(s.next_slot, COALESCE(s.paused_until, 0)) <= (SELECT now FROM t)
            RETURNING s.next_slot - $2 - (SELECT now FROM t), s.next_slot - (SELECT now FROM t),
                s.paused_until - (SELECT now FROM t), s.pause_message,
                pg_notify($4, concat_ws(' ', s.kind, 'start', s.next_slot - $2 - (SELECT now FROM t), $5)) IS NULL
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .float8, .bool, .text, .text]

        let kind: String
        let interval: Double
        let onlyIfFree: Bool
        let channel: String
        let origin: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(kind)
            bindings.append(interval)
            bindings.append(onlyIfFree)
            bindings.append(channel)
            bindings.append(origin)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> (Double, Double, Double?, String?) {
            let (start, next, paused, message, _) = try row.decode((Double, Double, Double?, String?, Bool).self)
            return (start, next, paused, message)
        }
    }

    public func pause(_ kind: BudgetKind, until: Date, message: String) async throws -> SlotSchedule {
        let key = kind.rawValue, seconds = max(0, until.timeIntervalSinceNow)
        let channel = TeamBudgetNotice.channel, origin = origin
        let rows = try await database.client.query("""
            WITH t AS (SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now)
            INSERT INTO slot_schedules AS s (kind, next_slot, paused_until, pause_message)
                SELECT \(key), t.now + \(seconds), t.now + \(seconds), \(message) FROM t
            ON CONFLICT (kind) DO UPDATE
                SET paused_until = GREATEST(COALESCE(s.paused_until, 0), (SELECT now FROM t) + \(seconds)),
                    next_slot = GREATEST(s.next_slot, (SELECT now FROM t) + \(seconds)), pause_message = \(message)
            RETURNING s.next_slot - (SELECT now FROM t), s.paused_until - (SELECT now FROM t), s.pause_message,
                pg_notify(\(channel), concat_ws(' ', s.kind, 'pause', \(origin))) IS NULL
            """, logger: database.logger)
        for try await (next, paused, message, _) in rows.decode((Double, Double?, String?, Bool).self) {
            return Self.schedule(Date(), next, paused, message)
        }
        return SlotSchedule()
    }

    public func delayNextSlot(_ kind: BudgetKind, toAtLeast next: Date) async throws -> SlotSchedule {
        let key = kind.rawValue, seconds = next.timeIntervalSinceNow
        return try await one(database.client.query("""
            WITH t AS (SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now)
            INSERT INTO slot_schedules AS s (kind, next_slot) SELECT \(key), t.now + \(seconds) FROM t
            ON CONFLICT (kind) DO UPDATE SET next_slot = GREATEST(s.next_slot, (SELECT now FROM t) + \(seconds))
            RETURNING s.next_slot - (SELECT now FROM t), s.paused_until - (SELECT now FROM t), s.pause_message
            """, logger: database.logger))
    }

    public func read(_ kind: BudgetKind) async throws -> SlotSchedule {
        let key = kind.rawValue
        let rows = try await database.client.query("""
            SELECT next_slot - EXTRACT(EPOCH FROM clock_timestamp())::float8,
                paused_until - EXTRACT(EPOCH FROM clock_timestamp())::float8, pause_message
            FROM slot_schedules WHERE kind = \(key)
            """, logger: database.logger)
        for try await (next, paused, message) in rows.decode((Double, Double?, String?).self) {
            return Self.schedule(Date(), next, paused, message)
        }
        return SlotSchedule()
    }

    private func one(_ rows: PostgresRowSequence) async throws -> SlotSchedule {
        for try await (next, paused, message) in rows.decode((Double, Double?, String?).self) {
            return Self.schedule(Date(), next, paused, message)
        }
        return SlotSchedule()
    }


    /// Offsets from the server's now, placed on this machine's clock.
    private static func schedule(_ local: Date, _ next: Double, _ paused: Double?, _ message: String?) -> SlotSchedule {
        SlotSchedule(nextSlot: local.addingTimeInterval(next), pausedUntil: paused.map(local.addingTimeInterval), pauseMessage: message)
    }
}
