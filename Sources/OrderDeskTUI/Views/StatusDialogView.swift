import OrderKit

/// The change-status dialog: allowed statuses, carrier picker, item checklist, BRIDGE toggle.
enum StatusDialogView {
    static func render(_ dialog: StatusDialog, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let carriers = dialog.filteredCarriers
        // On short screens the lists shrink so every field (and the hint) stays visible.
        let compact = buffer.height < 24
        let itemRows = min(dialog.items?.count ?? 1, compact ? 2 : 6)
        // In a bulk change, the orders the chosen status leaves out are named before Enter.
        let blocked = dialog.isBulk ? dialog.chosenStatus.map { target in
            (target, StatusChangePlan(target: target, carrier: nil, orders: dialog.planOrders).blocked)
        } : nil
        let carrierRows = min(max(carriers.count, 1), compact ? 2 : 5)
        // Up to four statuses are offered now: on short screens they scroll like the other lists.
        let statusRows = min(max(dialog.allowed.count, 1), compact ? 2 : 4)
        // Border, current, status label + choices, carrier label + list, items, BRIDGE, error (the
        // keys are in the hint bar under the dialog).
        let wanted = 2 + (compact ? 0 : 1) + 1 + statusRows + 1 + carrierRows + 1 + itemRows
            + (dialog.bridgeAvailable ? 1 : 0) + (dialog.error == nil ? 0 : 1) + (blocked?.1.isEmpty == false ? 1 : 0)
            + (dialog.unsent.isEmpty ? 0 : compact ? 1 : 2)
        let rect = Box.centered(in: buffer, width: 72, height: wanted)
        let base = theme.style(.dialog)
        let subject = dialog.isBulk ? "\(dialog.keys.count) \(t[.forOrders])" : dialog.keys[0].description
        Box.draw(&buffer, rect, title: "\(t[.changeStatusTitle]) · \(subject)", style: base, titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        var y = inner.y
        let bottom = inner.y + inner.height
        func line(_ text: String, _ role: ThemeRole = .dialog, indent: Int = 0) {
            guard y < bottom else { return }
            buffer.put(text, x: inner.x + indent, y: y, maxWidth: inner.width - indent, style: theme.style(role, on: .dialog))
            y += 1
        }
        // The focused field's keys are in the hint bar (`ScreenKeys`), which follows the focus.
        func label(_ text: String, _ field: StatusDialog.Field) {
            let focused = dialog.focus == field
            line((focused ? "▸ " : "  ") + text, focused ? .dialogTitle : .dialog)
        }

        if !compact { line("\(t[.current]): " + dialog.currentStatuses.map(t.status).joined(separator: ", ")) }
        // On short screens the heading goes: the sign and the names say enough.
        if let unsent = StatusUpdate.unsentLine(dialog, state) {
            if !compact { line("⚠ " + t[.unsentBefore], .error) }
            line((compact ? "⚠ " : "  ") + unsent, .error)
        }
        label(t[.newStatus], .status)
        if dialog.allowed.isEmpty { line(t[.noAllowedStatus], .error, indent: 4) }
        let firstStatus = max(0, min(dialog.statusIndex - statusRows + 1, dialog.allowed.count - statusRows))
        for (i, status) in dialog.allowed.enumerated().dropFirst(firstStatus).prefix(statusRows) {
            let chosen = i == dialog.statusIndex
            line((chosen ? "(•) " : "( ) ") + t.status(status), chosen ? (dialog.focus == .status ? .dialogFocus : .dialogSelected) : .dialog, indent: 4)
        }

        label("\(t[.carrierField]): " + dialog.carrierQuery + (dialog.focus == .carrier ? "▏" : ""), .carrier)
        if carriers.isEmpty {
            line(dialog.chosenCarrier.map { "\"\($0)\" (\(t[.carrierFree]))" } ?? t[.carrierDefault], .dim, indent: 4)
        } else {
            let pick = dialog.carrierPick
            let start = max(0, min((pick ?? 0) - carrierRows + 1, carriers.count - carrierRows))
            if pick == nil { line(dialog.chosenCarrier.map { "» \"\($0)\" (\(t[.carrierFree]))" } ?? "» " + t[.carrierDefault], .dialogSelected, indent: 4) }
            for i in start..<min(carriers.count, start + carrierRows - (pick == nil ? 1 : 0)) {
                let chosen = i == pick
                line((chosen ? "» " : "  ") + carriers[i], chosen ? (dialog.focus == .carrier ? .dialogFocus : .dialogSelected) : .dialog, indent: 4)
            }
        }

        if let items = dialog.items {
            label("\(t[.itemsField]) (\(items.filter(\.checked).count)/\(items.count))", .items)
            let start = max(0, min(dialog.itemCursor - itemRows + 1, items.count - itemRows))
            for i in start..<min(items.count, start + itemRows) {
                let item = items[i]
                let focused = dialog.focus == .items && i == dialog.itemCursor
                // An item that cannot take the chosen status shows a dash where its box would be.
                let box = item.blockedAt != nil ? " -  " : item.checked ? "[x] " : "[ ] "
                line(box + item.label + (item.status.map { "  (\(t.status($0)))" } ?? ""),
                     focused ? .dialogFocus : item.blockedAt != nil ? .dim : .dialog, indent: 4)
            }
        } else {
            line("\(t[.itemsField]): \(t[.loading])", .dim)
        }

        if let (target, orders) = blocked, !orders.isEmpty {
            line("\(t[.notChanged]) \(StatusUpdate.blockedList(orders, target: target, t))", .dim)
        }
        if dialog.bridgeAvailable {
            label((dialog.mirrorToBridge ? "[x] " : "[ ] ") + t[.mirrorBridge], .mirror)
        }
        if let error = dialog.error { line(error, .error) }
    }
}

/// The outbound dialog (add, or edit a record): one line per field.
enum OutboundDialogView {
    static func render(_ dialog: OutboundDialog, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let rect = Box.centered(in: buffer, width: 72, height: 11)
        let title = dialog.editing.map { "\(t[.editOutboundTitle]) · \(dialog.key) · \($0.orderIntExternalPk.prefix(8))" } ?? "\(t[.addOutboundTitle]) · \(dialog.key)"
        Box.draw(&buffer, rect, title: title, style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        var y = inner.y
        let labelWidth = min(18, inner.width / 3)
        for field in OutboundDialog.Field.allCases where y < inner.y + inner.height {
            let focused = field == dialog.focus
            buffer.put(t[field.label] + ":", x: inner.x, y: y, maxWidth: labelWidth, style: theme.style(focused ? .dialogTitle : .dialog))
            buffer.fill(x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, style: theme.style(focused ? .dialogFocus : .dialog))
            buffer.put(dialog.value(field) + (focused ? "▏" : ""), x: inner.x + labelWidth, y: y, maxWidth: inner.width - labelWidth,
                       style: theme.style(focused ? .dialogFocus : .dialog))
            y += 1
            if field == .status, y < inner.y + inner.height { y += statusChoices(dialog, t, theme, x: inner.x + 2, y: y,
                                                                                  width: inner.width - 2, into: &buffer) }
        }
        if let error = dialog.error, y < inner.y + inner.height - 1 {
            buffer.put(error, x: inner.x, y: y + 1, maxWidth: inner.width, style: theme.style(.error))
        }
    }

    /// `←→ picks: created · updated · synced · error`, the one in the field highlighted; the
    /// field still takes any text. Returns the rows used.
    private static func statusChoices(_ dialog: OutboundDialog, _ t: L10n, _ theme: Theme, x: Int, y: Int, width: Int,
                                      into buffer: inout CellBuffer) -> Int {
        let right = x + width
        var column = x + buffer.put(t[.statusChoices] + " ", x: x, y: y, maxWidth: width, style: theme.style(.dim, on: .dialog))
        for (index, choice) in dialog.statusChoices.enumerated() where column < right {
            if index > 0 { column += buffer.put(" · ", x: column, y: y, maxWidth: right - column, style: theme.style(.dim, on: .dialog)) }
            let picked = choice == dialog.value(.status)
            column += buffer.put(choice, x: column, y: y, maxWidth: right - column, style: theme.style(picked ? .dialogSelected : .dialog))
        }
        return 1
    }
}

/// The report confirmation: what will be asked and how many runs are left.
enum ReportDialogView {
    static func render(_ dialog: ReportDialog, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let rect = Box.centered(in: buffer, width: 72, height: 8)
        Box.draw(&buffer, rect, title: t[.reportTitle], style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        var y = inner.y
        func line(_ text: String, _ role: ThemeRole = .dialog) {
            guard y < inner.y + inner.height else { return }
            buffer.put(text, x: inner.x, y: y, maxWidth: inner.width, style: theme.style(role, on: .dialog))
            y += 1
        }
        line(t[.reportConfirm])
        let runs = dialog.runsLeft.map(String.init) ?? "…"
        line("\(t[.reportRunsLeft]) \(runs) / 5", dialog.runsLeft == 0 ? .error : .dialogTitle)
        if dialog.orderIds.isEmpty {
            let label = "\(t[.reportRangeField]): "
            line(label)
            y -= 1
            let x = inner.x + DisplayWidth.of(label)
            buffer.fill(x: x, y: y, width: max(0, min(24, inner.x + inner.width - x)), style: theme.style(.dialogFocus))
            buffer.put(dialog.rangeText + "▏", x: x, y: y, maxWidth: max(0, min(24, inner.x + inner.width - x)), style: theme.style(.dialogFocus))
            y += 1
            // What the typed range means, as the filter Yuju will get; or how to type one.
            if let range = dialog.request(now: state.now, zone: state.timeZone)?.filters.paymentAccreditedAt,
               let from = range.from, let to = range.to {
                let days = dialog.range?.spanDays(now: state.now, zone: state.timeZone).map { " (\($0) d)" } ?? ""
                line("  \(from.replacingOccurrences(of: "T", with: " ")) → \(to.replacingOccurrences(of: "T", with: " "))\(days)", .dim)
            } else {
                line("  " + t[.reportRangeHelp], .dim)
            }
        } else {
            line("\(t[.reportForMarked]) \(dialog.orderIds.count)")
        }
        if dialog.runsLeft == 0 { line(t[.reportNone], .error) }
        if let error = dialog.error { line(error, .error) }
    }
}
