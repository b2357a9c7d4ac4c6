import Foundation
import OrderKit

/// The pure heart of the TUI: every key press and backend answer becomes a state change plus
/// the effects to run. No I/O here, so every transition is a unit test away.
public enum Update {
    public static func update(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            if StartupUpdate.holds(state) {
                state.typeAhead.append(key)
                return []
            }
            let armed = state.clearMarksArmed
            let effects = handleKey(&state, key)
            if armed { MarkUpdate.disarm(&state) }
            LiveMarks.looked(&state)
            return effects
        case .resize(let width, let height):
            state.width = width
            state.height = height
            ListUpdate.keepCursorVisible(&state)
            return []
        case .tick(let now):
            state.now = now
            if let message = state.message {
                if let shown = message.firstShownAt {
                    if now.timeIntervalSince(shown) >= message.lifetime { state.message = nil }
                } else {
                    state.message?.firstShownAt = now
                }
            }
            return []
        case .listLoaded(let list):
            MarkUpdate.endRange(&state)
            let key = state.currentSummary?.key
            state.orders.replaceAll(list)
            state.loaded = true
            state.startup = nil
            ListUpdate.follow(&state, key)
            return StartupUpdate.replay(&state)
        case .startup(let step):
            StartupUpdate.step(&state, step)
            return []
        case .backendReady(let info):
            StartupUpdate.backendReady(&state, info)
            return []
        case .orderLoaded(let key, let order):
            if state.detail?.key == key { state.detail?.order = order }
            if let order, order.id == key {
                state.editOverlay(.changeStatus) { state, dialog in
                    StatusUpdate.add(order, to: &dialog, naming: state.itemIds)
                    return []
                }
            }
            return []
        case .outboundsLoaded(let key, let records, let fetched):
            guard state.detail?.key == key else { return [] }
            if fetched {
                state.detail?.outbounds = DetailUpdate.newestFirst(records)
                state.detail?.fetching = false
                state.detail?.fetchError = nil
            } else if state.detail?.fetching == true {
                state.detail?.outbounds = DetailUpdate.newestFirst(records)
            }
            return []
        case .outboundsFetchFailed(let key, let reason):
            guard state.detail?.key == key else { return [] }
            state.detail?.fetching = false
            state.detail?.fetchError = reason
            return []
        case .auditLoaded(let key, let entries):
            if state.detail?.key == key { state.detail?.audit = entries }
            return []
        case .bridgeLoaded(let key, let response):
            if state.detail?.key == key { state.detail?.bridge = response }
            return []
        case .budgets(let snapshots):
            for snapshot in snapshots { state.budgets[snapshot.kind] = snapshot }
            return []
        case .outboxLoaded(let entries):
            state.activity = Array(entries.prefix(ActivityUpdate.keep))
            // What is queued or being sent belongs to the backlog being counted.
            for entry in entries where entry.state == .queued || entry.state == .sending { ActivityUpdate.count(&state, entry) }
            return []
        case .unsentChangesLoaded(let keys, let entries):
            StatusUpdate.unsentLoaded(&state, keys, entries)
            return []
        case .reportRunsLeft(let runs):
            state.editOverlay(.report) { _, dialog in
                dialog.runsLeft = runs
                return []
            }
            return []
        case .event(let event):
            return handleEvent(&state, event)
        case .effectSucceeded(let outcome):
            state.message = StatusMessage(text: state.text.describe(outcome), isError: false)
            return []
        case .effectFailed(let failure):
            state.message = StatusMessage(text: state.text.describe(failure), isError: true)
            guard !state.loaded, !state.loadFailed else { return [] }
            // The list may never come: the kept keys act now, and so does every later one.
            state.loadFailed = true
            return StartupUpdate.replay(&state)
        }
    }

    private static func handleEvent(_ state: inout AppState, _ event: BackendEvent) -> [Effect] {
        switch event {
        case .outbox(let entry):
            ActivityUpdate.record(&state, entry)
            // The open change dialog names what waits on its orders: keep that current.
            if case .changeStatus(let dialog) = state.overlay, let key = entry.key, dialog.keys.contains(key) {
                return [.loadUnsentChanges(dialog.keys)]
            }
        case .listRewritten:
            return [.loadList]
        case .ordersNotified(let summaries):
            LiveMarks.mark(&state, summaries)
            return handleEvent(&state, .summariesChanged(summaries))
        case .summariesChanged(let summaries):
            MarkUpdate.endRange(&state)
            let key = state.currentSummary?.key
            state.orders.upsert(summaries)
            ListUpdate.follow(&state, key)
            // An open detail shows items and the audit trail: reload them when its order changed.
            if let open = state.detail?.key, summaries.contains(where: { $0.key == open }) {
                return [.loadOrder(open), .loadDetail(open)]
            }
        case .outboundsChanged(let key, let records):
            if state.detail?.key == key {
                state.detail?.outbounds = DetailUpdate.newestFirst(records)
                state.detail?.fetching = false
            }
        case .reportProgress(let step):
            // Progress stays in the status bar; only the outcome takes the message line (a few
            // seconds), so a long report never holds the hint line.
            state.reportProgress = step.isFinal ? nil : step
            if step.isFinal { state.message = StatusMessage(text: state.text.describe(step), isError: false) }
        case .notice(let notice):
            state.message = StatusMessage(text: state.text.describe(notice), isError: notice.isError)
        case .resumed(let count):
            state.message = StatusMessage(text: "\(state.text[.resumed]) \(count) \(state.text[count == 1 ? .change : .changes])", isError: false)
        case .teamDatabase(let lost):
            let wasLost = state.teamTrouble != nil
            state.teamTrouble = lost
            if let lost {
                state.message = StatusMessage(text: "\(state.text[.teamLostMessage]) \(lost)", isError: true)
            } else if wasLost {
                state.message = StatusMessage(text: state.text[.teamBack], isError: false)
            }
        case .webhookListener(let listener):
            state.webhookListener = listener
        }
        return []
    }

    private static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if let overlay = state.overlay {
            switch overlay {
            case .changeStatus: return state.editOverlay(.changeStatus) { StatusUpdate.key(&$0, &$1, key) }
            case .addOutbound: return state.editOverlay(.addOutbound) { OutboundUpdate.key(&$0, &$1, key) }
            case .report: return state.editOverlay(.report) { ReportUpdate.key(&$0, &$1, key) }
            case .facets: return state.editOverlay(.facets) { PanelUpdate.facetsKey(&$0, &$1, key) }
            case .help: return state.editOverlay(.help) { PanelUpdate.helpKey(&$0, &$1, key) }
            case .budgets: return PanelUpdate.budgetsKey(&state, key)
            case .activity: return state.editOverlay(.activity) { ActivityUpdate.key(&$0, &$1, key) }
            case .confirmQuit: return QuitUpdate.key(&state, key)
            }
        }
        if state.detail != nil { return DetailUpdate.key(&state, key) }
        return ListUpdate.key(&state, key)
    }

    /// Commands that work the same on the list and in the detail.
    static func sharedCommand(_ state: inout AppState, _ command: Command) -> [Effect]? {
        switch command {
        case .changeStatus:
            return StatusUpdate.open(&state)
        case .addOutbound:
            guard let key = state.detail?.key ?? state.currentSummary?.key else { return [] }
            var dialog = OutboundDialog(key: key)
            dialog.offer(statusesOf: state.detail?.outbounds ?? [])
            state.overlay = .addOutbound(dialog)
            return []
        case .refresh:
            let keys = state.targetKeys
            guard !keys.isEmpty else { return [] }
            state.message = StatusMessage(text: "\(state.text[.refreshing]) \(keys.count)…", isError: false)
            return [.refresh(keys)]
        case .push:
            let keys = state.targetKeys
            guard !keys.isEmpty else { return [] }
            state.message = StatusMessage(text: "\(state.text[.pushing]) (\(keys.count))…", isError: false)
            return [.push(keys)]
        case .runReport:
            let marked = state.marks.sorted()
            state.overlay = .report(ReportDialog(orderIds: marked.map(\.idOrder), channels: Array(Set(marked.map(\.idChannel))).sorted()))
            return [.loadReportRunsLeft]
        case .budgets:
            state.overlay = .budgets
            return []
        case .activity:
            state.overlay = .activity(cursor: 0)
            return [.loadOutbox]
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        default:
            return nil
        }
    }
}
