import Foundation
import Logging
import OrderKit
import PostgresNIO
import Synchronization

/// One connection pool to the team's PostgreSQL, with the schema migrated. Open it with
/// `connect`, which fails fast with one line when the server cannot be reached.
public final class TeamDatabase: Sendable {
    public let url: TeamDatabaseURL
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger
    /// Why the server cannot be reached, while it cannot (`TeamHealth` keeps it current).
    private let trouble = Mutex<String?>(nil)

    /// Nil while the server answers; otherwise why it does not.
    public var troubleReason: String? { trouble.withLock { $0 } }

    /// One round trip, within `timeout`. Records the outcome for `troubleReason`.
    @discardableResult
    public func ping(timeout: Duration = .seconds(2)) async -> String? {
        let reason: String?
        do {
            _ = try await withTimeout(timeout) { try await self.client.query("SELECT 1", logger: self.logger) }
            reason = nil
        } catch {
            reason = Self.reason(error)
        }
        trouble.withLock { $0 = reason }
        return reason
    }

    private init(url: TeamDatabaseURL, client: PostgresClient, runner: Task<Void, Never>, logger: Logger) {
        self.url = url
        self.client = client
        self.runner = runner
        self.logger = logger
    }

    /// Connects, checks the server answers within `timeout`, and migrates the schema (several
    /// processes starting at once take turns on an advisory lock).
    public static func connect(_ url: TeamDatabaseURL, timeout: Duration = .seconds(5), logger: Logger) async throws -> TeamDatabase {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password?.exposedValue, database: url.database, tls: .disable)
        configuration.options.connectTimeout = timeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The pool must be running before the first lease, or postgres-nio warns on stderr (a second
        // line beside the one-line error) and the lease may wait for nothing: start it and wait
        // until its task is about to enter `run()`, which takes no suspension before it starts.
        let (started, starting) = AsyncStream<Void>.makeStream()
        let runner = Task {
            starting.finish()
            await client.run()
        }
        for await _ in started {}
        // The runner is now a few instructions from `run()`, which marks the pool running before
        // it first suspends; postgres-nio gives no signal for it, so give those instructions a moment.
        try? await Task.sleep(for: .milliseconds(2))
        let database = TeamDatabase(url: url, client: client, runner: runner, logger: logger)
        do {
            try await database.withTimeout(timeout) { try await database.migrate() }
        } catch {
            await database.close()
            throw TeamError.unreachable(url: url.description, reason: Self.reason(error))
        }
        return database
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }

