import Foundation
import OrderKit

/// The bottom two lines: the message/filter line and the always-visible budgets.
enum StatusBarView {
    static func renderMessageLine(_ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let y = state.layout.messageRow
        guard y >= 1 else { return }
        let t = state.text
        var x = 0
        if state.detail == nil && (state.filterEditing || !state.filterText.isEmpty) {
            let style = theme.style(.filter)
            x += buffer.put(t[.filterPrompt], x: 0, y: y, style: style)
            x += buffer.put(state.filterText, x: x, y: y, maxWidth: max(1, buffer.width - x - 1), style: style)
            if state.filterEditing { x += buffer.put("▏", x: x, y: y, style: style) }
            x += 2
        }
        if let message = state.message {
            buffer.put(message.text, x: x, y: y, style: theme.style(message.isError ? .error : .info))
        } else {
            // After the filter when one is shown: the keys stay in sight while it is typed.
            HintBarView.render(ScreenKeys.hints(state), x: x, y: y, theme, into: &buffer)
        }
    }

    /// The hint bar's text at the screen's width (what tests and the e2e check read).
    static func keyHint(_ state: AppState) -> String {
        HintBarView.text(ScreenKeys.hints(state), width: state.width)
    }

    static func renderBudgets(_ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let y = state.layout.budgetsRow
        guard y >= 0 else { return }
        let bar = theme.style(.statusbar)
        buffer.fill(y: y, style: bar)
        // The listener's indicator keeps its place at the right end; the budgets give way.
        var end = buffer.width
        if let listener = listenerSegment(state) {
            let text = " " + listener.text + " "
            let width = DisplayWidth.of(text)
            if width < buffer.width / 2 {
                end -= width
                buffer.put(text, x: end, y: y, style: listener.warning ? theme.style(.statusbarWarning) : bar)
            }
        }
        var x = 0
        if state.isSandbox {
            x += buffer.put(" \(state.text[.sandbox]) ", x: x, y: y, maxWidth: end, style: theme.style(.statusbarSandbox))
        }
        for segment in segments(state) {
            guard x < end - 1 else { break }
            let style = segment.warning ? theme.style(.statusbarWarning) : bar
            x += buffer.put(" " + segment.text + " ", x: x, y: y, maxWidth: end - x, style: style)
            x += buffer.put("│", x: x, y: y, maxWidth: end - x, style: bar)
        }
    }

    /// `webhooks on`, `webhooks 12 waiting` while notified orders wait for their GET, `webhooks
    /// off`, or `webhooks failed` (a warning). Nil when the backend never said (no indicator).
    static func listenerSegment(_ state: AppState) -> Segment? {
        let t = state.text
        switch state.webhookListener {
        case nil: return nil
        case .listening(let waiting) where waiting > 0:
            return Segment(text: "webhooks \(waiting) \(t[.webhooksWaiting])", warning: false)
        case .listening: return Segment(text: t[.webhooksOn], warning: false)
        case .off: return Segment(text: t[.webhooksOff], warning: false)
        case .failed: return Segment(text: t[.webhooksFailed], warning: true)
        }
    }

    struct Segment: Equatable { var text: String; var warning: Bool }

    /// The outbox backlog: `7/20 accepted · 1 failed · ~7 s` while it drains, then
    /// `20 accepted, 0 failed` until dismissed. Nil when there is none.
    static func progressText(_ state: AppState) -> String? {
        guard let progress = state.progress, progress.total > 0 else { return nil }
        let t = state.text
        let failed = progress.notAccepted.count
        if progress.isFinished {
            return "\(progress.accepted.count) \(t[.acceptedCount]), \(failed) \(t[.failedCount])"
        }
        let yuju = state.budgets[.yujuGeneral]
        let rate = yuju.map { Double($0.capacity) / max($0.windowSeconds, 0.001) } ?? 2
        var text = "\(progress.accepted.count)/\(progress.total) \(t[.acceptedCount])"
        if failed > 0 { text += " · \(failed) \(t[.failedCount])" }
        return text + " · ~\(Format.duration(progress.secondsLeft(perSecond: rate)))"
    }

    /// The backlog first, then one short segment per limit, in a fixed order, marked when a 429
    /// came in the last minute or nothing is available.
    static func segments(_ state: AppState) -> [Segment] {
        let t = state.text
        var result: [Segment] = []
        if state.teamTrouble != nil { result.append(Segment(text: t[.teamLost], warning: true)) }
        // A running report: here rather than on the message line, which it held for the whole run.
        if let report = state.reportProgress { result.append(Segment(text: t.describe(report), warning: false)) }
        if let progress = progressText(state) {
            result.append(Segment(text: progress, warning: (state.progress?.notAccepted.isEmpty == false)))
        }
        for kind in BudgetKind.allCases {
            guard let b = state.budgets[kind] else { continue }
            let recent429 = b.last429At.map { state.now.timeIntervalSince($0) < 60 } ?? false
            let blocked = b.blockedUntil.map { $0 > state.now } ?? false
            var text: String
            switch kind {
            case .yujuGeneral:
                text = "Yuju \(b.available)/\(b.capacity)\(t[.perSecond])"
                // The pacer's own queue only while no outbox backlog is counted (reads, reports).
                if b.queued > 0, state.progress.map({ $0.isFinished }) ?? true {
                    text += " \(t[.queue]) \(b.queued) ~\(Format.duration(b.drainSeconds))"
                }
            case .yujuReport:
                // Like every segment: what may start now, of the capacity (runs left in 24 h).
                text = "\(t[.reportRuns]) \(b.available)/\(b.capacity)"
                if let next = b.nextFreeAt, next > state.now { text += " \(t[.nextFree]) \(Format.duration(next.timeIntervalSince(state.now)))" }
            case .bridge:
                text = "BRIDGE \(b.available)/\(b.capacity)"
            case .datacrush:
                text = "Datacrush \(b.available)/\(b.capacity)"
            }
            if recent429 { text += " 429" }
            result.append(Segment(text: text, warning: recent429 || blocked || (b.available == 0 && b.queued > 0)))
        }
        return result
    }
}
