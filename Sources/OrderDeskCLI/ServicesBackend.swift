import Foundation
import OrderDeskTUI
import OrderKit
import OrderTeam

/// The TUI's view of the real services: every call goes through the same store, outbox and
/// pacers as the CLI.
struct ServicesBackend: TUIBackend {
    let services: OrderDeskServices
    /// The list opened at start-up, for the first `loadList`.
    var prefetched: ListPrefetch?
    /// Changes a previous run left unsent, resumed at start-up: told once.
    var resumed = 0
    /// The webhook refresher, when a listener runs in this process: its refreshed orders move
    /// in the list as they arrive.
    var webhooks: WebhookRefresher?
    /// The status bar's webhook indicator (`WebhookListenerWatch`); nil: none shown.
    var webhookListener: (@Sendable () -> AsyncStream<WebhookListenerState>)?
    /// Team mode: what the TUI follows live.
    var team: Team?

    struct Team {
        /// Orders colleagues changed, already in the local cache.
        var arrivals: Broadcaster<[OrderKey]>
        /// The team database lost and back.
        var connection: Broadcaster<TeamConnection>
        /// Colleagues' outbox entries as they are queued and sent.
        var colleagueOutbox: @Sendable () -> AsyncStream<Int64>
    }

    var isSandbox: Bool { services.config.isSandbox }
    var bridgeConfigured: Bool { services.bridge != nil }
    var carriers: [String] { services.config.ui.carriers }
    var defaultCarrier: String? { services.config.ui.defaultCarrier }
    var channelNames: [Int: String] { services.config.ui.channelNames }
    var carrierLists: CarrierLists? { services.config.ui.carrierLists }
    var timeZone: TimeZone { services.config.yuju.timeZone }
    var itemIds: ItemIdField { services.config.yuju.itemIds }

    func loadList() async throws -> OrderList {
        if let list = try await prefetched?.claim() { return try await services.withOutboxStates(list) }
        return try await services.openList()
    }
    func order(_ key: OrderKey) async throws -> YujuOrder? { try services.store.order(key)?.order }
    func cachedOutbounds(_ key: OrderKey) async throws -> [OutboundRecord] { try services.store.outbounds(for: key) }
    func fetchOutbounds(_ key: OrderKey) async throws -> [OutboundRecord] { try await services.outbounds(key) }
    func auditTrail(_ key: OrderKey) async throws -> [AuditEntry] { try await services.outbox.auditTrail(for: key) }

    func bridgeHistory(_ key: OrderKey) async throws -> BridgeOrderHistory? { try await services.bridgeHistory(key) }
    var bridgeMirrorGate: BridgeMirrorGate? { services.bridgeMirrorGate }

    func changeStatus(_ changes: [StatusChangeRequest], mirrorToBridge: Bool) async throws {
        _ = try await services.changeStatus(changes, mirrorToBridge: mirrorToBridge)
    }

    func addOutbound(_ key: OrderKey, _ request: OutboundRequest) async throws {
        _ = try await services.addOutbound(key, request)
    }

    func updateOutbound(_ key: OrderKey, pk: String, _ request: OutboundRequest) async throws {
        _ = try await services.updateOutbound(key, pk: pk, request)
    }

    func refresh(_ keys: [OrderKey]) async throws {
        let result = await services.refresh(keys)
        if let (key, reason) = result.failed.first {
            throw Failure.refreshFailed(key, reason: reason, more: result.failed.count - 1)
        }
    }

    func runReport(_ request: ReportRequest) async throws {
        _ = try await services.runReport(returnType: .complete, request, wait: true)
    }

    func reportRunsLeft() async -> Int {
        let report = await services.reportBudget.snapshot()
        return report.available
    }

    func pushToDatacrush(_ keys: [OrderKey]) async throws {
        let plan = try await services.pushToDatacrush(keys)
        if let (key, reason) = plan.skipped.first, plan.entry == nil {
            throw Failure.pushSkipped(key, reason: reason)
        }
    }

    func retry(_ outboxIds: [Int64]?) async throws { _ = try await services.retry(ids: outboxIds) }

    var operatorName: String { services.user }
    func unsentChanges(_ keys: [OrderKey]) async throws -> [OutboxActivity] {
        try await services.outbox.unsentEntries(for: keys).map(Self.activity)
    }

    func outbox() async throws -> [OutboxActivity] {
        try await services.outbox.entries().reversed().map(Self.activity)
    }

