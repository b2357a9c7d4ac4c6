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
        let key = kind.rawValue, channel = TeamBudgetNotice.channel, origin = origin
        let rows = try await database.client.query("""
            WITH t AS (SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now)
            INSERT INTO slot_schedules AS s (kind, next_slot) SELECT \(key), t.now + \(interval) FROM t
            ON CONFLICT (kind) DO UPDATE
                SET next_slot = GREATEST(s.next_slot, COALESCE(s.paused_until, 0), (SELECT now FROM t)) + \(interval)
                WHERE NOT \(onlyIfFree) OR GREATEST(s.next_slot, COALESCE(s.paused_until, 0)) <= (SELECT now FROM t)
            RETURNING s.next_slot - \(interval) - (SELECT now FROM t), s.next_slot - (SELECT now FROM t),
                s.paused_until - (SELECT now FROM t), s.pause_message,
                pg_notify(\(channel), concat_ws(' ', s.kind, 'start', s.next_slot - \(interval) - (SELECT now FROM t), \(origin))) IS NULL
            """, logger: database.logger)
        for try await (start, next, paused, message, _) in rows.decode((Double, Double, Double?, String?, Bool).self) {
            let local = Date()
            return (local.addingTimeInterval(max(0, start)), Self.schedule(local, next, paused, message))
        }
        return (nil, try await read(kind))
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
