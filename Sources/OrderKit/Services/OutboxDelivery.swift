import Foundation
import Logging

/// Sends one outbox entry so that the server sees it exactly once, however often it is tried.
/// The reasoning is in `docs/outbox.md`; in short:
/// - status PUT: idempotent (same status again is a no-op); a resend refused because the order
///   moved on is checked with a GET and counts as sent when the order is at or past the target.
/// - outbound POST: not idempotent; before posting again after an attempt whose outcome is
///   unknown, list the order's records and look for ours by `orderdesk_request_id`.
/// - BRIDGE: 1021 (already in that state) on a resend is success.
/// - Datacrush: an upsert, resent freely.
struct OutboxDelivery: Sendable {
    static let requestIdField = "orderdesk_request_id"

    let yuju: YujuClient
    let bridge: BridgeClient?
    let datacrush: DatacrushClient?
    let bridgeSettings: BridgeSettings?
    let store: OrderStore
    let retry: RetryPolicy
    let logger: Logger

    enum Outcome: Sendable {
        case sent(String)
        /// Transient, or the outcome is unknown: may be retried (checking first).
        case failed(String)
        /// Final: the vendor refused it, or it no longer applies.
        case refused(String)

        init(_ error: ClientError) {
            self = error.isRefusal ? .refused(error.description) : .failed(error.description)
        }
    }

    /// `previouslyAttempted`: an earlier attempt (another run, or before a crash) may have landed.
    func deliver(_ entry: OutboxEntry, user: String, now: @Sendable () -> Date) async throws -> Outcome {
        let previouslyAttempted = entry.started || entry.attempts > 0
        switch entry.request {
        case .status(let change, let mirror):
            if let held = try await recheck(change, startsFrom: entry.startsFrom, mirror: mirror, user: user, now: now) { return held }
            return try await deliverStatus(change, mirror: mirror, resend: previouslyAttempted, user: user, now: now)
        case .outbound(let key, let outbound, let requestId):
            return try await deliverOutbound(key, outbound, requestId: requestId, checkFirst: previouslyAttempted)
        case .outboundUpdate(let key, let pk, let outbound):
            return try await capture {
                let record = try await yuju.updateOutbound(key, pk: pk, outbound)
                try store.upsertOutbound(record)
                return "updated \(record.orderIntExternalPk)"
            }
        case .bridge(let change):
            return try await deliverBridge(change, resend: previouslyAttempted)
        case .datacrush(let orders, _):
            guard let datacrush else { return .failed(ClientError.notConfigured("[datacrush]").description) }
            return try await capture {
                try await datacrush.push(orders)
                return "success (\(orders.count) order\(orders.count == 1 ? "" : "s"))"
            }
        }
    }

    // MARK: Status

    /// A change whose order moved on since it was queued (the cache no longer shows its items
    /// where it expected them: someone else changed it, or a report or refresh brought news) is
    /// checked against the server's order first. Nil: send it. Otherwise what became of it,
    /// without sending: already there, or held because it no longer applies.
    private func recheck(_ change: StatusChangeRequest, startsFrom: OrderStatus?, mirror: Bool, user: String, now: @Sendable () -> Date) async throws -> Outcome? {
        guard let startsFrom, let cached = try store.order(change.key),
              cached.order.startingStatus(for: change.idItems) != startsFrom
        else { return nil }
        let current: FetchedOrder
        do {
            current = try await Self.uncounted { try await yuju.order(change.key) }
        } catch let error as ClientError {
            return .failed(error.description)
        }
        try store.upsertOrders([StoredOrder(order: current.order, raw: current.raw)])
        switch change.fit(current.order) {
        case .allowed:
            return nil
        case .reached:
            try confirmStatus(change, mirror: mirror, user: user, now: now, storeChange: false)
            return .sent(OutboxText.alreadyThere(current.order.startingStatus(for: change.idItems)))
        case .notAllowed(let status):
            return .refused(OutboxText.held(expected: startsFrom, now: status, target: change.status))
        }
    }