    /// The server's words without the password or a stack of types.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            switch error.code {
            case .connectionError: return "cannot connect (\(error.underlying.map { "\($0)" } ?? "refused"))"
            default: return "\(error.code)"
            }
        }
        if error is TimeoutError { return "no answer" }
        return "\(error)"
    }

    struct TimeoutError: Error {}

    func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TimeoutError()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TimeoutError() }
            return first
        }
    }

    // MARK: Schema

    /// Named migrations, applied once each, in order. Never edit a shipped one: add another.
    static let migrations: [(name: String, sql: [String])] = [
        ("v1-team-budgets", [
            """
            CREATE TABLE slot_schedules (
                kind TEXT PRIMARY KEY,
                next_slot DOUBLE PRECISION NOT NULL,
                paused_until DOUBLE PRECISION,
                pause_message TEXT
            )
            """,
            """
            CREATE TABLE operators (
                name TEXT PRIMARY KEY,
                host TEXT NOT NULL,
                last_seen DOUBLE PRECISION NOT NULL
            )
            """,
        ]),
        ("v2-team-report-runs", [
            """
            CREATE TABLE team_report_runs (
                id BIGSERIAL PRIMARY KEY,
                requested_at DOUBLE PRECISION NOT NULL,
                counted BOOLEAN NOT NULL,
                operator TEXT NOT NULL,
                id_report TEXT
            )
            """,
            "CREATE INDEX team_report_runs_requested_at ON team_report_runs (requested_at)",
        ]),
        // The team's order feed: the latest JSON of every order a member wrote, at the feed
        // position of that write (`TeamOrderFeed`).
        ("v3-team-orders", [
            "CREATE SEQUENCE team_orders_position",
            """
            CREATE TABLE team_orders (
                id_channel BIGINT NOT NULL,
                id_order TEXT NOT NULL,
                raw TEXT NOT NULL,
                position BIGINT NOT NULL,
                origin TEXT NOT NULL,
                operator_name TEXT NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (id_channel, id_order)
            )
            """,
            "CREATE INDEX team_orders_position_index ON team_orders (position)",
        ]),
        // The team's outbox and audit trail (`TeamOutbox`): the columns of the embedded outbox,
        // plus the lane, who queued it, and who holds it until when.
        ("v4-team-outbox", [
            """
            CREATE TABLE team_outbox (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                id_channel BIGINT,
                id_order TEXT,
                lane TEXT NOT NULL,
                payload TEXT NOT NULL,
                summary TEXT NOT NULL,
                action TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                last_error TEXT,
                response TEXT,
                user_name TEXT NOT NULL,
                starts_from TEXT,
                started BOOLEAN NOT NULL DEFAULT FALSE,
                queued_by TEXT NOT NULL,
                lease_owner TEXT,
                lease_until DOUBLE PRECISION
            )
            """,
            "CREATE INDEX team_outbox_open ON team_outbox (lane, id) WHERE state IN ('queued', 'sending')",
            "CREATE INDEX team_outbox_state ON team_outbox (state, id)",
            "CREATE INDEX team_outbox_order ON team_outbox (id_channel, id_order, id)",
            """
            CREATE TABLE team_audit (
                id BIGSERIAL PRIMARY KEY,
                at DOUBLE PRECISION NOT NULL,
                user_name TEXT NOT NULL,
                id_channel BIGINT,
                id_order TEXT,
                action TEXT NOT NULL,
                outcome TEXT NOT NULL
            )
            """,
            "CREATE INDEX team_audit_order ON team_audit (id_channel, id_order, id)",
        ]),
        // Outbound history travels with its order in the feed (`TeamOrderFeed`): a JSON array
        // of records, NULL until some member has one.
        ("v5-team-outbounds", ["ALTER TABLE team_orders ADD COLUMN outbounds TEXT"]),
        // The pacing schedule is written by every vendor call of the team, and is only worth the
        // next second or so: unlogged, a take writes no WAL and its commit waits for no flush.
        // A server crash empties it, which costs at most one burst at the vendor's limit as the
        // members start pacing afresh; the report ledger and the outbox stay logged.
        ("v6-team-budgets-unlogged", ["ALTER TABLE slot_schedules SET UNLOGGED"]),
    ]

    public var schemaVersion: String { Self.migrations.last?.name ?? "none" }

    /// `body` in one transaction; an error of its own comes out as itself, not wrapped in
    /// postgres-nio's transaction error.
    func transaction<Result>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await client.withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    /// Calls `received` with each notification's payload on `channel` until cancelled; holds one
    /// connection of the pool. Throws when the connection is lost.
    func listen(on channel: String, _ received: @escaping @Sendable (String) -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: channel) { notifications in
                for try await notification in notifications { received(notification.payload) }
            }
        }
    }

    /// One statement of OrderDesk's own, for tools and tests (never with outside text).
    public func execute(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    private func migrate() async throws {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                // Every process starting at once waits here for the first to finish.
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext('orderdesk-migrations'))", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)",
                    logger: logger)
                var applied: Set<String> = []
                for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger).decode(String.self) {
                    applied.insert(name)
                }
                for migration in Self.migrations where !applied.contains(migration.name) {
                    for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    let name = migration.name, now = Date().timeIntervalSince1970
                    try await connection.query("INSERT INTO schema_migrations (name, applied_at) VALUES (\(name), \(now))", logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
