import OrderKit

/// The change-status dialog: open, edit, confirm.
enum StatusUpdate {
    static func open(_ state: inout AppState) -> [Effect] {
        let keys = state.targetKeys
        guard !keys.isEmpty else { return [] }
        let statuses = keys.map { key -> OrderStatus in
            if let order = state.detail?.order, order.id == key { return order.status }
            return state.orders.summary(for: key)?.status ?? .pending
        }
        var dialog = StatusDialog(keys: keys, statuses: statuses, carriers: state.carriers, defaultCarrier: state.defaultCarrier,
                                  bridgeAvailable: state.bridgeConfigured)
        var effects: [Effect] = []
        if keys.count == 1, let order = state.detail?.order, order.id == keys[0], let items = order.items {
            dialog.items = choices(items, of: order.id, bulk: false)
        } else {
            effects = keys.map { .loadOrder($0) }
        }
        if dialog.allowed.isEmpty { dialog.error = state.text[.noAllowedStatus] }
        state.overlay = .changeStatus(dialog)
        return effects
    }

    /// Checklist entries for one order's items; in a bulk change each names its order.
    static func choices(_ items: [YujuOrder.Item], of order: OrderKey, bulk: Bool) -> [StatusDialog.ItemChoice] {
        items.map { item in
            let parts = (bulk ? [order.idOrder] : []) + [item.sku, item.name].compactMap { $0 }
            let label = parts.joined(separator: " · ")
            return StatusDialog.ItemChoice(order: order, wireId: item.wireId, label: label.isEmpty ? item.idItem : label, status: item.status)
        }
    }

    /// An order of the open dialog finished loading: add its items, keeping the marked order.
    static func add(_ order: YujuOrder, to dialog: inout StatusDialog) {
        guard let items = order.items, dialog.keys.contains(order.id), dialog.items?.contains(where: { $0.order == order.id }) != true
        else { return }
        let merged = (dialog.items ?? []) + choices(items, of: order.id, bulk: dialog.isBulk)
        let rank = Dictionary(uniqueKeysWithValues: dialog.keys.enumerated().map { ($1, $0) })
        dialog.items = merged.enumerated().sorted { (rank[$0.element.order] ?? 0, $0.offset) < (rank[$1.element.order] ?? 0, $1.offset) }.map(\.element)
    }

