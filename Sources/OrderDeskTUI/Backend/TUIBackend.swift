import Foundation
import OrderKit

/// Everything the TUI asks of the rest of OrderDesk, in OrderKit types. The integrator adapts
/// the services to it; `PreviewBackend` fakes it in memory for tests and trying the UI by hand.
/// Calls come from detached tasks, never from the curses thread, so they may take their time.
public protocol TUIBackend: Sendable {
    /// Shows `SANDBOX` in the status bar.
    var isSandbox: Bool { get }
    /// Offers "mirror to BRIDGE" and shows the BRIDGE history only when true.
    var bridgeConfigured: Bool { get }
    /// The carrier picker's list, and the carrier preset in it.
    var carriers: [String] { get }
    var defaultCarrier: String? { get }
    /// `[yuju] timezone` and `[yuju] item_ids`.
    var timeZone: TimeZone { get }
    var itemIds: ItemIdField { get }
    /// Who this operator is in the audit trail (`[team] operator`, or the OS user).
    var operatorName: String { get }
    /// `[channels]`: names shown beside channel numbers.
    var channelNames: [Int: String] { get }
    /// `[carriers]`: the carriers offered by the order's channel or country; nil: `carriers`.
    var carrierLists: CarrierLists? { get }

    /// Every cached order, for the list: the list index and the rows changed since it.
    func loadList() async throws -> OrderList
    /// The cached order with its items.
    func order(_ key: OrderKey) async throws -> YujuOrder?
    /// Outbound records from the cache, newest first, shown at once.
    func cachedOutbounds(_ key: OrderKey) async throws -> [OutboundRecord]
    /// `GET /orders/outbounds` through the pacer (and into the cache).
    func fetchOutbounds(_ key: OrderKey) async throws -> [OutboundRecord]
    /// This order's audit trail, newest first.
    func auditTrail(_ key: OrderKey) async throws -> [AuditEntry]
    /// The order's mirrors to BRIDGE and BRIDGE's own history; nil when it was never mirrored.
    func bridgeHistory(_ key: OrderKey) async throws -> BridgeOrderHistory?
    /// Refuses, in the change dialog, a mirror that could not be sent; nil: no check here.
    var bridgeMirrorGate: BridgeMirrorGate? { get }

    /// Writes the changes to the outbox (committed) and lets the worker send them.
    func changeStatus(_ changes: [StatusChangeRequest], mirrorToBridge: Bool) async throws
    func addOutbound(_ key: OrderKey, _ request: OutboundRequest) async throws
    /// Queues a change of record `pk` (PUT by `order_int_external_pk`); `request` is the whole body.
    func updateOutbound(_ key: OrderKey, pk: String, _ request: OutboundRequest) async throws
    /// One-order GETs (no report run spent); changed rows come back as `summariesChanged`.
    func refresh(_ keys: [OrderKey]) async throws
    /// Spends one report run; progress comes back as `reportProgress` events.
    func runReport(_ request: ReportRequest) async throws
    /// Report runs left in the rolling 24 h window.
    func reportRunsLeft() async -> Int
    func pushToDatacrush(_ keys: [OrderKey]) async throws
    /// Re-sends unconfirmed outbox entries: these ids, or all when nil.
    func retry(_ outboxIds: [Int64]?) async throws
    /// The outbox as it stands, newest first (the activity panel's first fill).
    func outbox() async throws -> [OutboxActivity]
    /// These orders' changes not yet sent, whoever queued them (a colleague, another window),
    /// oldest first: the change dialog names them before a second change is queued behind.
    func unsentChanges(_ keys: [OrderKey]) async throws -> [OutboxActivity]

    /// Every limit's snapshot, each time one changes.
    func budgets() -> AsyncStream<[BudgetSnapshot]>
    /// Outbox progress, changed summaries, report progress, errors.
    func events() -> AsyncStream<BackendEvent>
}

extension TUIBackend {
    public var bridgeMirrorGate: BridgeMirrorGate? { nil }
    public var operatorName: String { "" }
    public var channelNames: [Int: String] { [:] }
    public var carrierLists: CarrierLists? { nil }
    public func unsentChanges(_ keys: [OrderKey]) async throws -> [OutboxActivity] { [] }
}

extension BackendInfo {
    /// The backend's synchronous facts, read once when it is attached.
    public init(_ backend: any TUIBackend) {
        self.init(isSandbox: backend.isSandbox, bridgeConfigured: backend.bridgeConfigured, carriers: backend.carriers,
                  defaultCarrier: backend.defaultCarrier, timeZone: backend.timeZone, itemIds: backend.itemIds,
                  bridgeMirrorGate: backend.bridgeMirrorGate, operatorName: backend.operatorName,
                  channelNames: backend.channelNames, carrierLists: backend.carrierLists)
    }
}
