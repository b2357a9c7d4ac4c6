import Foundation
import OrderKit
import PostgresNIO

/// The team's report-run ledger: Yuju's 5 runs per 24 h are the account's, so every operator's
/// runs are counted in one table. A reservation is a row written under an advisory lock (two
/// operators asking for the last run at once get one run between them); it becomes the run
/// once recorded, and stops counting when the run turns out not to have spent one.
public actor TeamReportLedger: ReportRunBudget {
    public let capacity: Int
    public let windowSeconds: Double
    private let database: TeamDatabase
    private let operatorName: String
    /// This process, in the announcements to colleagues (`TeamBudgetNotice`).
    private let origin: String
    private nonisolated let broadcaster = Broadcaster<BudgetSnapshot>()
    /// Team rows reserved and not yet recorded, oldest first.
    private var unbound: [Int64] = []
    /// Local ledger id → team row.
    private var rows: [Int64: Int64] = [:]
    private var blockedUntil: Date?
    private var last429At: Date?
    private var last429Message: String?
    private var lastSnapshot: BudgetSnapshot

    public init(_ database: TeamDatabase, capacity: Int, operatorName: String, origin: String = "", windowSeconds: Double = 86_400) {
        self.database = database
        self.capacity = capacity
        self.operatorName = operatorName
        self.origin = origin
        self.windowSeconds = windowSeconds
        lastSnapshot = BudgetSnapshot(kind: .yujuReport, capacity: capacity, windowSeconds: windowSeconds, available: capacity)
    }

    public func reserve() async throws {
        let logger = database.logger, capacity = capacity, window = windowSeconds, name = operatorName, notice = changedNotice
        if let blockedUntil, blockedUntil > Date() {
            throw ClientError.reportBudgetExhausted(nextFreeAt: blockedUntil, message: last429Message ?? "report runs blocked by Yuju")
        }
        let row: Int64 = try await database.client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext('orderdesk-report-runs'))", logger: logger)
                let (used, oldestAge) = try await Self.count(connection, window: window, logger: logger)
                guard used < capacity else {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw ClientError.reportBudgetExhausted(
                        nextFreeAt: oldestAge.map { Date().addingTimeInterval(window - $0) },
                        message: "\(used) of \(capacity) report runs used by the team in the last 24 h")
                }
                var id: Int64 = 0
                for try await inserted in try await connection.query("""
                    INSERT INTO team_report_runs (requested_at, counted, operator)
                    VALUES (EXTRACT(EPOCH FROM clock_timestamp())::float8, TRUE, \(name)) RETURNING id
                    """, logger: logger).decode(Int64.self) { id = inserted }
                try await connection.query(notice, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return id
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
        unbound.append(row)
        await publish()
    }

    /// A reservation never recorded (the local ledger refused it) spends nothing.
    public func release() async {
        for row in unbound { try? await setCounted(row, false, idReport: nil) }
        unbound.removeAll()
        await publish()
    }

    public func record(_ run: ReportRun) async {
        guard let localId = run.id else { return }
        if rows[localId] == nil, !unbound.isEmpty { rows[localId] = unbound.removeFirst() }
        guard let row = rows[localId] else { return }
        try? await setCounted(row, run.spendsBudget, idReport: run.idReport)
        await publish()
    }

    public func serverRefused(message: String) async {
        let now = Date()
        last429At = now
        last429Message = message
        let minutes = YujuText.minutesInReportLimit(message) ?? Assumed.reportLimitFallbackMinutes
        blockedUntil = now.addingTimeInterval(Double(minutes) * 60)
        await publish()
    }

    /// The team's count; the last one seen when the database does not answer.
    public func snapshot() async -> BudgetSnapshot {
        let logger = database.logger, window = windowSeconds
        guard let (used, oldestAge) = try? await database.client.withConnection({ try await Self.count($0, window: window, logger: logger) }) else {
            return lastSnapshot
        }
        let now = Date()
        var nextFree = used >= capacity ? oldestAge.map { now.addingTimeInterval(window - $0) } : nil
        var blocked: Date?
        if let blockedUntil, blockedUntil > now {
            blocked = blockedUntil
            nextFree = max(nextFree ?? blockedUntil, blockedUntil)
        }
        lastSnapshot = BudgetSnapshot(
            kind: .yujuReport, capacity: capacity, windowSeconds: windowSeconds, available: blocked == nil ? max(0, capacity - used) : 0,
            used: used, nextFreeAt: nextFree, last429At: last429At, last429Message: last429Message, blockedUntil: blocked)
        return lastSnapshot
    }

    public nonisolated func updates() -> AsyncStream<BudgetSnapshot> { broadcaster.subscribe() }

    /// A colleague's run was reserved, recorded or released: the count shown here moves with it.
    public func colleagueChanged() async { await publish() }

    private func publish() async { broadcaster.publish(await snapshot()) }

    private var changedNotice: PostgresQuery {
        "SELECT pg_notify(\(TeamBudgetNotice.channel), \(TeamBudgetNotice(kind: .yujuReport, event: .changed, origin: origin).payload))"
    }

    private func setCounted(_ row: Int64, _ counted: Bool, idReport: String?) async throws {
        try await database.client.query(
            "UPDATE team_report_runs SET counted = \(counted), id_report = COALESCE(\(idReport), id_report) WHERE id = \(row)",
            logger: database.logger)
        try await database.client.query(changedNotice, logger: database.logger)
    }

    /// Runs counted in the window, and how long ago the oldest of them was asked for.
    private static func count(_ connection: PostgresConnection, window: Double, logger: Logger) async throws -> (Int, Double?) {
        let rows = try await connection.query("""
            SELECT count(*)::int8, EXTRACT(EPOCH FROM clock_timestamp())::float8 - min(requested_at) FROM team_report_runs
            WHERE counted AND requested_at > EXTRACT(EPOCH FROM clock_timestamp())::float8 - \(window)
            """, logger: logger)
        for try await (count, age) in rows.decode((Int64, Double?).self) { return (Int(count), age) }
        return (0, nil)
    }
}