    static func key(_ state: inout AppState, _ dialog: StatusDialog, _ key: Key) -> [Effect] {
        var dialog = dialog
        defer { if state.overlay != nil { state.overlay = .changeStatus(dialog) } }
        let fields = dialog.fields
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .tab, .backTab:
            let index = fields.firstIndex(of: dialog.focus) ?? 0
            let step = key == .tab ? 1 : fields.count - 1
            dialog.focus = fields[(index + step) % fields.count]
            return []
        case .enter:
            return confirm(&state, &dialog)
        default:
            break
        }
        dialog.error = nil
        switch dialog.focus {
        case .status:
            if key == .up || state.keyMap.matches(key, .moveUp) { dialog.statusIndex = max(0, dialog.statusIndex - 1) }
            if key == .down || state.keyMap.matches(key, .moveDown) { dialog.statusIndex = min(dialog.allowed.count - 1, dialog.statusIndex + 1) }
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
            switch key {
            case .up: dialog.itemCursor = max(0, dialog.itemCursor - 1)
            case .down: dialog.itemCursor = min(items.count - 1, dialog.itemCursor + 1)
            case .char(" "): items[dialog.itemCursor].checked.toggle()
            case .char("a"):
                let all = !items.allSatisfy(\.checked)
                for i in items.indices { items[i].checked = all }
            default:
                if state.keyMap.matches(key, .moveUp) { dialog.itemCursor = max(0, dialog.itemCursor - 1) }
                if state.keyMap.matches(key, .moveDown) { dialog.itemCursor = min(items.count - 1, dialog.itemCursor + 1) }
            }
            dialog.items = items
        case .mirror:
            if key == .char(" ") { dialog.mirrorToBridge.toggle() }
        }
        return []
    }

    private static func confirm(_ state: inout AppState, _ dialog: inout StatusDialog) -> [Effect] {
        guard !dialog.allowed.isEmpty else { return [] }
        switch dialog.requests(noItemText: state.text[.noAllowedStatus]) {
        case .failure(let failure):
            // The vendor's text verbatim; in a bulk change, prefixed by the order it is about.
            dialog.error = dialog.isBulk ? failure.field.map { "\($0): \(failure.message)" } ?? failure.message : failure.message
            return []
        case .success(let requests):
            if dialog.mirrorToBridge && dialog.bridgeAvailable, let refusal = state.bridgeMirrorGate?.refusal(for: requests) {
                dialog.error = refusal.description
                return []
            }
            state.overlay = nil
            state.marks.removeAll()
            // Shown at once; the outbox events then move it to sending/sent/failed.
            let queued = requests.compactMap { request -> OrderSummary? in
                guard var summary = state.orders.summary(for: request.key) else { return nil }
                summary.outboxState = .queued
                return summary
            }
            let current = state.currentSummary?.key
            state.orders.upsert(queued)
            ListUpdate.follow(&state, current)
            let noun = state.text[requests.count == 1 ? .queuedChange : .queuedChanges]
            state.message = StatusMessage(text: "\(requests.count) \(noun): → \(requests[0].status)", isError: false)
            return [.changeStatus(requests, mirrorToBridge: dialog.mirrorToBridge && dialog.bridgeAvailable)]
        }
    }
}

/// The add-outbound dialog.
enum OutboundUpdate {
    static func key(_ state: inout AppState, _ dialog: OutboundDialog, _ key: Key) -> [Effect] {
        var dialog = dialog
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .tab, .down:
            dialog.focus = OutboundDialog.Field(rawValue: (dialog.focus.rawValue + 1) % OutboundDialog.Field.allCases.count)!
        case .backTab, .up:
            let count = OutboundDialog.Field.allCases.count
            dialog.focus = OutboundDialog.Field(rawValue: (dialog.focus.rawValue + count - 1) % count)!
        case .enter:
            switch dialog.request() {
            case .failure(let failure):
                dialog.error = failure.field.map { "\($0): \(failure.message)" } ?? failure.message
            case .success(let request):
                state.overlay = nil
                state.message = StatusMessage(text: state.text[.outboundQueued], isError: false)
                return [.addOutbound(dialog.key, request)]
            }
        default:
            var value = dialog.value(dialog.focus)
            if TextInput.apply(key, to: &value) {
                dialog.values[dialog.focus] = value
                dialog.error = nil
            }
        }
        state.overlay = .addOutbound(dialog)
        return []
    }
}

/// The report confirmation.
enum ReportUpdate {
    static func key(_ state: inout AppState, _ dialog: ReportDialog, _ key: Key) -> [Effect] {
        var dialog = dialog
        switch key {
        case .escape, .char("q"):
            state.overlay = nil
            return []
        case .char("+"), .right:
            dialog.days = min(ReportRequest.maxRangeDays, dialog.days + 1)
        case .char("-"), .left:
            dialog.days = max(1, dialog.days - 1)
        case .enter:
            guard let runs = dialog.runsLeft, runs > 0 else {
                dialog.error = dialog.runsLeft == 0 ? state.text[.reportNone] : nil
                break
            }
            let request = dialog.request(now: state.now)
            do {
                try request.validate()
            } catch {
                dialog.error = error.message
                break
            }
            state.overlay = nil
            state.reportProgress = state.text[.reportStarted]
            state.message = StatusMessage(text: state.text[.reportStarted], isError: false)
            return [.runReport(request)]
        default:
            break
        }
        state.overlay = .report(dialog)
        return []
    }
}
