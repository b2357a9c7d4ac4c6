import Foundation
import Logging

/// Where changes wait to be sent, with their audit trail: the profile's SQLite store
/// (`LocalOutboxQueue`) or, in team mode, the team's PostgreSQL (`TeamOutbox`), so any member can
/// finish what another started. One contract; `OutboxQueueContract` tests both.
///
/// States and moves are the same everywhere (`OutboxState.allowedSources`); see docs/outbox.md.
public protocol OutboxQueue: Sendable {
    /// Writes every request and its audit rows at once: all of them or none (an invalid request
    /// refuses the whole batch with the vendor's text).
    func enqueue(_ requests: [OutboxRequest], user: String, at: Date) async throws -> [OutboxEntry]
    /// Oldest first; every state when `states` is nil.
    func entries(states: Set<OutboxState>?, limit: Int?) async throws -> [OutboxEntry]
    func count(states: Set<OutboxState>) async throws -> Int
    func entry(id: Int64) async throws -> OutboxEntry?

    func markSending(id: Int64, at: Date) async throws
    func markSent(id: Int64, at: Date, response: String, attempts: Int) async throws
    func markFailed(id: Int64, at: Date, reason: String, attempts: Int) async throws
    func markRefused(id: Int64, at: Date, reason: String, attempts: Int) async throws
    /// Failed and interrupted entries go back to queued; returns those that did.
    func requeue(ids: [Int64]) async throws -> [Int64]

    /// Who asked for what on this order, newest first.
    func auditTrail(for key: OrderKey) async throws -> [AuditEntry]
    /// The entries of these orders not yet sent (queued or sending), whoever queued them,
    /// oldest first: what the change dialog warns of.
    func unsentEntries(for keys: [OrderKey]) async throws -> [OutboxEntry]
    /// The state of each order's newest entry (the list's outbox column); every order with one
    /// when `keys` is nil.
    func newestStates(for keys: [OrderKey]?) async throws -> [OrderKey: OutboxState]
    /// The store's summaries already carry `newestStates` (the embedded outbox is in the same file).
    var isInStore: Bool { get }

    /// The queued and interrupted entries this process may send now, oldest first, held until
    /// `release`. Nil when cancelled while waiting.
    func claim(logger: Logger) async -> OutboxClaim?
    /// Something sends the queue now: this process or another.
    func isBeingSent() async -> Bool
    /// Entries enqueued here and not yet confirmed or refused, that this process cannot send
    /// now because another's earlier change of the same order is ahead of them.
    func hasOwnEntriesWaiting() async -> Bool
    /// How often to look for work nobody is doing (a member that died holding entries); nil
    /// when nobody else can leave any.
    var takeoverInterval: Duration? { get }
}

/// Entries a worker may send, and what ends its hold on them.
public struct OutboxClaim: Sendable {
    public var entries: [OutboxEntry]
    let releaseHold: @Sendable () async -> Void

    public init(entries: [OutboxEntry], release: @escaping @Sendable () async -> Void) {
        self.entries = entries
        self.releaseHold = release
    }

    public func release() async { await releaseHold() }
}

extension OutboxQueue {
    public func entries(states: Set<OutboxState>? = nil) async throws -> [OutboxEntry] {
        try await entries(states: states, limit: nil)
    }
}
