import OrderKit

/// The change-status dialog: open, edit, confirm.
enum StatusUpdate {
    static func open(_ state: inout AppState) -> [Effect] {
        let keys = state.targetKeys
        guard !keys.isEmpty else { return [] }
        let summaries = keys.map { key -> (status: OrderStatus, carrier: String?, currency: String?) in
            if let order = state.detail?.order, order.id == key { return (order.status, order.carrier, order.currency) }
            let summary = state.orders.summary(for: key)
            return (summary?.status ?? .pending, summary?.carrier, summary?.currency)
        }
        // Argentine orders are offered Argentine carriers, Mexican ones Mexican.
        let offered = state.carrierLists?.carriers(for: zip(keys, summaries).map { ($0.idChannel, $1.currency) }) ?? state.carriers
        // The default only where it is offered: Estafeta preset on an order sent from Argentina
        // would be sent as typed text.
        let preset = state.defaultCarrier.flatMap { offered.contains($0) ? $0 : nil }
        // The orders' own carrier when they share one: Enter alone must not change it.
        let carriers = Set(summaries.map(\.carrier))
        let carrier = carriers.count == 1 ? carriers.first! ?? preset : preset
        var dialog = StatusDialog(keys: keys, statuses: summaries.map(\.status), carriers: offered, carrier: carrier,
                                  bridgeAvailable: state.bridgeConfigured)
        var effects: [Effect] = []
        if keys.count == 1, let order = state.detail?.order, order.id == keys[0], let items = order.items {
            dialog.items = choices(items, of: order.id, bulk: false, naming: state.itemIds)
            dialog.reoffer()
        } else {
            effects = keys.map { .loadOrder($0) }
        }
        // A delivered or canceled order has nowhere to go: say so once, without a dialog.
        if dialog.allowed.isEmpty, dialog.items != nil || keys.allSatisfy({ (dialog.orderStatuses[$0] ?? .pending).isFinal }) {
            let where_ = keys.count == 1 ? " (\(keys[0].idOrder): \(state.text.status(summaries[0].status)))" : ""
            state.message = StatusMessage(text: state.text[.noAllowedStatus] + where_, isError: true)
            return []
        }
        if dialog.allowed.isEmpty { dialog.error = state.text[.noAllowedStatus] }
        state.overlay = .changeStatus(dialog)
        return effects + [.loadUnsentChanges(keys)]
    }

    /// The open dialog's orders' unsent changes arrived (or changed).
    static func unsentLoaded(_ state: inout AppState, _ keys: [OrderKey], _ entries: [OutboxActivity]) {
        state.editOverlay(.changeStatus) { _, dialog in
            guard dialog.keys == keys else { return [] }
            dialog.unsent = entries.filter { $0.state == .queued || $0.state == .sending }
            return []
        }
    }

    /// What the warning names: who queued what, not yet sent; nil when nothing waits.
    /// `ana: status 4301/2001 → shipped (DHL), sending · +2`
    static func unsentLine(_ dialog: StatusDialog, _ state: AppState) -> String? {
        guard let first = dialog.unsent.first else { return nil }
        let t = state.text
        let who = first.queuedBy.map { ($0 == state.operatorName ? t[.queuedByYou] : $0) + ": " } ?? ""
        let more = dialog.unsent.count > 1 ? " · +\(dialog.unsent.count - 1)" : ""
        return "\(who)\(t.describe(first.change)), \(t.describe(first.state))\(more)"
    }

    /// Checklist entries for one order's items; in a bulk change each names its order.
    static func choices(_ items: [YujuOrder.Item], of order: OrderKey, bulk: Bool, naming field: ItemIdField) -> [StatusDialog.ItemChoice] {
        items.map { item in
            let parts = (bulk ? [order.idOrder] : []) + [item.sku, item.name].compactMap { $0 }
            let label = parts.joined(separator: " · ")
            return StatusDialog.ItemChoice(order: order, wireId: item.wireId(field), label: label.isEmpty ? item.idItem : label, status: item.status)
        }
    }

    /// An order of the open dialog finished loading: add its items, keeping the marked order.
    static func add(_ order: YujuOrder, to dialog: inout StatusDialog, naming field: ItemIdField) {
        guard let items = order.items, dialog.keys.contains(order.id), dialog.items?.contains(where: { $0.order == order.id }) != true
        else { return }
        let merged = (dialog.items ?? []) + choices(items, of: order.id, bulk: dialog.isBulk, naming: field)
        let rank = Dictionary(uniqueKeysWithValues: dialog.keys.enumerated().map { ($1, $0) })
        dialog.items = merged.enumerated().sorted { (rank[$0.element.order] ?? 0, $0.offset) < (rank[$1.element.order] ?? 0, $1.offset) }.map(\.element)
        dialog.orderStatuses[order.id] = order.status
        dialog.reoffer()
        if !dialog.allowed.isEmpty, dialog.error != nil, dialog.focus == .status { dialog.error = nil }
    }

