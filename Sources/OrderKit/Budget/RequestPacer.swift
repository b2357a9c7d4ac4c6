import Foundation

/// One rate limit, shared by every caller that spends it. The embedded implementation is an
/// in-process actor (`IntervalPacer`); a team mode can coordinate the same limit through
/// PostgreSQL behind this protocol.
public protocol RequestPacer: Sendable {
    var kind: BudgetKind { get }
    /// Waits until a request may start, then counts it. Background requests wait while
    /// operator requests are queued.
    func acquire(priority: RequestPriority) async throws
    /// The server answered 429: nobody starts a request for `seconds`.
    func pause(for seconds: Double, message: String) async
    func snapshot() async -> BudgetSnapshot
    /// Every change of the snapshot, for as many subscribers as want it.
    func updates() -> AsyncStream<BudgetSnapshot>
}

extension RequestPacer {
    public func acquire() async throws { try await acquire(priority: .operator) }
}

/// The report-run budget: runs per rolling window, counted from a persistent ledger.
public protocol ReportRunBudget: Sendable {
    /// Reserves a run or throws `ClientError.reportBudgetExhausted`. Call `release()` once the
    /// run is recorded in the ledger (or was not sent).
    func reserve() async throws
    func release() async
    /// The server's 429 text says when a run frees up: trust it over the local count.
    func serverRefused(message: String) async
    /// The run reserved last is in the ledger as `run`; called again after every change of it
    /// (sent, not counted, imported).
    func record(_ run: ReportRun) async
    func snapshot() async -> BudgetSnapshot
    func updates() -> AsyncStream<BudgetSnapshot>
}
