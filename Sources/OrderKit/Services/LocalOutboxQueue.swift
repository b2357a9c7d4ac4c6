import Foundation
import Logging

/// The embedded outbox: the profile's SQLite store, drained by one process at a time under the
/// profile's `OutboxLock`.
public struct LocalOutboxQueue: OutboxQueue {
    let store: OrderStore

    public init(_ store: OrderStore) { self.store = store }

    public func enqueue(_ requests: [OutboxRequest], user: String, at: Date) async throws -> [OutboxEntry] {
        try store.enqueue(requests, user: user, at: at)
    }
    public func entries(states: Set<OutboxState>?, limit: Int?) async throws -> [OutboxEntry] {
        try store.outboxEntries(states: states, limit: limit)
    }
    public func count(states: Set<OutboxState>) async throws -> Int { try store.outboxCount(states: states) }
    public func entry(id: Int64) async throws -> OutboxEntry? { try store.outboxEntry(id: id) }

    public func markSending(id: Int64, at: Date) async throws { try store.markSending(id: id, at: at) }
    public func markSent(id: Int64, at: Date, response: String, attempts: Int) async throws {
        try store.markSent(id: id, at: at, response: response, attempts: attempts)
    }
    public func markFailed(id: Int64, at: Date, reason: String, attempts: Int) async throws {
        try store.markFailed(id: id, at: at, reason: reason, attempts: attempts)
    }
    public func markRefused(id: Int64, at: Date, reason: String, attempts: Int) async throws {
        try store.markRefused(id: id, at: at, reason: reason, attempts: attempts)
    }
    public func requeue(ids: [Int64]) async throws -> [Int64] { try store.requeue(ids: ids) }

    public func auditTrail(for key: OrderKey) async throws -> [AuditEntry] { try store.auditTrail(for: key) }
    public func unsentEntries(for keys: [OrderKey]) async throws -> [OutboxEntry] {
        try store.outboxEntries(for: keys, states: [.queued, .sending])
    }
    public func newestStates(for keys: [OrderKey]?) async throws -> [OrderKey: OutboxState] {
        let rows = try keys.map { try store.summaries(for: $0) } ?? store.allSummaries()
        return Dictionary(rows.compactMap { row in row.outboxState.map { (row.key, $0) } }, uniquingKeysWith: { $1 })
    }
    public var isInStore: Bool { true }

    /// Waits for the profile's lock, then reads the queue: what another process sent meanwhile
    /// is seen as sent.
    public func claim(logger: Logger) async -> OutboxClaim? {
        guard let lock = await OutboxLock.acquire(for: store.path, logger: logger) else { return nil }
        do {
            return OutboxClaim(entries: try store.outboxEntries(states: [.queued, .sending])) { lock.release() }
        } catch {
            lock.release()
            logger.error("outbox: cannot read the queue: \(error)")
            return nil
        }
    }

    public func isBeingSent() async -> Bool { OutboxLock.isHeld(for: store.path) }
    /// One process drains the whole queue: nothing of its own waits behind another's.
    public func hasOwnEntriesWaiting() async -> Bool { false }
    public var takeoverInterval: Duration? { nil }
}
