import Foundation
import OrderKit

/// Everything that can change the state: keys, the terminal, time, and backend answers.
public enum Action: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(Date)
    /// The list, loaded (at start, and after an import).
    case listLoaded(OrderList)
    /// Start-up progress, before the backend is there (the loading line).
    case startup(StartupStep)
    /// The backend is there: its facts for the state (sandbox, carriers, zone…).
    case backendReady(BackendInfo)
    case orderLoaded(OrderKey, YujuOrder?)
    case outboundsLoaded(OrderKey, [OutboundRecord], fetched: Bool)
    case outboundsFetchFailed(OrderKey, Failure)
    case auditLoaded(OrderKey, [AuditEntry])
    case bridgeLoaded(OrderKey, BridgeOrderHistory?)
    case budgets([BudgetSnapshot])
    case outboxLoaded([OutboxActivity])
    /// The open change dialog's orders' changes not yet sent (`Effect.loadUnsentChanges`).
    case unsentChangesLoaded([OrderKey], [OutboxActivity])
    case reportRunsLeft(Int)
    case event(BackendEvent)
    /// An effect finished with something to say on the message line.
    case effectSucceeded(Outcome)
    case effectFailed(Failure)
}

/// What `update` asks the runtime to do; the runtime calls the backend and answers with actions.
public enum Effect: Equatable, Sendable {
    case loadList
    case loadOutbox
    /// The order with items (detail, and the status dialog's item checklist).
    case loadOrder(OrderKey)
    /// What is queued and not yet sent for the change dialog's orders.
    case loadUnsentChanges([OrderKey])
    /// Cached outbounds, audit trail and BRIDGE history, then the outbound fetch.
    case loadDetail(OrderKey)
    case fetchOutbounds(OrderKey)
    case changeStatus([StatusChangeRequest], mirrorToBridge: Bool)
    case addOutbound(OrderKey, OutboundRequest)
    case updateOutbound(OrderKey, pk: String, OutboundRequest)
    case refresh([OrderKey])
    case loadReportRunsLeft
    case runReport(ReportRequest)
    case push([OrderKey])
    case retry([Int64]?)
    case quit
}

extension Action {
    /// A list of rows held in memory (tests, the preview backend): indexed as the store's are.
    public static func summariesLoaded(_ summaries: [OrderSummary]) -> Action { .listLoaded(OrderList(summaries: summaries)) }
}
