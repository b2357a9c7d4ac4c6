import OrderKit

/// Help, budgets and facet panels.
enum PanelUpdate {
    private static func closes(_ state: AppState, _ key: Key, _ own: Command) -> Bool {
        key == .escape || key == .char("q") || state.keyMap.matches(key, own)
    }

    static func helpKey(_ state: inout AppState, _ scroll: Int, _ key: Key) -> [Effect] {
        if closes(state, key, .help) { state.overlay = nil; return [] }
        let command = state.keyMap.command(for: key)
        let lines = ScreenKeys.helpCommands(for: state.helpSubject).count
        switch command {
        case .moveUp: state.overlay = .help(scroll: max(0, scroll - 1))
        case .moveDown: state.overlay = .help(scroll: min(max(0, lines - 1), scroll + 1))
        default: break
        }
        return []
    }

    static func budgetsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if closes(state, key, .budgets) { state.overlay = nil }
        return []
    }

    static func facetsKey(_ state: inout AppState, _ panel: FacetsPanel, _ key: Key) -> [Effect] {
        if closes(state, key, .facets) || key == .enter { state.overlay = nil; return [] }
        var panel = panel
        var statuses = state.orders.statusFacet
        var channels = state.orders.channelFacet
        switch state.keyMap.command(for: key) {
        case .moveUp: panel.cursor = max(0, panel.cursor - 1)
        case .moveDown: panel.cursor = min(panel.entries.count - 1, panel.cursor + 1)
        default:
            switch key {
            case .char(" "):
                guard panel.entries.indices.contains(panel.cursor) else { break }
                switch panel.entries[panel.cursor] {
                case .status(let status, _): if statuses.remove(status) == nil { statuses.insert(status) }
                case .channel(let channel, _): if channels.remove(channel) == nil { channels.insert(channel) }
                }
            case .char("c"):
                statuses = []
                channels = []
            default: break
            }
        }
        if statuses != state.orders.statusFacet || channels != state.orders.channelFacet {
            let current = state.currentSummary?.key
            state.orders.setFacets(statuses: statuses, channels: channels)
            ListUpdate.follow(&state, current, fromTop: true)
        }
        state.overlay = .facets(panel)
        return []
    }
}

/// The activity (outbox) panel.
enum ActivityUpdate {
    /// Entries kept in memory for the panel.
    static let keep = 500

    static func key(_ state: inout AppState, _ cursor: Int, _ key: Key) -> [Effect] {
        if key == .escape || key == .char("q") || state.keyMap.matches(key, .activity) { state.overlay = nil; return [] }
        let command = state.keyMap.command(for: key)
        switch command {
        case .moveUp: state.overlay = .activity(cursor: max(0, cursor - 1))
        case .moveDown: state.overlay = .activity(cursor: min(max(0, state.activity.count - 1), cursor + 1))
        case .retryAll:
            state.message = StatusMessage(text: state.text[.retrying], isError: false)
            return [.retry(nil)]
        case .retry:
            // A refused change is final: only failed or interrupted ones go again.
            guard state.activity.indices.contains(cursor), state.activity[cursor].state.isRetryable else { return [] }
            state.message = StatusMessage(text: state.text[.retrying], isError: false)
            return [.retry([state.activity[cursor].id])]
        case .open:
            guard state.activity.indices.contains(cursor), let key = state.activity[cursor].key else { return [] }
            state.overlay = nil
            state.detail = DetailState(key: key)
            return [.loadOrder(key), .loadDetail(key), .fetchOutbounds(key)]
        default: break
        }
        return []
    }

    /// An outbox entry changed: newest first in the panel, and its order's row shows the state.
    static func record(_ state: inout AppState, _ entry: OutboxActivity) {
        count(&state, entry)
        if let index = state.activity.firstIndex(where: { $0.id == entry.id }) {
            state.activity[index] = entry
        } else {
            state.activity.insert(entry, at: 0)
            if state.activity.count > keep { state.activity.removeLast() }
        }
        if let key = entry.key, var summary = state.orders.summary(for: key), summary.outboxState != entry.state {
            summary.outboxState = entry.state
            state.orders.upsert([summary])
        }
    }
}