    static func key(_ state: inout AppState, _ dialog: inout StatusDialog, _ key: Key) -> [Effect] {
        let fields = dialog.fields, map = state.keyMap
        if map.matches(key, .cancel) {
            state.overlay = nil
            return []
        }
        if map.matches(key, .nextField) || map.matches(key, .previousField) {
            let index = fields.firstIndex(of: dialog.focus) ?? 0
            let step = map.matches(key, .nextField) ? 1 : fields.count - 1
            dialog.focus = fields[(index + step) % fields.count]
            return []
        }
        if map.matches(key, .confirm) { return confirm(&state, &dialog) }
        dialog.error = nil
        switch dialog.focus {
        case .status:
            let before = dialog.statusIndex
            if key == .up || state.keyMap.matches(key, .moveUp) { dialog.statusIndex = max(0, dialog.statusIndex - 1) }
            if key == .down || state.keyMap.matches(key, .moveDown) { dialog.statusIndex = max(0, min(dialog.allowed.count - 1, dialog.statusIndex + 1)) }
            if dialog.statusIndex != before { dialog.retick() }
        case .carrier:
            let count = dialog.filteredCarriers.count
            switch key {
            case .up:
                if let pick = dialog.carrierPick { dialog.carrierPick = pick == 0 ? nil : pick - 1 }
            case .down:
                if count > 0 { dialog.carrierPick = min(count - 1, (dialog.carrierPick ?? -1) + 1) }
            default:
                if TextInput.apply(key, to: &dialog.carrierQuery) {
                    dialog.carrierPick = dialog.filteredCarriers.isEmpty ? nil : 0
                }
            }
        case .items:
            guard var items = dialog.items, !items.isEmpty else { break }
            if key == .up || map.matches(key, .moveUp) {
                dialog.itemCursor = max(0, dialog.itemCursor - 1)
            } else if key == .down || map.matches(key, .moveDown) {
                dialog.itemCursor = min(items.count - 1, dialog.itemCursor + 1)
            } else if map.matches(key, .toggle) {
                if let at = items[dialog.itemCursor].blockedAt, let target = dialog.chosenStatus {
                    dialog.error = blockedText(state, items[dialog.itemCursor].label, at: at, target: target)
                } else {
                    items[dialog.itemCursor].checked.toggle()
                }
            } else if map.matches(key, .toggleAll) {
                let open = items.indices.filter { items[$0].blockedAt == nil }
                let all = !open.allSatisfy { items[$0].checked }
                for i in open { items[i].checked = all }
            }
            dialog.items = items
        case .mirror:
            if map.matches(key, .toggle) { dialog.mirrorToBridge.toggle() }
        }
        return []
    }

    private static func confirm(_ state: inout AppState, _ dialog: inout StatusDialog) -> [Effect] {
        guard !dialog.allowed.isEmpty, let target = dialog.chosenStatus else { return [] }
        switch dialog.plan(noItemText: state.text[.noAllowedStatus]) {
        case .failure(let failure):
            // The vendor's text verbatim; in a bulk change, prefixed by the order it is about.
            dialog.error = dialog.isBulk ? failure.field.map { "\($0): \(failure.message)" } ?? failure.message : failure.message
            return []
        case .success(let plan):
            guard !plan.requests.isEmpty else {
                dialog.error = "\(state.text[.noAllowedStatus]) \(blockedList(plan.blocked, target: target, state.text))"
                return []
            }
            if dialog.mirrorToBridge && dialog.bridgeAvailable, let refusal = state.bridgeMirrorGate?.refusal(for: plan.requests) {
                dialog.error = state.text.describe(refusal)
                return []
            }
            state.overlay = nil
            state.marks.removeAll()
            let changing = Set(plan.requests.map(\.key))
            // Shown at once; the outbox events then move it to sending/accepted/failed.
            let queued = changing.compactMap { key -> OrderSummary? in
                guard var summary = state.orders.summary(for: key) else { return nil }
                summary.outboxState = .queued
                return summary
            }
            let current = state.currentSummary?.key
            state.orders.upsert(queued)
            ListUpdate.follow(&state, current)
            let noun = state.text[changing.count == 1 ? .queuedChange : .queuedChanges]
            var text = "\(changing.count) \(noun): → \(target)"
            // The status bar counts requests: say when the orders take more than one step each.
            if plan.requests.count > changing.count { text += " (\(plan.requests.count) \(state.text[.steps]))" }
            if !plan.blocked.isEmpty { text += " · \(state.text[.notChanged]) \(blockedList(plan.blocked, target: target, state.text))" }
            state.message = StatusMessage(text: text, isError: false, aboutQueuedChanges: true)
            return [.changeStatus(plan.requests, mirrorToBridge: dialog.mirrorToBridge && dialog.bridgeAvailable)]
        }
    }

