import OrderKit

/// What a piece of the screen is, independent of how it looks; a theme maps each to a style.
public enum ThemeRole: String, CaseIterable, Sendable {
    case normal
    case title
    case header = "list.header"
    case selected = "list.selected"
    case marked = "list.marked"
    case selectedMarked = "list.selected_marked"
    case dim
    case filter
    case statusbar
    case statusbarSandbox = "statusbar.sandbox"
    case statusbarWarning = "statusbar.warning"
    case dialog
    case dialogTitle = "dialog.title"
    case dialogFocus = "dialog.focus"
    case dialogSelected = "dialog.selected"
    case helpKey = "help.key"
    case error
    case info
    case statusPending = "status.pending"
    case statusReady = "status.ready_to_ship"
    case statusShipped = "status.shipped"
    case statusDelivered = "status.delivered"
    case statusCanceled = "status.canceled"
    case outboxQueued = "outbox.queued"
    case outboxSending = "outbox.sending"
    case outboxSent = "outbox.sent"
    case outboxFailed = "outbox.failed"

    /// Text colours (dim, info, a status or outbox state) rather than highlights: inside a panel
    /// they take the panel's background (`Theme.style(_:on:)`).
    var isInk: Bool {
        switch self {
        case .normal, .title, .dim, .info, .statusPending, .statusReady, .statusShipped, .statusDelivered, .statusCanceled,
             .outboxQueued, .outboxSending, .outboxSent, .outboxFailed: true
        default: false
        }
    }

    static func forStatus(_ status: OrderStatus) -> ThemeRole {
        switch status {
        case .pending: .statusPending
        case .readyToShip: .statusReady
        case .shipped: .statusShipped
        case .delivered: .statusDelivered
        case .canceled: .statusCanceled
        default: .normal
        }
    }

    static func forOutbox(_ state: OutboxState) -> ThemeRole {
        switch state {
        case .queued: .outboxQueued
        case .sending: .outboxSending
        case .sent: .outboxSent
        // A refusal reads as a failure: the same colour, its own word.
        case .failed, .refused: .outboxFailed
        }
    }
}
