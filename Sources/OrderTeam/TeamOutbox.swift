import Foundation
import Logging
import OrderKit
import PostgresNIO

/// The team's outbox in PostgreSQL: the embedded outbox's contract (`OutboxQueue`), shared by
/// every member, so any of them can finish what another started.
///
/// Who sends what:
/// - An entry is queued holding a lease of the member that queued it, renewed every third of the
///   lease while that member lives: normally each member sends its own changes.
/// - A worker claims whole lanes (one per order) whose first unfinished entry is its own or
///   whose lease ran out, with `FOR UPDATE SKIP LOCKED`, so two members never claim the same
///   lane; it sends, in order, the lane's entries it holds up to the first it does not.
/// - A member that dies (kill -9) stops renewing; its lanes are free once the lease has run
///   out, and the next member to look sends them, with the same resend checks as after a crash
///   (an entry found `sending` was started and is checked first).
/// - Every move checks the lease is still the mover's: a member that stalled past its lease and
///   was taken over cannot overwrite what the new holder did.
public final class TeamOutbox: OutboxQueue {
    let database: TeamDatabase
    /// For where a status change starts: the local cache, which the team's order feed keeps up to date.
    let store: OrderStore
    /// This process, as a lease holder.
    public let owner: String
    let leaseSeconds: Double
    let logger: Logger
    private let renewal: Task<Void, Never>

    /// Lanes claimed per pass: enough for any bulk, small enough for one statement.
    static let lanesPerClaim = 1_000
    static let columns = "id, payload, state, attempts, created_at, updated_at, last_error, response, user_name, starts_from, started"

