import Foundation
import GRDB
import Synchronization

/// The local state of one profile: cached orders with their raw JSON, outbound history, the
/// durable outbox, the report-run ledger and the audit trail.
///
/// Every method is synchronous and thread-safe; callers on the main actor should hop off it for
/// the bulk operations (`allSummaries`, `upsertOrders`, `importReportFile`). The SQL sticks to
/// what PostgreSQL also accepts (ON CONFLICT upserts, no SQLite-only column types) so a team-mode
/// implementation can sit behind the same API later.
public final class OrderStore: Sendable {
    /// A pool for files (WAL: readers never wait for the writer, so the TUI list keeps loading
    /// while an import or the outbox writes); a queue for in-memory stores, which cannot use WAL.
    let writer: any DatabaseWriter
    /// Where the database lives; nil in memory.
    public let path: String?
    /// Team mode: orders written are also noted in the team journal, to be shared.
    let teamJournal = Mutex(false)
    /// Why `openList` last rebuilt the list index (`OrderStore+ListIndex`).
    let listRebuildReason = Mutex<String?>(nil)
    /// Pinged after every write that noted orders for the team: the team feed publishes them.
    public let teamJournalWakes = Broadcaster<Int>(buffer: 1)

    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var config = Self.configuration()
        config.prepareDatabase { db in
            // NORMAL is durable in WAL mode against a process kill (the outbox guarantee); only an
            // OS crash or power loss may lose the last transactions.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // An import lets the WAL grow to 64 MiB (ImportWriterSettings); once it is
            // checkpointed and reused, it is cut back to 4 MiB instead of keeping that size.
            try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        self.writer = pool
        self.path = path
        try StoreMigrations.migrator.migrate(pool)
    }

    private init(inMemoryWriter: any DatabaseWriter) throws {
        self.writer = inMemoryWriter
        self.path = nil
        try StoreMigrations.migrator.migrate(inMemoryWriter)
    }

    public static func inMemory() throws -> OrderStore {
        try OrderStore(inMemoryWriter: DatabaseQueue(configuration: configuration()))
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.label = "OrderDesk.store"
        // Another process (a second terminal, the CLI) may hold the write lock briefly.
        config.busyMode = .timeout(5)
        return config
    }
}

/// Why a store operation was refused.
public enum OrderStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case outboxEntryNotFound(Int64)
    case invalidOutboxTransition(id: Int64, from: OutboxState, to: OutboxState)
    case reportRunNotFound(String)
    case corruptRow(table: String, detail: String)

    public var description: String {
        switch self {
        case .outboxEntryNotFound(let id): "outbox entry \(id) does not exist"
        case .invalidOutboxTransition(let id, let from, let to): "outbox entry \(id) cannot go from \(from.rawValue) to \(to.rawValue)"
        case .reportRunNotFound(let what): "no report run \(what) in the ledger"
        case .corruptRow(let table, let detail): "unreadable row in \(table): \(detail)"
        }
    }
}

/// Date columns hold seconds since 1970 as a double: exact enough to round-trip, sortable, and
/// the same in SQLite and PostgreSQL (unlike SQLite's text dates).
extension Date {
    var storeSeconds: Double { timeIntervalSince1970 }
    init(storeSeconds: Double) { self.init(timeIntervalSince1970: storeSeconds) }
}