    /// `2005 (delivered), 2007 (canceled)`: the orders a target leaves out, and where they are.
    static func blockedList(_ blocked: [StatusChangePlan.Blocked], target: OrderStatus, _ t: L10n) -> String {
        let shown = blocked.prefix(5).map { "\($0.key.idOrder) (\($0.status == target ? "= " : "")\(t.status($0.status)))" }
        return shown.joined(separator: ", ") + (blocked.count > 5 ? ", +\(blocked.count - 5)" : "")
    }

    static func blockedText(_ state: AppState, _ label: String, at: OrderStatus, target: OrderStatus) -> String {
        let t = state.text
        return at == target ? "\(label): \(t[.alreadyAt]) \(t.status(target))" : "\(label): \(t.status(at)) ↛ \(t.status(target))"
    }
}

/// The outbound dialog (add, or change the record it was opened on).
enum OutboundUpdate {
    static func key(_ state: inout AppState, _ dialog: inout OutboundDialog, _ key: Key) -> [Effect] {
        let map = state.keyMap, count = OutboundDialog.Field.allCases.count
        if map.matches(key, .cancel) {
            state.overlay = nil
            return []
        } else if map.matches(key, .nextField) || key == .down {
            dialog.focus = OutboundDialog.Field(rawValue: (dialog.focus.rawValue + 1) % count)!
        } else if map.matches(key, .previousField) || key == .up {
            dialog.focus = OutboundDialog.Field(rawValue: (dialog.focus.rawValue + count - 1) % count)!
        } else if dialog.focus == .status, map.matches(key, .pickPrevious) || map.matches(key, .pickNext) {
            dialog.pickStatus(by: map.matches(key, .pickNext) ? 1 : -1)
            dialog.error = nil
        } else if map.matches(key, .confirm) {
            switch dialog.request() {
            case .failure(let failure):
                // Which field, in the operator's words, with the cursor put on it: never Yuju's
                // bare "message: Error.".
                if let field = OutboundDialog.field(named: failure.field) {
                    dialog.focus = field
                    dialog.error = "\(state.text[field.label]): \(state.text[field == .extra ? .extraMalformed : .fieldRequired])"
                } else {
                    dialog.error = failure.field.map { "\($0): \(failure.message)" } ?? failure.message
                }
            case .success(let request):
                state.overlay = nil
                if let record = dialog.editing {
                    state.message = StatusMessage(text: state.text[.outboundUpdateQueued], isError: false)
                    return [.updateOutbound(dialog.key, pk: record.orderIntExternalPk, request)]
                }
                state.message = StatusMessage(text: state.text[.outboundQueued], isError: false)
                return [.addOutbound(dialog.key, request)]
            }
        } else {
            var value = dialog.value(dialog.focus)
            if TextInput.apply(key, to: &value) {
                dialog.values[dialog.focus] = value
                dialog.error = nil
            }
        }
        return []
    }
}

/// The report confirmation: the range is typed (days or dates); ←/→ step it a day.
enum ReportUpdate {
    static func key(_ state: inout AppState, _ dialog: inout ReportDialog, _ key: Key) -> [Effect] {
        let map = state.keyMap
        if map.matches(key, .cancel) || map.matches(key, .back) {
            state.overlay = nil
        } else if map.matches(key, .dayLater) {
            step(&dialog, by: 1)
        } else if map.matches(key, .dayEarlier) {
            step(&dialog, by: -1)
        } else if map.matches(key, .confirm) {
            return run(&state, &dialog)
        } else if case .char(let c) = key, ReportRange.accepts(c) {
            _ = TextInput.apply(key, to: &dialog.rangeText)
            dialog.error = nil
        } else if key == .backspace || key == .ctrl("u") {
            _ = TextInput.apply(key, to: &dialog.rangeText)
            dialog.error = nil
        }
        return []
    }

    /// Spends the run, or says in the operator's words, about the field, why not.
    private static func run(_ state: inout AppState, _ dialog: inout ReportDialog) -> [Effect] {
        guard let runs = dialog.runsLeft, runs > 0 else {
            dialog.error = dialog.runsLeft == 0 ? state.text[.reportNone] : nil
            return []
        }
        guard let request = dialog.request(now: state.now, zone: state.timeZone) else {
            dialog.error = state.text[.reportRangeBad]
            return []
        }
        if dialog.orderIds.isEmpty, let span = dialog.range?.spanDays(now: state.now, zone: state.timeZone), span > ReportRequest.maxRangeDays {
            dialog.error = "\(state.text[.reportRangeTooLong]) (\(span))"
            return []
        }
        do {
            try request.validate()
        } catch {
            dialog.error = error.message
            return []
        }
        state.overlay = nil
        state.reportProgress = .asked
        return [.runReport(request)]
    }

    /// One day more or less, when the range is a number of days (or empty).
    private static func step(_ dialog: inout ReportDialog, by delta: Int) {
        let days: Int
        switch dialog.range {
        case .days(let n): days = n
        case nil where dialog.rangeText.trimmingCharacters(in: .whitespaces).isEmpty: days = 0
        default: return
        }
        dialog.rangeText = String(max(1, min(ReportRequest.maxRangeDays, days + delta)))
        dialog.error = nil
    }
}
