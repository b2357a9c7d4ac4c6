import Foundation
import Logging

/// Sends one outbox entry so that the server sees it exactly once, however often it is tried.
/// The reasoning is in `docs/outbox.md`; in short:
/// - status PUT: idempotent (same status again is a no-op); a resend refused because the order
///   moved on is checked with a GET and counts as sent when the order is at or past the target.
/// - outbound POST: not idempotent; before posting again after an attempt whose outcome is
///   unknown, list the order's records and look for ours by `orderdesk_request_id`. Without
///   that list (404/405) post once more unchecked, then leave it to the operator.
/// - outbound PUT: replaces the record by its pk, idempotent: resent freely.
/// - BRIDGE: 1021 (already in that state) on a resend is success.
/// - Datacrush: an upsert, resent freely.
struct OutboxDelivery: Sendable {
    static let requestIdField = Assumed.outboundRequestIdField

    let yuju: YujuClient
    let bridge: BridgeClient?
    let datacrush: DatacrushClient?
    let bridgeSettings: BridgeSettings?
    let store: OrderStore
    /// Where a BRIDGE mirror is queued: the same outbox as the change it follows.
    let queue: any OutboxQueue
    let retry: RetryPolicy
    let watcher: BridgeApplyWatcher
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
            // The mirror's notes name who asked for the change, not who happens to send it.
            let mirror = mirror ? BridgeMirrorNotes.text(for: change, from: entry.startsFrom, user: entry.user) : nil
            if let held = try await recheck(change, startsFrom: entry.startsFrom, mirror: mirror, entryId: entry.id, user: user, now: now) { return held }
            return try await deliverStatus(change, mirror: mirror, entryId: entry.id, resend: previouslyAttempted, user: user, now: now)
        case .outbound(let key, let outbound, let requestId):
            return try await deliverOutbound(key, outbound, requestId: requestId, checkFirst: previouslyAttempted)
        case .outboundUpdate(let key, let pk, let outbound):
            return try await capture {
                let record = try await yuju.updateOutbound(key, pk: pk, outbound)
                try store.upsertOutbound(record)
                return "updated \(record.orderIntExternalPk)"
            }
        case .bridge(let change):
            return try await deliverBridge(change, entryId: entry.id, resend: previouslyAttempted, user: user, now: now)
        case .datacrush(let orders, let keys):
            guard let datacrush else { return .failed(ClientError.notConfigured("[datacrush]").description) }
            return try await deliverDatacrush(orders, keys: keys, datacrush)
        }
    }

    // MARK: Datacrush

    /// Datacrush stores nothing of a batch it refuses. When its `error_list` names the orders
    /// at fault, the others are sent again without them, and each refused order keeps its reason.
    private func deliverDatacrush(_ orders: [DatacrushOrder], keys: [OrderKey], _ datacrush: DatacrushClient) async throws -> Outcome {
        func success(_ count: Int) -> String { "success (\(count) order\(count == 1 ? "" : "s"))" }
        do {
            try await datacrush.push(orders)
            return .sent(success(orders.count))
        } catch let refusal as DatacrushRefusal {
            let names = Dictionary(zip(orders.map(\.id), keys.map(\.description)), uniquingKeysWith: { first, _ in first })
            let refused = orders.filter { !refusal.reasons(forOrder: $0.id).isEmpty }
            let reasons = refused.map { "\(names[$0.id] ?? "Datacrush id \($0.id)"): \(refusal.reasons(forOrder: $0.id).joined(separator: "; "))" }
                + refusal.listed.filter { $0.orderId.map { names[$0] == nil } ?? true }.map(\.message)
            let refusedText = "Datacrush refused " + reasons.joined(separator: " · ")
            let rest = orders.filter { refusal.reasons(forOrder: $0.id).isEmpty }
            guard !refused.isEmpty, !rest.isEmpty else { return .refused("\(refusedText) (\(refusal.code) \(refusal.message))") }
            return try await capture {
                try await datacrush.push(rest)
                return "\(success(rest.count)); \(refusedText)"
            }
        } catch let error as ClientError {
            return Outcome(error)
        }
    }

    // MARK: Status

    /// A change whose order moved on since it was queued (the cache no longer shows its items
    /// where it expected them: someone else changed it, or a report or refresh brought news) is
    /// checked against the server's order first. Nil: send it. Otherwise what became of it,
    /// without sending: already there, or held because it no longer applies.
    private func recheck(_ change: StatusChangeRequest, startsFrom: OrderStatus?, mirror: String?, entryId: Int64, user: String, now: @Sendable () -> Date) async throws -> Outcome? {
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
            let mirrored = try await confirmStatus(change, mirror: mirror, entryId: entryId, user: user, now: now, storeChange: false)
            return .sent(OutboxText.alreadyThere(current.order.startingStatus(for: change.idItems)) + mirrored)
        case .notAllowed(let status):
            return .refused(OutboxText.held(expected: startsFrom, now: status, target: change.status))
        }
    }

    private func deliverStatus(_ change: StatusChangeRequest, mirror: String?, entryId: Int64, resend: Bool, user: String, now: @Sendable () -> Date) async throws -> Outcome {
        let tracker = AttemptTracker.current ?? AttemptTracker()
        do {
            let answer = try await AttemptTracker.$current.withValue(tracker) { try await yuju.changeStatus(change) }
            let mirrored = try await confirmStatus(change, mirror: mirror, entryId: entryId, user: user, now: now)
            return .sent(answer.message + mirrored)
        } catch let error as ClientError {
            // A refusal to a resend may mean the first attempt landed and the order moved on;
            // an answer with no known outcome (an unexpected 2xx body, a 5xx or a timeout after
            // the retries) may hide a change that landed. Both are checked with the order.
            let refusedResend: Bool
            if case .rejected(.yuju, _, 400, _, _) = error { refusedResend = resend || tracker.uncertainAttempts > 0 } else { refusedResend = false }
            if refusedResend || error.outcomeUnknown {
                if let current = try? await Self.uncounted({ try await yuju.order(change.key) }), change.fit(current.order) == .reached {
                    try store.upsertOrders([StoredOrder(order: current.order, raw: current.raw)])
                    let mirrored = try await confirmStatus(change, mirror: mirror, entryId: entryId, user: user, now: now, storeChange: false)
                    return .sent(OutboxText.alreadyThere(current.order.status) + mirrored)
                }
            }
            return Outcome(error)
        }
    }

    /// Applies a change Yuju confirmed to the cache and, when asked (`mirror`: the notes for
    /// BRIDGE), mirrors it. Returns what
    /// became of the mirror for the entry's answer (` · BRIDGE: queued`, ` · BRIDGE: not
    /// mirrored, 3 items still pending`), or "" without one.
    private func confirmStatus(_ change: StatusChangeRequest, mirror: String?, entryId: Int64, user: String, now: @Sendable () -> Date, storeChange: Bool = true) async throws -> String {
        if storeChange { try store.applyStatusChange(change) }
        guard let notes = mirror else { return "" }
        return " · " + (try await mirrorToBridge(change, notes: notes, entryId: entryId, user: user, now: now))
    }

    /// Mirrors a change Yuju confirmed, when it leaves every item of the order in the target
    /// status (`BridgeMirrorScope`, decided from the cached order the change was just applied
    /// to). The mirror goes to the outbox before the Yuju entry is marked sent: a crash in between
    /// resends the (idempotent) PUT and finds the mirror already recorded. Returns the outcome
    /// text for the operator, e.g. `BRIDGE: queued` or `BRIDGE: not mirrored, 3 items still pending`.
    private func mirrorToBridge(_ change: StatusChangeRequest, notes: String, entryId: Int64, user: String, now: @Sendable () -> Date) async throws -> String {
        // Refused when the change was asked for; a config edited since then still says why.
        if let refusal = BridgeMirrorGate(settings: bridgeSettings).refusal(for: [change]) { return "BRIDGE: \(refusal)" }
        guard let bridgeSettings, var mirrored = bridgeSettings.mirror(of: change.key, to: change.status),
              let target = BridgeState(rawValue: mirrored.orderState), let channel = mirrored.channel
        else { return "BRIDGE: \(BridgeMirrorRefusal.notConfigured)" }
        let order = try await cachedOrFetched(change.key)
        let scope = order.map { BridgeMirrorScope.of($0, target: change.status) }
        guard scope == .wholeOrder else {
            let reason = scope?.notMirroredText ?? "not mirrored: the order could not be read to tell whether every item changed"
            // A decision recorded before a crash stands.
            return try store.recordBridgeMirror(change.key, statusEntryId: entryId, channel: channel, target: target, state: .notMirrored, detail: reason, user: user, at: now()).record.outcomeText
        }
        let (record, isNew) = try store.recordBridgeMirror(change.key, statusEntryId: entryId, channel: channel, target: target, state: .queued, user: user, at: now())
        // Queued unless a crash left it recorded and queued already.
        if isNew || (record.state == .queued && record.bridgeEntryId == nil) {
            // The queue may hold it although the record does not say so: a crash between the two
            // writes below, or, in team mode, a colleague that died holding this change (the
            // queue is the team's, the record this machine's): a change to the same BRIDGE state
            // in this lane, queued after this change, is its mirror (or does the same).
            let lane = OutboxRequest.bridge(mirrored).lane ?? ""
            let queuedAlready = try await queue.entries(inLane: lane, after: entryId).first {
                if case .bridge(let queued) = $0.request { return queued.orderState == mirrored.orderState }
                return false
            }
            if let queued = queuedAlready {
                try store.attachBridgeEntry(recordId: record.id, entryId: queued.id)
                // Sent before this process knew of it: the record says what BRIDGE answered.
                if let current = try await queue.entry(id: queued.id), current.state == .sent {
                    try await recordMirrorSent(record.id, message: current.response ?? "", user: user, at: now())
                    return "BRIDGE: sent"
                }
                return "BRIDGE: queued"
            }
            mirrored.notes = notes
            let entry = try await queue.enqueue([.bridge(mirrored)], user: user, at: now())[0]
            try store.attachBridgeEntry(recordId: record.id, entryId: entry.id)
            return "BRIDGE: queued"
        }
        return record.outcomeText
    }

    /// The order as the cache has it after the change; read from Yuju when it is not cached
    /// (a CLI change without a report run), since the decision needs every item.
    private func cachedOrFetched(_ key: OrderKey) async throws -> YujuOrder? {
        if let stored = try store.order(key) { return stored.order }
        guard let fetched = try? await yuju.order(key) else { return nil }
        try store.upsertOrders([StoredOrder(order: fetched.order, raw: fetched.raw)])
        return fetched.order
    }

    // MARK: Outbound

    /// Posts the record once; after an attempt whose outcome is unknown, looks for it by its
    /// request id before posting again. When the list to look in is missing (404/405), posts at
    /// most `Assumed.outboundUncheckedPostsPerDelivery` times unchecked, then fails with the
    /// reason so the operator decides (`docs/outbox.md`).
    private func deliverOutbound(_ key: OrderKey, _ outbound: OutboundRequest, requestId: String, checkFirst: Bool) async throws -> Outcome {
        var outbound = outbound
        var extra = outbound.extra ?? [:]
        extra[Self.requestIdField] = .string(requestId)
        outbound.extra = extra
        var attempt = 0
        var mustCheck = checkFirst
        var unchecked: (posts: Int, why: String)?
        while true {
            attempt += 1
            do {
                if mustCheck {
                    switch try await lookForOutbound(key, requestId: requestId) {
                    case .found(let existing):
                        try store.upsertOutbound(existing)
                        return .sent("already created: \(existing.orderIntExternalPk)")
                    case .absent:
                        break
                    case .cannotCheck(let why):
                        unchecked = ((unchecked?.posts ?? 0) + 1, why)
                    }
                }
                let record = try await yuju.createOutbound(key, outbound)
                try store.upsertOutbound(record)
                let note = unchecked.map { " · " + OutboxText.outboundPostedUnchecked($0.why) } ?? ""
                return .sent("created \(record.orderIntExternalPk)" + note)
            } catch let error as ClientError {
                guard error.outcomeUnknown, case .backoff(let delay) = retry.decide(error, attempt: attempt, rateLimitWaits: 0) else {
                    return Outcome(error)
                }
                if let unchecked, unchecked.posts >= Assumed.outboundUncheckedPostsPerDelivery {
                    return .failed(OutboxText.outboundUncheckedAgain(unchecked.why) + " (last attempt: \(error))")
                }
                logger.debug("outbound for \(key): outcome unknown (\(error)); checking before posting again")
                mustCheck = true
                try await retry.clock.sleep(delay)
            }
        }
    }

    private enum Lookup {
        case found(OutboundRecord)
        case absent
        /// The list endpoint is missing: why, for the operator.
        case cannotCheck(String)
    }

    /// Our record among the order's, by request id. Other failures of the list (a timeout, a
    /// 5xx) are thrown: the check is tried again like the post.
    private func lookForOutbound(_ key: OrderKey, requestId: String) async throws -> Lookup {
        do {
            let records = try await Self.uncounted { try await yuju.listOutbounds(key) }
            return records.first { $0.extra?[Self.requestIdField]?.stringValue == requestId }.map(Lookup.found) ?? .absent
        } catch let error as ClientError {
            guard let status = error.httpStatus, Assumed.outboundListMissingStatuses.contains(status) else { throw error }
            logger.info("outbound for \(key): cannot check for an earlier copy, GET /orders/outbounds answered \(status)")
            return .cannotCheck("GET /orders/outbounds answered \(status)")
        }
    }

    // MARK: BRIDGE

    /// BRIDGE took the mirror: its success message names the internalNumber, which the status
    /// query needs to see it applied.
    private func recordMirrorSent(_ recordId: Int64, message: String, user: String, at: Date) async throws {
        let number = BridgeText.internalNumber(inChangeMessage: message)
        try store.updateBridgeRecord(id: recordId, state: .sent, internalNumber: number, detail: message, checkedAt: nil, user: user, at: at)
        if number != nil { await watcher.watch(recordId) }
    }

    private func deliverBridge(_ change: BridgeChangeRequest, entryId: Int64, resend: Bool, user: String, now: @Sendable () -> Date) async throws -> Outcome {
        // A mirror has a record to move on; a change from `bridge set-state` has none. Read after
        // the answer: a mirror found already queued (see `mirrorToBridge`) may be attached to its
        // record while this is sent.
        guard let bridge else {
            let reason = ClientError.notConfigured("[bridge]").description
            if let record = try store.bridgeRecord(bridgeEntryId: entryId) { try store.updateBridgeRecord(id: record.id, state: .failed, detail: reason, checkedAt: nil, user: user, at: now()) }
            return .failed(reason)
        }
        let tracker = AttemptTracker.current ?? AttemptTracker()
        do {
            let answer = try await AttemptTracker.$current.withValue(tracker) { try await bridge.changeState(change) }
            if let record = try store.bridgeRecord(bridgeEntryId: entryId) {
                try await recordMirrorSent(record.id, message: answer.message, user: user, at: now())
            }
            return .sent(answer.message)
        } catch let error as ClientError {
            if error.vendorCode == BridgeAck.sameState, resend || tracker.uncertainAttempts > 0 {
                let text = "already \(change.orderState) (1021 on a resend)"
                if let record = try store.bridgeRecord(bridgeEntryId: entryId) { try store.updateBridgeRecord(id: record.id, state: .sent, detail: text, checkedAt: nil, user: user, at: now()) }
                return .sent(text)
            }
            if let record = try store.bridgeRecord(bridgeEntryId: entryId) {
                // BRIDGE's code and text as BRIDGE gave them (`1022: la orden no existe.`).
                let detail = error.vendorCode.map { "\($0): \(error.vendorMessage ?? "")" } ?? error.description
                try store.updateBridgeRecord(id: record.id, state: .failed, detail: detail, checkedAt: nil, user: user, at: now())
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
    /// A resend of an outbound record posted without the check for an earlier copy.
    public static func outboundPostedUnchecked(_ why: String) -> String {
        "posted again without checking for an earlier copy (\(why)); if the first post had landed this is a duplicate, with the same \(Assumed.outboundRequestIdField)"
    }
    /// The unchecked resend's outcome is unknown too: the operator decides whether to post again.
    public static func outboundUncheckedAgain(_ why: String) -> String {
        "outcome unknown and no way to check for an earlier copy (\(why)); not posted again automatically: queue retry posts it once more, which may make a duplicate"
    }
    public static func alreadyThere(_ status: OrderStatus) -> String { "already \(status) on the server" }
    /// Prefix of a change held because it no longer applied (nothing was sent).
    public static let heldPrefix = "held: "
    public static func held(expected: OrderStatus, now: OrderStatus, target: OrderStatus) -> String {
        "\(heldPrefix)the order moved from \(expected) to \(now) since this change was queued; → \(target) no longer applies, nothing sent"
    }
}
