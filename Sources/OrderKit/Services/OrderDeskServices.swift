import Foundation
import Logging

/// The operations the TUI and the CLI both call. Built from a config and a store; owns the one
/// HTTP transport, the clients, one pacer per limit, and the outbox worker.
public final class OrderDeskServices: Sendable {
    public let config: OrderDeskConfig
    public let store: OrderStore
    /// The outbox and its audit trail: the store's, or the team's in team mode.
    public let outbox: any OutboxQueue
    public let yuju: YujuClient
    public let bridge: BridgeClient?
    public let datacrush: DatacrushClient?
    public let yujuPacer: any RequestPacer
    public let bridgePacer: any RequestPacer
    public let datacrushPacer: any RequestPacer
    public let reportBudget: any ReportRunBudget
    public let redactor: Redactor
    /// The OS user, for the audit trail.
    public let user: String
    /// Every state change of every outbox entry.
    public let outboxEvents: Broadcaster<OutboxEvent>
    /// Progress of report runs.
    public let reportEvents = Broadcaster<ReportEvent>(buffer: 256)

    let transport: HTTPTransport
    let worker: OutboxWorker
    let bridgeWatcher: BridgeApplyWatcher
    let clock: WallClock
    let logger: Logger

    public struct Pacers: Sendable {
        public var yuju: any RequestPacer
        public var bridge: any RequestPacer
        public var datacrush: any RequestPacer
        public var report: (any ReportRunBudget)?
        public init(yuju: any RequestPacer, bridge: any RequestPacer, datacrush: any RequestPacer, report: (any ReportRunBudget)? = nil) {
            self.yuju = yuju
            self.bridge = bridge
            self.datacrush = datacrush
            self.report = report
        }
    }

    /// `pacers`: nil builds the embedded in-process ones from the config; a team mode passes
    /// coordinated ones. `outbox`: nil is the store's own; team mode passes the team's.
    public init(
        config: OrderDeskConfig, store: OrderStore, pacers: Pacers? = nil, outbox: (any OutboxQueue)? = nil, retry: RetryPolicy? = nil,
        clock: WallClock = .system, user: String = OSUser.name, logger: Logger = Logger(label: "orderdesk")
    ) {
        self.config = config
        self.store = store
        let outbox = outbox ?? LocalOutboxQueue(store)
        self.outbox = outbox
        self.clock = clock
        self.user = user
        self.logger = logger
        self.redactor = config.redactor
        let retry = retry ?? config.network.retryPolicy
        let transport = HTTPTransport(options: config.network.transportOptions, redactor: redactor, logger: logger)
        self.transport = transport
        // Every process of the profile paces from one schedule beside the state file.
        let schedules = store.path.flatMap { try? StoreSlotSchedules(beside: $0) }
        let yujuPacer = pacers?.yuju ?? IntervalPacer(kind: .yujuGeneral, perSecond: config.yuju.requestsPerSecond, clock: clock, shared: schedules)
        let bridgePacer = pacers?.bridge ?? IntervalPacer(kind: .bridge, perSecond: config.bridge?.requestsPerSecond ?? Assumed.bridgeRequestsPerSecond, clock: clock, shared: schedules)
        let datacrushPacer = pacers?.datacrush ?? IntervalPacer(
            kind: .datacrush, capacity: config.datacrush?.callsPerMinute ?? Assumed.datacrushCallsPerMinute, windowSeconds: 60, clock: clock, shared: schedules)
        self.yujuPacer = yujuPacer
        self.bridgePacer = bridgePacer
        self.datacrushPacer = datacrushPacer
        reportBudget = pacers?.report ?? ReportRunLedger(capacity: config.yuju.reportRunsPerDay, clock: clock) { [store] since in
            try store.reportRuns(since: since).filter(\.spendsBudget).map(\.requestedAt)
        }
        let yuju = YujuClient(settings: config.yuju, transport: transport, pacer: yujuPacer, retry: retry, logger: logger)
        let bridge = config.bridge.map { BridgeClient(settings: $0, transport: transport, pacer: bridgePacer, retry: retry, logger: logger) }
        let datacrush = config.datacrush.map { DatacrushClient(settings: $0, transport: transport, pacer: datacrushPacer, retry: retry, logger: logger) }
        self.yuju = yuju
        self.bridge = bridge
        self.datacrush = datacrush
        let events = Broadcaster<OutboxEvent>(buffer: 1024)
        outboxEvents = events
        let bridgeWatcher = BridgeApplyWatcher(bridge: bridge, store: store, clock: clock, user: user, logger: logger)
        self.bridgeWatcher = bridgeWatcher
        let delivery = OutboxDelivery(
            yuju: yuju, bridge: bridge, datacrush: datacrush, bridgeSettings: config.bridge, store: store, queue: outbox, retry: retry,
            watcher: bridgeWatcher, logger: logger)
        worker = OutboxWorker(queue: outbox, delivery: delivery, events: events, clock: clock, user: user, logger: logger)
    }

