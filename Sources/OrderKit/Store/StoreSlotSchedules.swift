import Foundation
import GRDB

/// The pacing schedules of one profile, shared by every OrderDesk process that uses it (a TUI and
/// CLI scripts at once). A file of its own beside the state database: a report import holds that
/// database's write lock for seconds, and a request must not wait for it to take a start.
public final class StoreSlotSchedules: SharedSlotSchedules {
    private let queue: DatabaseQueue
    public let path: String

    /// `beside`: the state database; the schedules live in `budgets.sqlite` next to it.
    public convenience init(beside statePath: String) throws {
        let file = URL(fileURLWithPath: statePath).deletingLastPathComponent().appendingPathComponent("budgets.sqlite")
        try self.init(path: file.path)
    }

    public init(path: String) throws {
        var config = Configuration()
        config.label = "OrderDesk.budgets"
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // The schedule is worth nothing after a crash (it is in the past by then), so no
            // fsync per request; WAL lets readers in while one process takes a start.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        self.path = path
        queue = try DatabaseQueue(path: path, configuration: config)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-slot-schedules") { db in
            try db.execute(sql: """
                CREATE TABLE slot_schedules (
                    kind TEXT PRIMARY KEY,
                    next_slot DOUBLE PRECISION NOT NULL,
                    paused_until DOUBLE PRECISION,
                    pause_message TEXT
                )
                """)
        }
        try migrator.migrate(queue)
    }

    public func reserve(_ kind: BudgetKind, now: Date, interval: Double, onlyIfFree: Bool) throws -> (Date?, SlotSchedule) {
        try update(kind) { $0.reserve(now: now, interval: interval, onlyIfFree: onlyIfFree) }
    }

    public func pause(_ kind: BudgetKind, until: Date, message: String) throws -> SlotSchedule {
        try update(kind) { $0.pause(until: until, message: message) }.1
    }

    public func delayNextSlot(_ kind: BudgetKind, toAtLeast next: Date) throws -> SlotSchedule {
        try update(kind) { $0.nextSlot = max($0.nextSlot, next) }.1
    }

    /// Applies `change` to the schedule of `kind` atomically for every process.
    func update<T: Sendable>(_ kind: BudgetKind, _ change: (inout SlotSchedule) -> T) throws -> (T, SlotSchedule) {
        // IMMEDIATE: the read and the write are one step for every process; a deferred
        // transaction that upgrades to a write can fail busy without waiting.
        try queue.writeWithoutTransaction { db in
            var outcome: (T, SlotSchedule)?
            try db.inTransaction(.immediate) {
                var schedule = try Self.read(kind, db)
                let result = change(&schedule)
                try db.execute(
                    sql: """
                        INSERT INTO slot_schedules (kind, next_slot, paused_until, pause_message) VALUES (?, ?, ?, ?)
                        ON CONFLICT (kind) DO UPDATE SET next_slot = excluded.next_slot,
                            paused_until = excluded.paused_until, pause_message = excluded.pause_message
                        """,
                    arguments: [kind.rawValue, schedule.nextSlot.storeSeconds, schedule.pausedUntil?.storeSeconds, schedule.pauseMessage])
                outcome = (result, schedule)
                return .commit
            }
            guard let outcome else { throw OrderStoreError.corruptRow(table: "slot_schedules", detail: "no outcome") }
            return outcome
        }
    }

    public func read(_ kind: BudgetKind) throws -> SlotSchedule {
        try queue.read { try Self.read(kind, $0) }
    }

    private static func read(_ kind: BudgetKind, _ db: Database) throws -> SlotSchedule {
        guard let row = try Row.fetchOne(db, sql: "SELECT next_slot, paused_until, pause_message FROM slot_schedules WHERE kind = ?", arguments: [kind.rawValue]) else {
            return SlotSchedule()
        }
        return SlotSchedule(
            nextSlot: Date(storeSeconds: row["next_slot"]),
            pausedUntil: (row["paused_until"] as Double?).map(Date.init(storeSeconds:)),
            pauseMessage: row["pause_message"])
    }
}
