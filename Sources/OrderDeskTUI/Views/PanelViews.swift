import Foundation
import OrderKit

/// `?`: every command with its live keys, generated from the key map.
enum HelpView {
    static func render(scroll: Int, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let subject = state.helpSubject
        let commands = ScreenKeys.helpCommands(for: subject)
        let rect = Box.centered(in: buffer, width: 76, height: commands.count + 2)
        let title = "\(t[.helpTitle]) · \(t[subject == .detail ? .helpDetail : .helpList])"
        Box.draw(&buffer, rect, title: title, style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        let keyWidth = min(16, inner.width / 3)
        for (row, command) in commands.dropFirst(scroll).prefix(inner.height).enumerated() {
            buffer.put(t.label(ScreenKeys.helpKeys(command, on: subject, state.keyMap)), x: inner.x, y: inner.y + row, maxWidth: keyWidth,
                       style: theme.style(.helpKey))
            buffer.put(t.describe(command, on: subject), x: inner.x + keyWidth + 1, y: inner.y + row, maxWidth: inner.width - keyWidth - 1,
                       style: theme.style(.dialog))
        }
    }
}

/// `b`: every limit in full, with the last 429 and its text.
enum BudgetsView {
    static func render(_ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let rect = Box.centered(in: buffer, width: 76, height: 4 * 3 + 3)
        Box.draw(&buffer, rect, title: t[.budgetsTitle], style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        var y = inner.y
        func line(_ text: String, _ role: ThemeRole) {
            guard y < inner.y + inner.height else { return }
            buffer.put(text, x: inner.x, y: y, maxWidth: inner.width, style: theme.style(role))
            y += 1
        }
        for kind in BudgetKind.allCases {
            let name: String
            switch kind {
            case .yujuGeneral: name = "Yuju"
            case .yujuReport: name = "Yuju \(t[.reportRuns].lowercased())"
            case .bridge: name = "BRIDGE"
            case .datacrush: name = "Datacrush"
            }
            guard let b = state.budgets[kind] else {
                line("\(name): —", .dialogTitle)
                continue
            }
            let window = b.windowSeconds <= 1 ? t[.perSecond] : b.windowSeconds >= 86_400 ? t[.perDay] : t[.perMinute]
            var first = "\(name): \(b.available) \(t[.available]) · \(b.used)/\(b.capacity) \(t[.used])\(window) · \(b.queued) \(t[.queued])"
            if b.queued > 0 { first += " · \(t[.drain]) \(Format.duration(b.drainSeconds))" }
            line(first, .dialogTitle)
            var second = "  "
            if let next = b.nextFreeAt, next > state.now { second += "\(t[.nextFree]) \(Format.duration(next.timeIntervalSince(state.now))) · " }
            if let blocked = b.blockedUntil, blocked > state.now { second += "\(t[.blockedUntil]) \(state.timestamp(blocked)) · " }
            second += "\(t[.last429]): " + (b.last429At.map { state.timestamp($0) + " (-" + Format.duration(state.now.timeIntervalSince($0)) + ")" } ?? t[.never])
            line(second, b.last429At == nil ? .dialog : .error)
            line("  " + (b.last429Message ?? ""), .dialog)
        }
    }
}

/// `a`: the outbox, newest first, with retry.
enum ActivityView {
    static func render(cursor: Int, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let rect = Box.centered(in: buffer, width: buffer.width - 4, height: buffer.height - 2)
        let title = t[.activityTitle] + (StatusBarView.progressText(state).map { " · " + $0 } ?? "")
        Box.draw(&buffer, rect, title: title, style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        // Its keys are in the hint bar under it.
        let rows = inner.height
        if state.activity.isEmpty {
            buffer.put(t[.emptyOutbox], x: inner.x, y: inner.y, maxWidth: inner.width, style: theme.style(.dialog))
        }
        let start = max(0, min(cursor - rows + 1, state.activity.count - rows))
        var y = inner.y
        for index in start..<min(state.activity.count, start + rows) {
            let entry = state.activity[index]
            let selected = index == cursor
            let base = theme.style(selected ? .dialogFocus : .dialog)
            buffer.fill(x: inner.x, y: y, width: inner.width, style: base)
            var x = inner.x
            x += buffer.put("#\(entry.id) ", x: x, y: y, maxWidth: 8, style: base)
            x += buffer.put(Format.right(t.describe(entry.state), 9) + " ", x: x, y: y, maxWidth: 10,
                            style: selected ? base : theme.style(ThemeRole.forOutbox(entry.state), on: .dialog))
            x += buffer.put("\(Format.duration(state.now.timeIntervalSince(entry.updatedAt))) ×\(entry.attempts) ", x: x, y: y, style: base)
            var text = state.text.describe(entry.change)
            if let error = entry.lastError, entry.state == .failed || entry.state == .refused { text += " — " + error }
            buffer.put(text, x: x, y: y, maxWidth: inner.x + inner.width - x, style: base)
            y += 1
        }
    }
}

/// `f`: statuses and channels to keep.
enum FacetsView {
    static func render(_ panel: FacetsPanel, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let rect = Box.centered(in: buffer, width: 48, height: panel.entries.count + 2)
        Box.draw(&buffer, rect, title: t[.facetsTitle], style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        let rows = inner.height
        let start = max(0, min(panel.cursor - rows + 1, panel.entries.count - rows))
        var y = inner.y
        for index in start..<min(panel.entries.count, start + rows) {
            let text: String
            switch panel.entries[index] {
            case .status(let status, let count):
                text = (state.orders.statusFacet.contains(status) ? "[x] " : "[ ] ") + "\(t[.facetStatus]) \(t.status(status))  (\(state.formats.grouped(count)))"
            case .channel(let channel, let count):
                text = (state.orders.channelFacet.contains(channel) ? "[x] " : "[ ] ") + "\(t[.facetChannel]) \(state.channelLabel(channel))  (\(state.formats.grouped(count)))"
            }
            buffer.put(text, x: inner.x, y: y, maxWidth: inner.width, style: theme.style(index == panel.cursor ? .dialogFocus : .dialog))
            y += 1
        }
    }
}

/// `q` with changes unsent: how many, what becomes of them, and y to quit anyway.
enum ConfirmQuitView {
    static func render(unsent: Int, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let rect = Box.centered(in: buffer, width: 60, height: 4)
        Box.draw(&buffer, rect, title: t[.quitTitle], style: theme.style(.dialog), titleStyle: theme.style(.dialogTitle))
        let inner = rect.inner
        buffer.put("\(unsent) \(t[.quitUnsent])", x: inner.x, y: inner.y, maxWidth: inner.width, style: theme.style(.dialogTitle))
        buffer.put(t[state.isSandbox ? .quitSandboxLost : .quitResumeLater], x: inner.x, y: inner.y + 1, maxWidth: inner.width,
                   style: theme.style(state.isSandbox ? .error : .dialog))
    }
}