    /// Resumes what a previous run left unconfirmed (queued, or interrupted while sending).
    public func resumeOutbox() async {
        await worker.kick()
        await worker.startTakeoverPolling()
        await bridgeWatcher.resume()
    }

    /// Stops the worker (entries in flight stay `sending` and are resumed next time) and
    /// releases the HTTP client.
    public func shutdown() async {
        await worker.stop()
        await bridgeWatcher.stop()
        outboxEvents.finish()
        reportEvents.finish()
        await transport.shutdown()
    }

    // MARK: Outbox operations

    /// Validates every change (the vendor's texts), writes them all to the outbox in one
    /// transaction, then starts sending. Nothing is written when any change is invalid.
    @discardableResult
    public func changeStatus(_ changes: [StatusChangeRequest], mirrorToBridge: Bool = false) async throws -> [OutboxEntry] {
        for change in changes {
            do { try change.validate() } catch { throw ServiceError.invalidRow(change.key, error) }
        }
        // A mirror that could never be sent is refused now, with the reason, not dropped later.
        if mirrorToBridge, let refusal = bridgeMirrorGate.refusal(for: changes) { throw refusal }
        return try await enqueue(changes.map { .status($0, mirrorToBridge: mirrorToBridge) })
    }

    /// Queues a new outbound record for `key`; its request id travels in `extra` so a record
    /// created before a crash is recognised instead of posted twice.
    @discardableResult
    public func addOutbound(_ key: OrderKey, _ outbound: OutboundRequest) async throws -> OutboxEntry {
        do { try outbound.validate() } catch { throw ClientError.invalid(error) }
        let requestId = UUID().uuidString.lowercased()
        var outbound = outbound
        var extra = outbound.extra ?? [:]
        extra[OutboxDelivery.requestIdField] = .string(requestId)
        outbound.extra = extra
        return try await enqueue([.outbound(key, outbound, requestId: requestId)])[0]
    }

