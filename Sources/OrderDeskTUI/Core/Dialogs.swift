import Foundation
import OrderKit

/// The change-status dialog: for the marked rows, or the current one. What it offers comes
/// from the items' statuses (an order partly `ready_to_ship` can ship those items), and a target
/// several steps ahead is queued as its chain of allowed steps (`StatusChangePlan`).
public struct StatusDialog: Equatable, Sendable {
    public enum Field: CaseIterable, Sendable { case status, carrier, items, mirror }

    public struct ItemChoice: Equatable, Sendable {
        /// The order the item belongs to (a bulk checklist lists every marked order's items).
        public var order: OrderKey
        /// What goes into `id_items`.
        public var wireId: String
        public var label: String
        public var status: OrderStatus?
        public var checked = true
        /// Set when the item cannot take the chosen status: it is unticked and cannot be ticked.
        public var blockedAt: OrderStatus?
    }

    public var keys: [OrderKey]
    /// Each order's status from the list (the least advanced of its items), by key.
    public var orderStatuses: [OrderKey: OrderStatus]
    public var currentStatuses: [OrderStatus]
    /// What some item (or order, before its items are known) can be taken to.
    public var allowed: [OrderStatus]
    public var statusIndex = 0
    public var carriers: [String]
    public var carrierQuery = ""
    /// Highlighted entry of `filteredCarriers`; nil means "use the typed text as is".
    public var carrierPick: Int?
    /// The items of the orders loaded so far, in `keys` order (nil: none loaded yet). An order
    /// whose items are not loaded changes as a whole.
    public var items: [ItemChoice]?
    public var itemCursor = 0
    public var bridgeAvailable: Bool
    public var mirrorToBridge = false
    /// Changes of these orders queued and not yet sent (a colleague's, or an earlier one of
    /// this operator's): a new change goes behind them.
    public var unsent: [OutboxActivity] = []
    public var focus = Field.status
    public var error: String?

    public var isBulk: Bool { keys.count > 1 }

    /// `carrier`: the orders' current carrier when they share one, else the configured default.
    init(keys: [OrderKey], statuses: [OrderStatus], carriers: [String], carrier: String?, bridgeAvailable: Bool) {
        self.keys = keys
        orderStatuses = Dictionary(zip(keys, statuses), uniquingKeysWith: { first, _ in first })
        currentStatuses = Array(Set(statuses)).sorted()
        allowed = []
        self.carriers = carriers
        carrierPick = carrier.flatMap { carriers.firstIndex(of: $0) }
        if carrierPick == nil, let carrier { carrierQuery = carrier }
        self.bridgeAvailable = bridgeAvailable
        allowed = StatusChangePlan.offered(for: planOrders)
        retick()
    }

    public var fields: [Field] {
        Field.allCases.filter { field in
            switch field {
            case .items: items != nil
            case .mirror: bridgeAvailable
            default: true
            }
        }
    }

    public var filteredCarriers: [String] {
        let query = carrierQuery.trimmingCharacters(in: .whitespaces).lowercased()
        guard !query.isEmpty else { return carriers }
        return carriers.filter { $0.lowercased().contains(query) }
    }

    /// The carrier to send: the highlighted one, else the typed text, else none (vendor default).
    public var chosenCarrier: String? {
        let filtered = filteredCarriers
        if let pick = carrierPick, filtered.indices.contains(pick) { return filtered[pick] }
        let typed = carrierQuery.trimmingCharacters(in: .whitespaces)
        return typed.isEmpty ? nil : typed
    }

    public var chosenStatus: OrderStatus? { allowed.indices.contains(statusIndex) ? allowed[statusIndex] : nil }

    /// Items loaded later, or the status moved: the offer is worked out again, keeping the
    /// chosen status where it is still offered, and the ticks follow what can take it.
    mutating func reoffer() {
        let chosen = chosenStatus
        allowed = StatusChangePlan.offered(for: planOrders)
        statusIndex = chosen.flatMap { allowed.firstIndex(of: $0) } ?? min(statusIndex, max(0, allowed.count - 1))
        retick()
    }