    private func deliverStatus(_ change: StatusChangeRequest, mirror: Bool, resend: Bool, user: String, now: @Sendable () -> Date) async throws -> Outcome {
        let tracker = AttemptTracker.current ?? AttemptTracker()
        do {
            let answer = try await AttemptTracker.$current.withValue(tracker) { try await yuju.changeStatus(change) }
            try confirmStatus(change, mirror: mirror, user: user, now: now)
            return .sent(answer.message)
        } catch let error as ClientError {
            // A refusal to a resend may mean the first attempt landed and the order moved on.
            if case .rejected(.yuju, _, 400, _, _) = error, resend || tracker.uncertainAttempts > 0 {
                if let current = try? await Self.uncounted({ try await yuju.order(change.key) }), change.fit(current.order) == .reached {
                    try store.upsertOrders([StoredOrder(order: current.order, raw: current.raw)])
                    try confirmStatus(change, mirror: mirror, user: user, now: now, storeChange: false)
                    return .sent(OutboxText.alreadyThere(current.order.status))
                }
            }
            return Outcome(error)
        }
    }

    private func confirmStatus(_ change: StatusChangeRequest, mirror: Bool, user: String, now: @Sendable () -> Date, storeChange: Bool = true) throws {
        if storeChange { try store.applyStatusChange(change) }
        // The mirror goes to the outbox before this entry is marked sent: a crash in between
        // resends the (idempotent) PUT and enqueues the mirror then.
        if mirror, let bridgeSettings, let mirrored = bridgeSettings.mirror(of: change.key, to: change.status) {
            _ = try store.enqueue([.bridge(mirrored)], user: user, at: now())
        }
    }

    // MARK: Outbound

    private func deliverOutbound(_ key: OrderKey, _ outbound: OutboundRequest, requestId: String, checkFirst: Bool) async throws -> Outcome {
        var outbound = outbound
        var extra = outbound.extra ?? [:]
        extra[Self.requestIdField] = .string(requestId)
        outbound.extra = extra
        var attempt = 0
        var mustCheck = checkFirst
        while true {
            attempt += 1
            do {
                if mustCheck, let existing = try await findOutbound(key, requestId: requestId) {
                    try store.upsertOutbound(existing)
                    return .sent("already created: \(existing.orderIntExternalPk)")
                }
                let record = try await yuju.createOutbound(key, outbound)
                try store.upsertOutbound(record)
                return .sent("created \(record.orderIntExternalPk)")
            } catch let error as ClientError {
                guard error.outcomeUnknown, case .backoff(let delay) = retry.decide(error, attempt: attempt, rateLimitWaits: 0) else {
                    return Outcome(error)
                }
                logger.debug("outbound for \(key): outcome unknown (\(error)); checking before posting again")
                mustCheck = true
                try await retry.clock.sleep(delay)
            }
        }
    }

    private func findOutbound(_ key: OrderKey, requestId: String) async throws -> OutboundRecord? {
        try await Self.uncounted { try await yuju.listOutbounds(key) }.first { $0.extra?[Self.requestIdField]?.stringValue == requestId }
    }

    // MARK: BRIDGE

    private func deliverBridge(_ change: BridgeChangeRequest, resend: Bool) async throws -> Outcome {
        guard let bridge else { return .failed(ClientError.notConfigured("[bridge]").description) }
        let tracker = AttemptTracker.current ?? AttemptTracker()
        do {
            let answer = try await AttemptTracker.$current.withValue(tracker) { try await bridge.changeState(change) }
            return .sent(answer.message)
        } catch let error as ClientError {
            if error.vendorCode == BridgeAck.sameState, resend || tracker.uncertainAttempts > 0 {
                return .sent("already \(change.orderState) (1021 on a resend)")
            }
            return Outcome(error)
        }
    }

    /// A check (a GET) is not an attempt of the change: kept out of its request count.
    private static func uncounted<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await AttemptTracker.$current.withValue(nil) { try await body() }
    }

    private func capture(_ body: () async throws -> String) async throws -> Outcome {
        do { return .sent(try await body()) } catch let error as ClientError { return Outcome(error) }
    }
}

/// OrderDesk's own words for outcomes no vendor text covers; kept in the entry's response or
/// reason, and shown by the CLI and the TUI.
public enum OutboxText {
    public static func alreadyThere(_ status: OrderStatus) -> String { "already \(status) on the server" }
    /// Prefix of a change held because it no longer applied (nothing was sent).
    public static let heldPrefix = "held: "
    public static func held(expected: OrderStatus, now: OrderStatus, target: OrderStatus) -> String {
        "\(heldPrefix)the order moved from \(expected) to \(now) since this change was queued; → \(target) no longer applies, nothing sent"
    }
}