    /// Queues an update of record `pk` of `key` (PUT by `order_int_external_pk`). `outbound` is
    /// the whole body: the PUT replaces the record (`OutboundChange` builds it over the record
    /// as last seen). The record keeps its `orderdesk_request_id` (from the body, else the
    /// cached record); one OrderDesk never wrote gains a new one. A PUT is idempotent, so its
    /// resend needs no check.
    @discardableResult
    public func updateOutbound(_ key: OrderKey, pk: String, _ outbound: OutboundRequest) async throws -> OutboxEntry {
        guard !pk.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ClientError.invalid(ValidationFailure(.yuju, YujuText.outboundError, field: "order_int_external_pk"))
        }
        do { try outbound.validate() } catch { throw ClientError.invalid(error) }
        var outbound = outbound
        var extra = outbound.extra ?? [:]
        if extra[OutboxDelivery.requestIdField] == nil {
            let cached = try store.outbounds(for: key).first { $0.orderIntExternalPk == pk }
            extra[OutboxDelivery.requestIdField] = cached?.extra?[OutboxDelivery.requestIdField] ?? .string(UUID().uuidString.lowercased())
        }
        outbound.extra = extra
        return try await enqueue([.outboundUpdate(key, pk: pk, outbound)])[0]
    }

    /// Record `pk` as last seen: read again from Yuju (and cached) when it answers, else from
    /// the cache; nil when neither has it. `readError` says why Yuju could not be asked.
    public func outboundRecord(_ key: OrderKey, pk: String) async throws -> (record: OutboundRecord?, readError: String?) {
        do {
            return (try await outbounds(key).first { $0.orderIntExternalPk == pk }, nil)
        } catch let error as ClientError {
            return (try store.outbounds(for: key).first { $0.orderIntExternalPk == pk }, error.description)
        }
    }

    @discardableResult
    public func bridgeSetState(_ change: BridgeChangeRequest) async throws -> OutboxEntry {
        guard bridge != nil else { throw ClientError.notConfigured("[bridge] section") }
        do { _ = try change.validate() } catch { throw ClientError.invalid(error) }
        return try await enqueue([.bridge(change)])[0]
    }

    public struct DatacrushPlan: Sendable {
        public var entry: OutboxEntry?
        /// Orders left out, with the reason: not cached, or breaking a Datacrush rule (no items,
        /// no currency, no date).
        public var skipped: [(OrderKey, String)]
    }

    /// Maps cached orders to Datacrush orders (`Assumed.DatacrushIds`) and queues one push of
    /// those that keep Datacrush's rules; the others are in `skipped` with their reason.
    public func pushToDatacrush(_ keys: [OrderKey]) async throws -> DatacrushPlan {
        guard datacrush != nil else { throw ClientError.notConfigured("[datacrush] section") }
        var orders: [DatacrushOrder] = []
        var pushed: [OrderKey] = []
        var skipped: [(OrderKey, String)] = []
        for key in keys {
            guard let stored = try store.order(key) else {
                skipped.append((key, "not in the cache (run orders refresh first)"))
                continue
            }
            do {
                orders.append(try DatacrushOrder(yuju: stored.order))
                pushed.append(key)
            } catch { skipped.append((key, error.description)) }
        }
        guard !orders.isEmpty else { return DatacrushPlan(entry: nil, skipped: skipped) }
        return DatacrushPlan(entry: try await enqueue([.datacrush(orders, keys: pushed)])[0], skipped: skipped)
    }

    /// Puts failed or interrupted entries back in the queue (every one when `ids` is nil) and
    /// starts sending. Refused entries are final and never sent again. Returns the ids requeued.
    @discardableResult
    public func retry(ids: [Int64]? = nil) async throws -> [Int64] {
        var targets = ids ?? []
        if ids == nil { targets = try await outbox.entries(states: [.failed, .sending]).map(\.id) }
        let requeued = try await outbox.requeue(ids: targets)
        await worker.kick()
        return requeued
    }

    /// Whether anything is sending the outbox now: this process, or another on the same state
    /// file. An entry left `sending` while nothing sends it was interrupted.
    public func outboxIsBeingSent() async -> Bool {
        if await worker.isDraining { return true }
        return await outbox.isBeingSent()
    }

    /// Waits until the outbox has nothing queued or in flight.
    public func drainOutbox() async {
        await worker.drain()
    }

    /// Waits until every BRIDGE change being followed is seen applied or given up on (about a
    /// minute at most).
    public func settleBridgeChanges() async {
        await bridgeWatcher.settle()
    }

    private func enqueue(_ requests: [OutboxRequest]) async throws -> [OutboxEntry] {
        let entries = try await outbox.enqueue(requests, user: user, at: clock.now())
        for entry in entries { outboxEvents.publish(OutboxEvent(entry, state: .queued, at: clock.now())) }
        await worker.kick()
        return entries
    }

    // MARK: The list

    /// Every cached order as a list row, with the state of its newest change in the outbox in use.
    public func allSummaries() async throws -> [OrderSummary] {
        try await withOutboxStates(store.allSummaries(), for: nil)
    }

    /// The list as the TUI loads it: the store's list index and the rows written since, with the
    /// team's outbox states in team mode.
    public func openList() async throws -> OrderList {
        try await withOutboxStates(store.openList())
    }

    /// The same outbox column as `withOutboxStates(_:for:)`, set on the rows whose state differs:
    /// the index itself is left as written.
    public func withOutboxStates(_ list: OrderList) async throws -> OrderList {
        guard !outbox.isInStore else { return list }
        let states = try await outbox.newestStates(for: nil)
        let index = list.index
        var rows = Dictionary(list.changed.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for row in 0..<index.count where index.outboxState(row) != nil {
            let key = index.key(row)
            if rows[key] == nil, states[key] != index.outboxState(row) { rows[key] = index.summary(row) }
        }
        for key in states.keys where rows[key] == nil {
            if let row = index.row(of: key), index.outboxState(row) != states[key] { rows[key] = index.summary(row) }
        }
        for key in Array(rows.keys) { rows[key]?.outboxState = states[key] }
        return OrderList(index: index, changed: Array(rows.values))
    }

    /// The rows of these orders that are cached, in the order of `keys`.
    public func summaries(for keys: [OrderKey]) async throws -> [OrderSummary] {
        try await withOutboxStates(store.summaries(for: keys), for: keys)
    }

    /// Rows read from the store, their outbox column taken from the team's outbox in team mode.
    public func withOutboxStates(_ rows: [OrderSummary], for keys: [OrderKey]?) async throws -> [OrderSummary] {
        guard !outbox.isInStore else { return rows }
        let states = try await outbox.newestStates(for: keys)
        return rows.map { row in
            var row = row
            row.outboxState = states[row.key]
            return row
        }
    }

    // MARK: Reads through the API

    public struct RefreshResult: Sendable {
        public var refreshed: [OrderKey]
        public var failed: [(OrderKey, String)]
    }

    /// One-order GETs (no report run spent), stored in the cache. `.background` for refreshes the
    /// operator did not ask for (a report's ids, a webhook): they wait behind the operator's work.
    public func refresh(_ keys: [OrderKey], priority: RequestPriority = .operator) async -> RefreshResult {
        var result = RefreshResult(refreshed: [], failed: [])
        await withTaskGroup(of: (OrderKey, Result<FetchedOrder, ClientError>).self) { group in
            for key in keys {
                group.addTask {
                    do { return (key, .success(try await self.yuju.order(key, priority: priority))) }
                    catch let error as ClientError { return (key, .failure(error)) }
                    catch { return (key, .failure(.transport(.yuju, endpoint: "GET /orders/", .other(String(describing: error))))) }
                }
            }
            for await (key, outcome) in group {
                switch outcome {
                case .success(let fetched):
                    do {
                        try store.upsertOrders([StoredOrder(order: fetched.order, raw: fetched.raw)])
                        result.refreshed.append(key)
                    } catch {
                        result.failed.append((key, String(describing: error)))
                    }
                case .failure(let error):
                    result.failed.append((key, error.description))
                }
            }
        }
        return result
    }

    /// The order's outbound records from the server (newest first), stored in the cache.
    public func outbounds(_ key: OrderKey) async throws -> [OutboundRecord] {
        let records = try await yuju.listOutbounds(key)
        try store.replaceOutbounds(records, for: key)
        return try store.outbounds(for: key)
    }

    public func bridgeStatus(internalNumber: String) async throws -> BridgeStatusResponse {
        guard let bridge else { throw ClientError.notConfigured("[bridge] section") }
        return try await bridge.status(internalNumber: internalNumber)
    }

    // MARK: Budgets

    /// Every limit, in a fixed order: Yuju general, Yuju report, BRIDGE, Datacrush.
    public func budgets() async -> [BudgetSnapshot] {
        [await yujuPacer.snapshot(), await reportBudget.snapshot(), await bridgePacer.snapshot(), await datacrushPacer.snapshot()]
    }

    /// Every limit's changes, merged into one stream.
    public func budgetUpdates() -> AsyncStream<BudgetSnapshot> {
        let sources = [yujuPacer.updates(), reportBudget.updates(), bridgePacer.updates(), datacrushPacer.updates()]
        return AsyncStream { continuation in
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    for source in sources {
                        group.addTask { for await snapshot in source { continuation.yield(snapshot) } }
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

public enum ServiceError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// One row of a bulk change is invalid: nothing was queued.
    case invalidRow(OrderKey, ValidationFailure)
    case reportFailed(String)
    /// A report run with `--wait` in a structure the importer does not read: refused before a
    /// run is spent.
    case reportNotImportable(ReportVariant)
    /// `orders refresh --from-report` for a report whose ids were never kept.
    case noReportIds(String)

    public var description: String {
        switch self {
        case .invalidRow(let key, let failure): "\(key): \(failure)"
        case .reportFailed(let reason): reason
        case .reportNotImportable(let variant):
            "OrderDesk imports /\(Assumed.importedReportVariant.rawValue) reports only; /\(variant.rawValue) can be requested without waiting, not imported (no run was spent)"
        case .noReportIds(let id):
            "no ids kept for report \(id): only an only_ids report run with --wait (or imported by OrderDesk) keeps them"
        }
    }

    public var errorDescription: String? { description }
}