    func budgets() -> AsyncStream<[BudgetSnapshot]> {
        let services = services
        return AsyncStream { continuation in
            let task = Task {
                var latest: [BudgetKind: BudgetSnapshot] = [:]
                for snapshot in await services.budgets() { latest[snapshot.kind] = snapshot }
                continuation.yield(BudgetKind.allCases.compactMap { latest[$0] })
                for await snapshot in services.budgetUpdates() {
                    latest[snapshot.kind] = snapshot
                    continuation.yield(BudgetKind.allCases.compactMap { latest[$0] })
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func events() -> AsyncStream<BackendEvent> {
        let services = services
        let outboxEvents = services.outboxEvents.subscribe()
        let reportEvents = services.reportEvents.subscribe()
        let resumed = resumed
        let webhookEvents = webhooks?.events.subscribe()
        let teamEvents = team?.arrivals.subscribe()
        let teamConnection = team?.connection.subscribe()
        let colleagueOutbox = team?.colleagueOutbox()
        let listenerStates = webhookListener?()
        return AsyncStream { continuation in
            if resumed > 0 { continuation.yield(.resumed(resumed)) }
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in outboxEvents {
                            let entry = try? await services.outbox.entry(id: event.id)
                            guard let request = event.request ?? entry?.request else { continue }
                            let change = OutboxChange(request)
                            continuation.yield(.outbox(OutboxActivity(
                                id: event.id, key: event.key, change: change, state: event.state,
                                attempts: entry?.attempts ?? 0, updatedAt: event.at,
                                lastError: event.state == .failed || event.state == .refused ? event.detail : nil, queuedBy: entry?.user)))
                            if event.state == .sent, let key = event.key,
                               let rows = try? await services.summaries(for: [key]), !rows.isEmpty {
                                continuation.yield(.summariesChanged(rows))
                            }
                            // A record created or changed is in the cache now: an open detail shows it.
                            if event.state == .sent, let key = event.key, let kind = entry?.request.kind, kind.hasPrefix("outbound"),
                               let records = try? services.store.outbounds(for: key) {
                                continuation.yield(.outboundsChanged(key, records))
                            }
                            // A partial change not mirrored is told, not only written in the audit trail.
                            if event.state == .sent, let record = try? services.store.bridgeRecord(statusEntryId: event.id),
                               record.state == .notMirrored {
                                continuation.yield(.notice(.notMirrored(change, outcome: record.outcomeText)))
                            }
                            if event.state == .failed || event.state == .refused, let detail = event.detail {
                                continuation.yield(.notice(.changeFailed(change, event.state, detail: detail)))
                            }
                        }
                    }
                    if let webhookEvents {
                        group.addTask {
                            for await event in webhookEvents { await Self.relay(event, services: services, to: continuation) }
                        }
                    }
                    if let listenerStates {
                        group.addTask {
                            for await listener in listenerStates { continuation.yield(.webhookListener(listener)) }
                        }
                    }
                    // Colleagues' orders and outbox entries re-read their rows one request at a
                    // time, in arrival order: read side by side, a row read before the feed brought
                    // the change could be shown after the one read since, and undo it on screen.
                    let (teamRowRequests, teamRows) = AsyncStream<(keys: [OrderKey], notified: Bool)>.makeStream()
                    if teamEvents != nil || colleagueOutbox != nil {
                        group.addTask {
                            for await request in teamRowRequests {
                                guard let rows = try? await services.summaries(for: request.keys), !rows.isEmpty else { continue }
                                continuation.yield(request.notified ? .ordersNotified(rows) : .summariesChanged(rows))
                            }
                        }
                    }
                    if let teamEvents {
                        group.addTask {
                            for await keys in teamEvents { teamRows.yield((keys, keys.count <= Self.teamMarkLimit)) }
                        }
                    }
                    if let colleagueOutbox {
                        group.addTask {
                            // Their entry in the activity panel, and its order's outbox column.
                            for await id in colleagueOutbox {
                                guard let entry = try? await services.outbox.entry(id: id) else { continue }
                                continuation.yield(.outbox(Self.activity(entry)))
                                if let key = entry.request.key { teamRows.yield(([key], false)) }
                            }
                        }
                    }
                    if let teamConnection {
                        group.addTask {
                            for await change in teamConnection {
                                switch change {
                                case .lost(let reason): continuation.yield(.teamDatabase(lost: reason))
                                case .connected:
                                    continuation.yield(.teamDatabase(lost: nil))
                                    // What waited meanwhile goes on now, not at the next look for work.
                                    await services.resumeOutbox()
                                }
                            }
                        }
                    }
                    group.addTask {
                        for await event in reportEvents {
                            continuation.yield(.reportProgress(ReportStep(event)))
                            if case .imported = event { continuation.yield(.listRewritten) }
                        }
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A refreshed order becomes a notified row; an imported report reloads the list.
    static func relay(_ event: WebhookRefreshEvent, services: OrderDeskServices, to continuation: AsyncStream<BackendEvent>.Continuation) async {
        switch event {
        case .orderRefreshed(let key):
            if let rows = try? await services.summaries(for: [key]), !rows.isEmpty { continuation.yield(.ordersNotified(rows)) }
        case .reportImported:
            continuation.yield(.listRewritten)
        case .orderFailed, .reportFailed:
            // Logged by the refresher; the operator's own work is not interrupted for it.
            break
        }
    }

    /// A colleague's few changes are marked like notified rows; more orders than this at once
    /// (their report import, or catching up after a long absence) just update the list.
    static let teamMarkLimit = 50

    static func activity(_ entry: OutboxEntry) -> OutboxActivity {
        OutboxActivity(
            id: entry.id, key: entry.request.key, change: OutboxChange(entry.request), state: entry.state,
            attempts: entry.attempts, updatedAt: entry.updatedAt, lastError: entry.lastError, queuedBy: entry.user)
    }
}
