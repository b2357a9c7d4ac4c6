import OrderKit

/// What the backend tells the TUI without being asked.
public enum BackendEvent: Hashable, Sendable {
    /// An outbox entry was queued, started, confirmed or failed.
    case outbox(OutboxActivity)
    /// These rows changed (refresh, confirmed status change, a colleague's change): replace
    /// them by key, add the ones not yet listed.
    case summariesChanged([OrderSummary])
    /// The list index was rewritten (an import): the list is loaded again from it.
    case listRewritten
    /// These rows were refreshed because Yuju notified a change (webhooks): like
    /// `summariesChanged`, and the rows are marked until the operator looks at them.
    case ordersNotified([OrderSummary])
    /// New outbound records for an order (after a fetch or an add), newest first.
    case outboundsChanged(OrderKey, [OutboundRecord])
    /// A report run moved on.
    case reportProgress(ReportStep)
    /// Something to tell the user (a warning or a failure).
    case notice(Notice)
    /// At start: this many changes a previous run left unsent are being sent now.
    case resumed(Int)
    /// Team mode: the team's database was lost (why), or is back (nil).
    case teamDatabase(lost: String?)
    /// The webhook listener's state, at start and on each change (the status bar's indicator).
    case webhookListener(WebhookListenerState)
}