    public init(database: TeamDatabase, store: OrderStore, owner: String, leaseSeconds: Double, logger: Logger) {
        self.database = database
        self.store = store
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.logger = logger
        renewal = Task { [database, owner, logger] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(leaseSeconds / 3))
                do {
                    try await database.client.query("""
                        UPDATE team_outbox SET lease_until = EXTRACT(EPOCH FROM clock_timestamp())::float8 + \(leaseSeconds)
                        WHERE lease_owner = \(owner) AND state IN ('queued', 'sending')
                        """, logger: logger)
                } catch {
                    if !Task.isCancelled { logger.warning("team outbox: cannot renew the lease: \(TeamDatabase.reason(error))") }
                }
            }
        }
    }

    deinit { renewal.cancel() }

    /// At a clean exit: stops renewing and lets go of what this process still holds, so a
    /// colleague takes it over at once instead of after the lease. (After a crash the lease
    /// runs out by itself.)
    public func release() async {
        renewal.cancel()
        do {
            try await database.client.query(
                "UPDATE team_outbox SET lease_until = 0 WHERE lease_owner = \(owner) AND state IN ('queued', 'sending')", logger: logger)
        } catch {
            logger.warning("team outbox: could not let go of its entries; they are free once the lease runs out: \(TeamDatabase.reason(error))")
        }
    }

    /// A lease holder name that says who and where, unique to this process.
    public static func ownerName(operatorName: String) -> String {
        let process = ProcessInfo.processInfo
        return "\(operatorName)@\(process.hostName):\(process.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    // MARK: Queueing

    public func enqueue(_ requests: [OutboxRequest], user: String, at: Date) async throws -> [OutboxEntry] {
        for request in requests { try request.validate() }
        // Refused at once while the team's database is known lost, and within a few seconds when
        // it is lost now: never an operator waiting on a dead connection.
        if let reason = database.troubleReason { throw TeamOutboxError.unreachable(reason) }
        do {
            return try await database.withTimeout(Self.enqueueTimeout) { try await self.write(requests, user: user, at: at) }
        } catch let error as ValidationFailure {
            throw error
        } catch let error as TeamDatabase.TimeoutError {
            throw TeamOutboxError.unreachable(TeamDatabase.reason(error))
        } catch let error as PSQLError {
            throw TeamOutboxError.unreachable(TeamDatabase.reason(error))
        }
    }

    static let enqueueTimeout: Duration = .seconds(5)

    private func write(_ requests: [OutboxRequest], user: String, at: Date) async throws -> [OutboxEntry] {
        let encoder = JSONEncoderFactory.make()
        let payloads = try requests.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        // Read before the transaction: the local cache, which SQLite serves without a round trip.
        var cached: [OrderKey: YujuOrder] = [:]
        for case .status(let change, _) in requests where cached[change.key] == nil {
            if let stored = try store.order(change.key) { cached[change.key] = stored.order }
        }
        let owner = self.owner, lease = leaseSeconds, logger = self.logger, seconds = at.timeIntervalSince1970
        return try await database.transaction { connection in
            var entries: [OutboxEntry] = []
            for (index, (request, payload)) in zip(requests, payloads).enumerated() {
                let key = request.key
                var currentStatus: OrderStatus?
                var startsFrom: OrderStatus?
                if case .status(let change, _) = request, let order = cached[change.key] {
                    currentStatus = order.status
                    var unsent: [String] = []
                    let rows = try await connection.query("""
                        SELECT payload FROM team_outbox WHERE id_channel = \(Int64(change.idChannel)) AND id_order = \(change.idOrder)
                            AND kind = 'status' AND state IN ('queued', 'sending') ORDER BY id
                        """, logger: logger)
                    for try await text in rows.decode(String.self) { unsent.append(text) }
                    startsFrom = change.startingStatus(from: order, afterUnsentPayloads: unsent, andEarlierInBatch: requests[..<index])
                }
                let action = request.auditAction(currentStatus: currentStatus)
                let channel = key.map { Int64($0.idChannel) }
                let rows = try await connection.query("""
                    INSERT INTO team_outbox (kind, id_channel, id_order, lane, payload, summary, action, state, created_at, updated_at,
                                             user_name, starts_from, queued_by, lease_owner, lease_until)
                    VALUES (\(request.kind), \(channel), \(key?.idOrder), \(request.lane ?? ""), \(payload), \(request.summary), \(action),
                            'queued', \(seconds), \(seconds), \(user), \(startsFrom?.rawValue), \(owner), \(owner),
                            EXTRACT(EPOCH FROM clock_timestamp())::float8 + \(lease))
                    RETURNING id
                    """, logger: logger)
                var id: Int64 = 0
                for try await value in rows.decode(Int64.self) { id = value }
                if request.lane == nil {
                    try await connection.query("UPDATE team_outbox SET lane = 'entry:' || id WHERE id = \(id)", logger: logger)
                }
                try await Self.audit(request.auditKeys, orNone: key == nil, at: seconds, user: user, action: action, outcome: "queued", on: connection, logger: logger)
                try await Self.notify(id, by: owner, on: connection, logger: logger)
                entries.append(OutboxEntry(
                    id: id, request: request, state: .queued, attempts: 0, createdAt: at, updatedAt: at, user: user, startsFrom: startsFrom))
            }
            return entries
        }
    }

    public func entries(states: Set<OutboxState>?, limit: Int?) async throws -> [OutboxEntry] {
        let names = (states ?? Set(OutboxState.allCases)).map(\.rawValue).sorted()
        let rows = try await database.client.query("""
            SELECT \(unescaped: Self.columns) FROM team_outbox WHERE state = ANY(\(names)::text[]) ORDER BY id LIMIT \(Int64(limit ?? Int(Int32.max)))
            """, logger: logger)
        return try await Self.entries(rows)
    }

    public func count(states: Set<OutboxState>) async throws -> Int {
        let names = states.map(\.rawValue).sorted()
        let rows = try await database.client.query(
            "SELECT COUNT(*) FROM team_outbox WHERE state = ANY(\(names)::text[])", logger: logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    public func entry(id: Int64) async throws -> OutboxEntry? {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM team_outbox WHERE id = \(id)", logger: logger)
        return try await Self.entries(rows).first
    }

    // MARK: Moves

    public func markSending(id: Int64, at: Date) async throws {
        try await move(id, to: .sending, at: at, set: "started = TRUE", outcome: nil)
    }

    public func markSent(id: Int64, at: Date, response: String, attempts: Int) async throws {
        try await move(id, to: .sent, at: at, response: response, attempts: attempts, outcome: "sent")
    }

    public func markFailed(id: Int64, at: Date, reason: String, attempts: Int) async throws {
        try await move(id, to: .failed, at: at, lastError: reason, attempts: attempts, outcome: "failed: \(reason)")
    }

    public func markRefused(id: Int64, at: Date, reason: String, attempts: Int) async throws {
        try await move(id, to: .refused, at: at, lastError: reason, attempts: attempts, outcome: "refused: \(reason)")
    }

    /// One move of one entry, with its audit rows, in one transaction; refused when the entry is
    /// not where the move may start, or its lease is someone else's now.
    private func move(
        _ id: Int64, to target: OutboxState, at: Date, set extra: String? = nil, response: String? = nil, lastError: String? = nil,
        attempts: Int = 0, outcome: String?
    ) async throws {
        let allowed = target.allowedSources.map(\.rawValue).sorted(), owner = self.owner, logger = self.logger
        let seconds = at.timeIntervalSince1970
        try await database.transaction { connection in
            let rows = try await connection.query("""
                UPDATE team_outbox SET state = \(target.rawValue), updated_at = \(seconds), attempts = attempts + \(Int64(attempts)),
                    response = COALESCE(\(response), response), last_error = COALESCE(\(lastError), last_error)
                    \(unescaped: extra.map { ", " + $0 } ?? "")
                WHERE id = \(id) AND state = ANY(\(allowed)::text[])
                    AND (lease_owner = \(owner) OR lease_owner IS NULL OR lease_until < EXTRACT(EPOCH FROM clock_timestamp())::float8
                         OR state = 'failed')
                RETURNING user_name, id_channel, id_order, action, payload
                """, logger: logger)
            var moved: (String, Int64?, String?, String, String)?
            for try await row in rows.decode((String, Int64?, String?, String, String).self) { moved = row }
            guard let (user, channel, order, action, payload) = moved else {
                throw try await Self.whyNotMoved(id, to: target, owner: owner, on: connection, logger: logger)
            }
            try await Self.notify(id, by: owner, on: connection, logger: logger)
            guard let outcome else { return }
            let key = channel.flatMap { channel in order.map { OrderKey(idChannel: Int(channel), idOrder: $0) } }
            let request = try? JSONDecoderFactory.make().decode(OutboxRequest.self, from: Data(payload.utf8))
            try await Self.audit(request?.auditKeys ?? key.map { [$0] } ?? [], orNone: key == nil, at: seconds, user: user, action: action,
                                 outcome: outcome, on: connection, logger: logger)
        }
    }

    private static func whyNotMoved(_ id: Int64, to target: OutboxState, owner: String, on connection: PostgresConnection, logger: Logger) async throws -> any Error {
        let rows = try await connection.query("SELECT state, lease_owner FROM team_outbox WHERE id = \(id)", logger: logger)
        for try await (state, holder) in rows.decode((String, String?).self) {
            let current = OutboxState(rawValue: state) ?? .queued
            if target.allowedSources.contains(current) { return TeamOutboxError.leaseLost(id: id, holder: holder ?? "nobody") }
            return OrderStoreError.invalidOutboxTransition(id: id, from: current, to: target)
        }
        return OrderStoreError.outboxEntryNotFound(id)
    }

    /// Failed entries, and interrupted ones nobody holds any more, go back to queued, held by
    /// this process. One a live colleague is sending stays theirs.
    public func requeue(ids: [Int64]) async throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.client.query("""
            UPDATE team_outbox SET state = 'queued', updated_at = EXTRACT(EPOCH FROM clock_timestamp())::float8,
                lease_owner = \(owner), lease_until = EXTRACT(EPOCH FROM clock_timestamp())::float8 + \(leaseSeconds)
            WHERE id = ANY(\(ids)::bigint[]) AND (state = 'failed' OR (state = 'sending'
                AND (lease_owner = \(owner) OR lease_owner IS NULL OR lease_until < EXTRACT(EPOCH FROM clock_timestamp())::float8)))
            RETURNING id
            """, logger: logger)
        var requeued: [Int64] = []
        for try await id in rows.decode(Int64.self) { requeued.append(id) }
        return requeued.sorted()
    }

    public func auditTrail(for key: OrderKey) async throws -> [AuditEntry] {
        let rows = try await database.client.query("""
            SELECT at, user_name, action, outcome FROM team_audit WHERE id_channel = \(Int64(key.idChannel)) AND id_order = \(key.idOrder)
            ORDER BY at DESC, id DESC
            """, logger: logger)
        var trail: [AuditEntry] = []
        for try await (at, user, action, outcome) in rows.decode((Double, String, String, String).self) {
            trail.append(AuditEntry(at: Date(timeIntervalSince1970: at), user: user, key: key, action: action, outcome: outcome))
        }
        return trail
    }

    // MARK: Who sends

    public func claim(logger: Logger) async -> OutboxClaim? {
        do {
            return OutboxClaim(entries: try await claimLanes()) {}
        } catch {
            logger.error("team outbox: cannot claim entries: \(TeamDatabase.reason(error))")
            return nil
        }
    }

    /// Leases the lanes whose first unfinished entry is this process's or nobody's any more, and
    /// returns, per lane, the entries held here up to the first that is not (a colleague's
    /// later change of the same order waits for its own sender).
    func claimLanes() async throws -> [OutboxEntry] {
        let owner = self.owner, lease = leaseSeconds, logger = self.logger
        let rows: [(lane: String, holder: String?, entry: OutboxEntry)] = try await database.transaction { connection in
            let heads = try await connection.query("""
                SELECT o.lane FROM team_outbox o
                WHERE o.state IN ('queued', 'sending')
                    AND NOT EXISTS (SELECT 1 FROM team_outbox e WHERE e.lane = o.lane AND e.state IN ('queued', 'sending') AND e.id < o.id)
                    AND (o.lease_owner = \(owner) OR o.lease_owner IS NULL OR o.lease_until < EXTRACT(EPOCH FROM clock_timestamp())::float8)
                ORDER BY o.id LIMIT \(Int64(Self.lanesPerClaim))
                FOR UPDATE SKIP LOCKED
                """, logger: logger)
            var lanes: [String] = []
            for try await lane in heads.decode(String.self) { lanes.append(lane) }
            guard !lanes.isEmpty else { return [] }
            try await connection.query("""
                UPDATE team_outbox SET lease_owner = \(owner), lease_until = EXTRACT(EPOCH FROM clock_timestamp())::float8 + \(lease)
                WHERE lane = ANY(\(lanes)::text[]) AND state IN ('queued', 'sending')
                    AND (lease_owner = \(owner) OR lease_owner IS NULL OR lease_until < EXTRACT(EPOCH FROM clock_timestamp())::float8)
                """, logger: logger)
            let open = try await connection.query("""
                SELECT lane, lease_owner, \(unescaped: Self.columns) FROM team_outbox
                WHERE lane = ANY(\(lanes)::text[]) AND state IN ('queued', 'sending') ORDER BY id
                """, logger: logger)
            var result: [(lane: String, holder: String?, entry: OutboxEntry)] = []
            for try await row in open {
                let (lane, holder) = try row.decode((String, String?).self)
                result.append((lane, holder, try Self.entry(row, offset: 2)))
            }
            return result
        }
        var stopped: Set<String> = []
        var held: [OutboxEntry] = []
        for row in rows {
            if stopped.contains(row.lane) { continue }
            if row.holder == owner { held.append(row.entry) } else { stopped.insert(row.lane) }
        }
        return held
    }

    public func isBeingSent() async -> Bool {
        await answersYes("""
            SELECT EXISTS (SELECT 1 FROM team_outbox WHERE state = 'sending' AND lease_until >= EXTRACT(EPOCH FROM clock_timestamp())::float8)
            """)
    }

    public func hasOwnEntriesWaiting() async -> Bool {
        await answersYes("SELECT EXISTS (SELECT 1 FROM team_outbox WHERE queued_by = \(owner) AND state IN ('queued', 'sending'))")
    }

    /// A one-boolean query's answer; false when the database cannot say.
    private func answersYes(_ query: PostgresQuery) async -> Bool {
        guard let answers = try? await database.client.query(query, logger: logger).collect(), let first = answers.first else { return false }
        return (try? first.decode(Bool.self)) ?? false
    }

    public var takeoverInterval: Duration? { .seconds(leaseSeconds / 2) }

    // MARK: Live

    /// The NOTIFY channel: `<entry id> <lease holder>` after every queueing and move, delivered
    /// when the transaction commits.
    static let channel = "orderdesk_outbox"

    private static func notify(_ id: Int64, by owner: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_notify(\(channel), \("\(id) \(owner)"))", logger: logger)
    }

    /// Entries colleagues queued or moved, by id, as they happen (this process's own are
    /// told by its worker). Listens again after a lost connection until the stream is dropped.
    public func colleagueChanges() -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(1_024))
        let database = self.database, owner = self.owner, logger = self.logger
        let task = Task {
            while !Task.isCancelled {
                do {
                    try await database.listen(on: Self.channel) { payload in
                        let parts = payload.split(separator: " ", maxSplits: 1)
                        guard parts.count == 2, parts[1] != owner, let id = Int64(parts[0]) else { return }
                        continuation.yield(id)
                    }
                } catch {
                    if !Task.isCancelled { logger.info("team outbox: listening stopped (\(TeamDatabase.reason(error))); trying again") }
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: Rows

    private static func audit(_ keys: [OrderKey], orNone: Bool, at: Double, user: String, action: String, outcome: String,
                              on connection: PostgresConnection, logger: Logger) async throws {
        var targets: [OrderKey?] = keys
        if keys.isEmpty, orNone { targets = [nil] }
        for key in targets {
            try await connection.query("""
                INSERT INTO team_audit (at, user_name, id_channel, id_order, action, outcome)
                VALUES (\(at), \(user), \(key.map { Int64($0.idChannel) }), \(key?.idOrder), \(action), \(outcome))
                """, logger: logger)
        }
    }

    private static func entries(_ rows: PostgresRowSequence) async throws -> [OutboxEntry] {
        var result: [OutboxEntry] = []
        for try await row in rows { result.append(try entry(row, offset: 0)) }
        return result
    }

    /// `columns`, starting at `offset`.
    private static func entry(_ row: PostgresRow, offset: Int) throws -> OutboxEntry {
        let cells = row.makeRandomAccess()
        let id = try cells[offset].decode(Int64.self)
        let payload = try cells[offset + 1].decode(String.self)
        let stateText = try cells[offset + 2].decode(String.self)
        guard let state = OutboxState(rawValue: stateText) else {
            throw OrderStoreError.corruptRow(table: "team_outbox", detail: "entry \(id): unknown state \(stateText)")
        }
        let request: OutboxRequest
        do { request = try JSONDecoderFactory.make().decode(OutboxRequest.self, from: Data(payload.utf8)) } catch {
            throw OrderStoreError.corruptRow(table: "team_outbox", detail: "entry \(id): \(error)")
        }
        return OutboxEntry(
            id: id, request: request, state: state, attempts: Int(try cells[offset + 3].decode(Int32.self)),
            createdAt: Date(timeIntervalSince1970: try cells[offset + 4].decode(Double.self)),
            updatedAt: Date(timeIntervalSince1970: try cells[offset + 5].decode(Double.self)),
            lastError: try cells[offset + 6].decode(String?.self), response: try cells[offset + 7].decode(String?.self),
            user: try cells[offset + 8].decode(String.self),
            startsFrom: try cells[offset + 9].decode(String?.self).map(OrderStatus.init(rawValue:)),
            started: try cells[offset + 10].decode(Bool.self))
    }
}

public enum TeamOutboxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// This process stalled past its lease and another member took the entry over.
    case leaseLost(id: Int64, holder: String)
    /// The team's database cannot be reached: nothing was queued.
    case unreachable(String)

    public var description: String {
        switch self {
        case .leaseLost(let id, _): "outbox entry \(id) was taken over by another OrderDesk of the team after this one's lease ran out"
        case .unreachable(let reason):
            "the team database cannot be reached (\(reason)): the change was not queued and nothing was sent: make it again once the database is back"
        }
    }
}

extension TeamOutbox {
    public var isInStore: Bool { false }

    public func unsentEntries(for keys: [OrderKey]) async throws -> [OutboxEntry] {
        guard !keys.isEmpty else { return [] }
        let channels = keys.map { Int64($0.idChannel) }, orders = keys.map(\.idOrder)
        let unsent = [OutboxState.queued, .sending].map(\.rawValue)
        return try await Self.entries(try await database.client.query("""
            SELECT \(unescaped: Self.columns) FROM team_outbox
            WHERE (id_channel, id_order) IN (SELECT * FROM UNNEST(\(channels)::bigint[], \(orders)::text[]))
            AND state = ANY(\(unsent)::text[]) ORDER BY id
            """, logger: logger))
    }

    public func newestStates(for keys: [OrderKey]?) async throws -> [OrderKey: OutboxState] {
        let filter: PostgresQuery
        if let keys {
            guard !keys.isEmpty else { return [:] }
            let channels = keys.map { Int64($0.idChannel) }, orders = keys.map(\.idOrder)
            filter = """
                SELECT DISTINCT ON (o.id_channel, o.id_order) o.id_channel, o.id_order, o.state FROM team_outbox o
                JOIN UNNEST(\(channels)::bigint[], \(orders)::text[]) AS k(c, i) ON o.id_channel = k.c AND o.id_order = k.i
                ORDER BY o.id_channel, o.id_order, o.id DESC
                """
        } else {
            filter = """
                SELECT DISTINCT ON (id_channel, id_order) id_channel, id_order, state FROM team_outbox WHERE id_order IS NOT NULL
                ORDER BY id_channel, id_order, id DESC
                """
        }
        var states: [OrderKey: OutboxState] = [:]
        for try await (channel, order, state) in try await database.client.query(filter, logger: logger).decode((Int64, String, String).self) {
            states[OrderKey(idChannel: Int(channel), idOrder: order)] = OutboxState(rawValue: state)
        }
        return states
    }
}