    /// Ticks every item that can take the chosen status and unticks, with the reason, the rest.
    mutating func retick() {
        guard var choices = items, let target = chosenStatus else { return }
        for index in choices.indices {
            let from = choices[index].status ?? orderStatuses[choices[index].order] ?? .pending
            let can = StatusChangePlan.canReach(target, from: from)
            choices[index].checked = can
            choices[index].blockedAt = can ? nil : from
        }
        items = choices
    }

    /// The loaded items, by order: grouped once, not filtered again for every order (a bulk
    /// change over hundreds of orders asks on every item load).
    private var itemsByOrder: [OrderKey: [ItemChoice]] { Dictionary(grouping: items ?? [], by: \.order) }

    /// Each order with what is known of its items and which are ticked.
    var planOrders: [StatusChangePlan.Order] {
        let itemsByOrder = itemsByOrder
        return keys.map { key in
            let own = itemsByOrder[key] ?? []
            let status = orderStatuses[key] ?? .pending
            guard !own.isEmpty else { return StatusChangePlan.Order(key: key, status: status) }
            return StatusChangePlan.Order(
                key: key, status: status,
                items: own.map { .init(wireId: $0.wireId, status: $0.status ?? status) },
                chosen: Set(own.filter(\.checked).map(\.wireId)))
        }
    }

    /// What confirming would queue, or the reason nothing can be (vendor texts from validation).
    func plan(noItemText: String) -> Result<StatusChangePlan, ValidationFailure> {
        guard let status = chosenStatus else { return .failure(ValidationFailure(.yuju, noItemText)) }
        let itemsByOrder = itemsByOrder
        for key in keys {
            let own = itemsByOrder[key] ?? []
            if !own.isEmpty, !own.contains(where: \.checked), !own.allSatisfy({ $0.blockedAt != nil }) {
                return .failure(ValidationFailure(.yuju, Assumed.idItemsEmpty, field: isBulk ? key.idOrder : "id_items"))
            }
        }
        let plan = StatusChangePlan(target: status, carrier: chosenCarrier, orders: planOrders)
        do {
            for request in plan.requests { try request.validate() }
        } catch { return .failure(error) }
        return .success(plan)
    }
}

