import Foundation
import OrderKit

/// The change-status dialog: for the marked rows, or the current one.
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
    }

    public var keys: [OrderKey]
    public var currentStatuses: [OrderStatus]
    /// Only what `OrderLifecycle` allows (common to every order for a bulk change).
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
    public var focus = Field.status
    public var error: String?

    public var isBulk: Bool { keys.count > 1 }

    init(keys: [OrderKey], statuses: [OrderStatus], carriers: [String], defaultCarrier: String?, bridgeAvailable: Bool) {
        self.keys = keys
        currentStatuses = Array(Set(statuses)).sorted()
        allowed = keys.count == 1 ? OrderLifecycle.targets(from: statuses[0]) : OrderLifecycle.commonTargets(from: statuses)
        self.carriers = carriers
        carrierPick = defaultCarrier.flatMap { carriers.firstIndex(of: $0) }
        if carrierPick == nil, let defaultCarrier { carrierQuery = defaultCarrier }
        self.bridgeAvailable = bridgeAvailable
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

    /// The requests to queue, or the reason they cannot be (vendor texts from validation).
    func requests(noItemText: String) -> Result<[StatusChangeRequest], ValidationFailure> {
        guard let status = chosenStatus else { return .failure(ValidationFailure(.yuju, noItemText)) }
        var requests: [StatusChangeRequest] = []
        for key in keys {
            var idItems: [String]?
            let own = (items ?? []).filter { $0.order == key }
            if !own.isEmpty {
                let checked = own.filter(\.checked).map(\.wireId)
                if checked.isEmpty {
                    return .failure(ValidationFailure(.yuju, Assumed.idItemsEmpty, field: isBulk ? key.idOrder : "id_items"))
                }
                // Every item checked: leave `id_items` out, which the vendor reads as "all".
                idItems = checked.count == own.count ? nil : checked
            }
            requests.append(StatusChangeRequest(idOrder: key.idOrder, idChannel: key.idChannel, status: status, carrier: chosenCarrier, idItems: idItems))
        }
        do {
            for request in requests { try request.validate() }
        } catch { return .failure(error) }
        return .success(requests)
    }
}

/// The add-outbound dialog for one order.
public struct OutboundDialog: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case status, message, reference, module, extra }
    public var key: OrderKey
    public var values: [Field: String] = [.status: "created"]
    public var focus = Field.status
    public var error: String?

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

    func request() -> Result<OutboundRequest, ValidationFailure> {
        guard let extra = Self.parseExtra(value(.extra)) else {
            return .failure(ValidationFailure(.yuju, YujuText.outboundError, field: "extra"))
        }
        let module = value(.module).trimmingCharacters(in: .whitespaces)
        let request = OutboundRequest(
            status: value(.status).trimmingCharacters(in: .whitespaces), message: value(.message),
            moduleName: module.isEmpty ? nil : module, reference: value(.reference).trimmingCharacters(in: .whitespaces),
            channelId: key.idChannel, extra: extra)
        do { try request.validate() } catch { return .failure(error) }
        return .success(request)
    }
}

/// The report confirmation: states the runs left before anything is spent.
public struct ReportDialog: Equatable, Sendable {
    /// Marked orders become an id filter; otherwise a paid-date range of the last `days`.
    public var orderIds: [String]
    public var channels: [Int]
    public var days = 7
    /// nil until the backend answered.
    public var runsLeft: Int?
    public var error: String?

    func request(now: Date) -> ReportRequest {
        if !orderIds.isEmpty {
            return ReportRequest(filters: .init(orderIds: orderIds, channels: channels.isEmpty ? nil : channels))
        }
        let from = now.addingTimeInterval(-Double(days) * 86_400)
        return ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(from), to: WireDate.formatFilter(now))))
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
}
