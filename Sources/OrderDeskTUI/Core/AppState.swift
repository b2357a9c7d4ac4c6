import Foundation
import OrderKit

/// The order detail screen's data, filled as the backend answers.
public struct DetailState: Sendable {
    public var key: OrderKey
    public var order: YujuOrder?
    /// Newest first; cached ones at once, replaced by fetched ones as they arrive.
    public var outbounds: [OutboundRecord] = []
    public var fetching = true
    public var fetchError: Failure?
    public var audit: [AuditEntry] = []
    public var bridge: BridgeOrderHistory?
    public var scroll = 0
    /// The outbound record picked for editing, by `order_int_external_pk`; nil or gone: the
    /// newest. Kept by key, so a record added or fetched meanwhile does not move the pick.
    public var selectedOutboundPk: String?

    /// Index in `outbounds` of the picked record (nil when there is none).
    public var selectedOutboundIndex: Int? {
        guard !outbounds.isEmpty else { return nil }
        return selectedOutboundPk.flatMap { pk in outbounds.firstIndex { $0.orderIntExternalPk == pk } } ?? 0
    }

    public var selectedOutbound: OutboundRecord? { selectedOutboundIndex.map { outbounds[$0] } }
}

/// A line of feedback under the list.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    /// Set by the first tick that sees the message; the message then gives the line back to the
    /// key hint after `lifetime` seconds: the hint is how a new operator finds `?` and `q`.
    public var firstShownAt: Date?
    /// "N changes queued": stale once that backlog has an outcome, so it goes then.
    public var aboutQueuedChanges = false
    /// "Esc again clears the marks": gone as soon as another key leaves the marks alone.
    public var warnsOfMarkClear = false

    public init(text: String, isError: Bool, aboutQueuedChanges: Bool = false) {
        self.text = text
        self.isError = isError
        self.aboutQueuedChanges = aboutQueuedChanges
    }

    public static let infoLifetime: TimeInterval = 4
    /// Longer, to be read, but an error kept for good would hide the hint for good.
    public static let errorLifetime: TimeInterval = 8

    public var lifetime: TimeInterval { isError ? Self.errorLifetime : Self.infoLifetime }
}

/// A range being marked (`v`, as in lazygit): every row between the anchor and the cursor is
/// marked while the cursor moves; rows left behind by a move back go back to how they were.
public struct MarkRange: Equatable, Sendable {
    /// Visible index where the range started. The visible rows cannot change while a range is
    /// open: whatever changes them ends the range first (`MarkUpdate.endRange`).
    public var anchor: Int
    /// The visible indices the range marks now.
    public var covered: ClosedRange<Int>
    /// The marks from before the range, so shrinking it unmarks only what it marked.
    public var before: Set<OrderKey>
}

/// The whole UI state. `update` is the only thing that changes it; views only read it.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var text: L10n
    public var keyMap: KeyMap
    public var isSandbox: Bool
    public var bridgeConfigured: Bool
    public var carriers: [String]
    public var defaultCarrier: String?
    /// The change dialog's carriers by the order's channel or country; `carriers` when not set.
    public var carrierLists: CarrierLists?
    /// `[channels]`: the names shown beside channel numbers.
    public var channelNames: [Int: String] = [:]
    /// Numbers, money and times in the operator's locale (`[ui] locale`).
    public var formats: DisplayFormats
    /// This operator's name in the outbox, to tell own changes from colleagues'.
    public var operatorName = ""
    /// Yuju's zone: report filters and the times shown beside Yuju's dates.
    public var timeZone: TimeZone = Assumed.yujuTimeZone
    /// What names an item in `id_items`.
    public var itemIds: ItemIdField = Assumed.yujuItemIds
    /// Checks "mirror to BRIDGE" before the change dialog closes.
    public var bridgeMirrorGate: BridgeMirrorGate?

    public var orders = OrderIndex()
    public var loaded = false
    /// What the app is doing before the list shows (the loading line); nil once it is shown.
    public var startup: StartupStep?
    /// Keys typed before the list was there, replayed in order once it is (`StartupUpdate`).
    public var typeAhead: [Key] = []
    /// Reading the list failed: keys are no longer held for it.
    public var loadFailed = false
    public var cursor = 0
    public var scrollTop = 0
    public var marks: Set<OrderKey> = []
    public var markRange: MarkRange?
    /// Esc on the list with marks only says what a second Esc would drop; that second Esc (the
    /// very next key) drops them.
    public var clearMarksArmed = false
    /// Rows a webhook notification changed since the operator last looked at them (the cursor
    /// on the row, or its detail open): shown with a subtle dot.
    public var notified: Set<OrderKey> = []
    public var filterEditing = false
    public var filterText = ""

    public var detail: DetailState?
    public var overlay: Overlay?

    public var budgets: [BudgetKind: BudgetSnapshot] = [:]
    public var activity: [OutboxActivity] = []
    /// The outbox backlog being drained, or the summary of the last one until dismissed.
    public var progress: OutboxProgress?
    public var reportProgress: ReportStep?
    public var message: StatusMessage?
    /// Team mode: why the team's database cannot be reached, while it cannot.
    public var teamTrouble: String?
    /// The webhook listener, as the backend last told it; nil: never told (nothing is shown).
    public var webhookListener: WebhookListenerState?
    public var now: Date

    public init(width: Int, height: Int, language: Language = .en, keyMap: KeyMap = KeyMap(), isSandbox: Bool = false,
                bridgeConfigured: Bool = false, carriers: [String] = [], defaultCarrier: String? = nil, now: Date,
                locale: String? = nil) {
        self.width = width
        self.height = height
        text = L10n(language)
        formats = DisplayFormats(locale: locale ?? DisplayFormats.defaultLocale(for: language))
        text.argentine = formats.isArgentine
        self.keyMap = keyMap
        self.isSandbox = isSandbox
        self.bridgeConfigured = bridgeConfigured
        self.carriers = carriers
        self.defaultCarrier = defaultCarrier
        self.now = now
    }

    public var layout: ScreenLayout { ScreenLayout(width: width, height: height) }

    /// `4301 Mercado Libre MX`, or the number alone when `[channels]` names it not.
    public func channelLabel(_ channel: Int) -> String {
        channelNames[channel].map { "\(channel) \($0)" } ?? String(channel)
    }

    /// A vendor's date in the one format shown everywhere: `2025-06-10 10:00 UTC-6`.
    public func timestamp(wire text: String?) -> String { DisplayFormats.timestamp(wire: text, in: timeZone) }
    public func timestamp(_ date: Date) -> String { DisplayFormats.timestamp(date, in: timeZone) }

    public var currentSummary: OrderSummary? {
        orders.count > 0 && cursor < orders.count ? orders[cursor] : nil
    }

    /// Changes queued or being sent: what a quit would leave behind. The rows count too: a
    /// change just confirmed marks its order queued at once, before the outbox reports it.
    public var unsentChanges: Int {
        func unsent(_ state: OutboxState?) -> Bool { state == .queued || state == .sending }
        return max(activity.count(where: { unsent($0.state) }), orders.unsentCount)
    }

    /// The orders a bulk command applies to: the marked ones, else the current one (or the one
    /// open in the detail).
    public var targetKeys: [OrderKey] {
        if let detail { return [detail.key] }
        if !marks.isEmpty { return marks.sorted() }
        return currentSummary.map { [$0.key] } ?? []
    }
}