/// The outbound dialog for one order: a new record, or a change of one (`editing`), prefilled
/// with its fields.
public struct OutboundDialog: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case status, message, reference, module, extra

        /// The field's name, as the dialog shows it and its errors name it.
        var label: UIText {
            switch self {
            case .status: .statusField
            case .message: .messageField
            case .reference: .referenceField
            case .module: .moduleField
            case .extra: .extraField
            }
        }
    }
    public var key: OrderKey
    public var values: [Field: String] = [.status: "created"]
    public var focus = Field.status
    public var error: String?
    /// The record being changed; nil: a new one.
    public private(set) var editing: OutboundRecord?
    /// Statuses offered for the status field (←/→); any other may still be typed.
    public var statusChoices = Self.commonStatuses

    /// Seed 000 shows `created`; the others are the ones the sandbox's integrations write.
    /// Yuju takes any text.
    public static let commonStatuses = ["created", "updated", "synced", "error"]

    public init(key: OrderKey) { self.key = key }

    /// The order's own records' statuses first (what its integration uses), then the common ones.
    mutating func offer(statusesOf records: [OutboundRecord]) {
        var seen = Set<String>()
        statusChoices = (records.map(\.status) + Self.commonStatuses).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The next or previous offered status, from the one in the field (typed text starts at the top).
    mutating func pickStatus(by delta: Int) {
        guard !statusChoices.isEmpty else { return }
        let count = statusChoices.count
        let index = statusChoices.firstIndex(of: value(.status)).map { (($0 + delta) % count + count) % count } ?? (delta > 0 ? 0 : count - 1)
        values[.status] = statusChoices[index]
    }

    /// The field a validation failure names (`message`, `extra`…), if it is one of the dialog's.
    static func field(named wire: String?) -> Field? {
        switch wire {
        case "status": .status
        case "message": .message
        case "reference": .reference
        case "module_name": .module
        case "extra": .extra
        default: nil
        }
    }

    /// Prefilled with `record`'s fields. The extra line shows its text fields; the others (and
    /// `orderdesk_request_id`) are kept as they are, since a line of `k=v` cannot show them.
    public init(key: OrderKey, editing record: OutboundRecord) {
        self.key = key
        editing = record
        values = [.status: record.status, .message: record.message, .reference: record.reference,
                  .module: record.moduleName ?? "", .extra: Self.editableExtra(record).map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    public func value(_ field: Field) -> String { values[field] ?? "" }

    /// `k=v; k2=v2` into the `extra` object; pairs without `=` are refused.
    static func parseExtra(_ text: String) -> [String: JSONValue]?? {
        let pairs = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if pairs.isEmpty { return .some(nil) }
        var extra: [String: JSONValue] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return nil }
            extra[String(pair[..<equals]).trimmingCharacters(in: .whitespaces)] = .string(String(pair[pair.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
        }
        return .some(extra)
    }

    /// The record's extra fields the line shows and edits: text values without `;`, sorted.
    static func editableExtra(_ record: OutboundRecord) -> [(key: String, value: String)] {
        (record.extra ?? [:]).compactMap { key, value in
            guard key != Assumed.outboundRequestIdField, !key.contains("="), case .string(let text) = value, !text.contains(";") else { return nil }
            return (key, text)
        }.sorted { $0.key < $1.key }
    }

    /// The body to send: for a change, the whole record (the PUT replaces it) with the fields
    /// as typed; what the line does not show is carried over, and so are the actions.
    func request() -> Result<OutboundRequest, ValidationFailure> {
        guard let typed = Self.parseExtra(value(.extra)) else {
            return .failure(ValidationFailure(.yuju, YujuText.outboundError, field: "extra"))
        }
        var extra = typed
        if let editing {
            let shown = Set(Self.editableExtra(editing).map(\.key))
            var kept = (editing.extra ?? [:]).filter { !shown.contains($0.key) }
            kept.merge(typed ?? [:]) { _, new in new }
            extra = kept.isEmpty ? nil : kept
        }
        let module = value(.module).trimmingCharacters(in: .whitespaces)
        let request = OutboundRequest(
            status: value(.status).trimmingCharacters(in: .whitespaces), message: value(.message),
            type: editing?.type ?? Assumed.outboundType, moduleName: module.isEmpty ? nil : module,
            reference: value(.reference).trimmingCharacters(in: .whitespaces), channelId: key.idChannel, extra: extra,
            actions: editing.map { $0.actions.map(OutboundRequest.Action.init(stored:)) })
        do { try request.validate() } catch { return .failure(error) }
        return .success(request)
    }
}

/// The report confirmation: states the runs left before anything is spent.
public struct ReportDialog: Equatable, Sendable {
    /// Marked orders become an id filter; otherwise a paid-date range of the last `days`.
    public var orderIds: [String]
    public var channels: [Int]
    /// The paid-date range as typed (`ReportRange`): days, a date, or from..to.
    public var rangeText = "7"
    /// nil until the backend answered.
    public var runsLeft: Int?
    public var error: String?

    public var range: ReportRange? { ReportRange.parse(rangeText) }

    /// `zone`: Yuju's, whose wall clock the paid-date filter is read in. nil: the range typed
    /// is not one.
    func request(now: Date, zone: TimeZone) -> ReportRequest? {
        if !orderIds.isEmpty {
            return ReportRequest(filters: .init(orderIds: orderIds, channels: channels.isEmpty ? nil : channels))
        }
        return range.map { ReportRequest(filters: .init(paymentAccreditedAt: $0.filter(now: now, zone: zone))) }
    }
}

/// The facet panel: statuses and channels to keep, with their counts.
public struct FacetsPanel: Equatable, Sendable {
    public enum Entry: Equatable, Sendable { case status(OrderStatus, Int), channel(Int, Int) }
    public var entries: [Entry]
    public var cursor = 0
}

/// What sits on top of the current screen.
public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case budgets
    case activity(cursor: Int)
    case facets(FacetsPanel)
    case changeStatus(StatusDialog)
    case addOutbound(OutboundDialog)
    case report(ReportDialog)
    /// `q` with changes still queued or sending: quit anyway?
    case confirmQuit(unsent: Int)
}
