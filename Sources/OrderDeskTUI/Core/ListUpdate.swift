import OrderKit

/// Keys on the orders list, including the filter line.
enum ListUpdate {
    static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.filterEditing, let effects = filterKey(&state, key) { return effects }
        let command = state.keyMap.command(for: key)
        if state.markRange != nil, !keepsRange(command) { MarkUpdate.endRange(&state) }
        if let command, let effects = Update.sharedCommand(&state, command) { return effects }
        switch command {
        case .moveUp: move(&state, by: -1)
        case .moveDown: move(&state, by: 1)
        case .pageUp: move(&state, by: -state.listHeight)
        case .pageDown: move(&state, by: state.listHeight)
        case .top: move(&state, to: 0)
        case .bottom: move(&state, to: state.orders.count - 1)
        case .open:
            guard let summary = state.currentSummary else { return [] }
            state.detail = DetailState(key: summary.key)
            return [.loadOrder(summary.key), .loadDetail(summary.key), .fetchOutbounds(summary.key)]
        case .back, .quit:
            if state.keyMap.matches(key, .quit) { return QuitUpdate.request(&state) }
            // Esc on the list closes an open range, dismisses a finished batch's summary, then
            // undoes the filter, then (asking first) the marks.
            if state.markRange != nil {
                MarkUpdate.endRange(&state)
            } else if state.progress?.isFinished == true {
                state.progress = nil
            } else if !state.filterText.isEmpty {
                setFilter(&state, "")
            } else {
                MarkUpdate.escape(&state)
            }
        case .mark: MarkUpdate.toggleCurrent(&state)
        case .markAll: MarkUpdate.toggleAllVisible(&state)
        case .markRange: MarkUpdate.toggleRange(&state)
        case .filter:
            state.filterEditing = true
        case .facets:
            let counts = state.orders.facetCounts()
            let entries = counts.statuses.map { FacetsPanel.Entry.status($0.0, $0.1) } + counts.channels.map { .channel($0.0, $0.1) }
            state.overlay = .facets(FacetsPanel(entries: entries))
        case .sort:
            let current = state.currentSummary?.key
            state.orders.sortByNextColumn()
            follow(&state, current)
        case .reverseSort:
            let current = state.currentSummary?.key
            state.orders.reverseSort()
            follow(&state, current)
        default:
            break
        }
        return []
    }

    /// What a range stays open through: moving the cursor extends it; `v` and Esc close it
    /// themselves. Anything else closes it first.
    private static func keepsRange(_ command: Command?) -> Bool {
        switch command {
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .markRange, .back: true
        default: false
        }
    }

    /// Keys while typing a filter; nil lets the key fall through to the list (arrows).
    private static func filterKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        switch key {
        case .enter:
            state.filterEditing = false
        case .escape:
            state.filterEditing = false
            setFilter(&state, "")
        case .up, .down, .pageUp, .pageDown:
            return nil
        default:
            var text = state.filterText
            guard TextInput.apply(key, to: &text) else { return [] }
            setFilter(&state, text)
        }
        return []
    }

    static func setFilter(_ state: inout AppState, _ text: String) {
        let current = state.currentSummary?.key
        state.filterText = text
        state.orders.setQuery(text)
        follow(&state, current, fromTop: true)
    }

    static func move(_ state: inout AppState, by delta: Int) { move(&state, to: state.cursor + delta) }

    static func move(_ state: inout AppState, to row: Int) {
        state.cursor = max(0, min(row, state.orders.count - 1))
        keepCursorVisible(&state)
        MarkUpdate.extendRange(&state)
    }

    /// After the rows changed: stay on the same order if it is still listed. A filter that
    /// leaves it out starts from the first match: the old row number means nothing among new rows.
    static func follow(_ state: inout AppState, _ key: OrderKey?, fromTop: Bool = false) {
        if let key, let index = state.orders.visibleIndex(of: key) {
            state.cursor = index
        } else if fromTop {
            state.cursor = 0
            state.scrollTop = 0
        } else {
            state.cursor = max(0, min(state.cursor, state.orders.count - 1))
        }
        keepCursorVisible(&state)
    }

    static func keepCursorVisible(_ state: inout AppState) {
        let height = state.listHeight
        if state.cursor < state.scrollTop { state.scrollTop = state.cursor }
        if state.cursor >= state.scrollTop + height { state.scrollTop = state.cursor - height + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(0, state.orders.count - height)))
    }
}

/// Keys in the order detail.
enum DetailUpdate {
    static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        let command = state.keyMap.command(for: key)
        if let command, let effects = Update.sharedCommand(&state, command) { return effects }
        switch command {
        case .moveUp: scroll(&state, by: -1)
        case .moveDown: scroll(&state, by: 1)
        case .pageUp: scroll(&state, by: -state.detailHeight)
        case .pageDown: scroll(&state, by: state.detailHeight)
        case .top: state.detail?.scroll = 0
        case .bottom: scroll(&state, by: 100_000)
        case .back, .quit: state.detail = nil
        case .nextOutbound: selectOutbound(&state, by: 1)
        case .previousOutbound: selectOutbound(&state, by: -1)
        case .editOutbound:
            guard let detail = state.detail, let record = detail.selectedOutbound else {
                state.message = StatusMessage(text: state.text[.noOutboundToEdit], isError: true)
                return []
            }
            var dialog = OutboundDialog(key: detail.key, editing: record)
            dialog.offer(statusesOf: detail.outbounds)
            state.overlay = .addOutbound(dialog)
        default: break
        }
        return []
    }

    /// Picks the next or previous outbound record (wrapping) and scrolls it into view.
    private static func selectOutbound(_ state: inout AppState, by delta: Int) {
        guard let detail = state.detail, let current = detail.selectedOutboundIndex else { return }
        let count = detail.outbounds.count
        let index = ((current + delta) % count + count) % count
        state.detail?.selectedOutboundPk = detail.outbounds[index].orderIntExternalPk
        guard let updated = state.detail else { return }
        let starts = DetailLayout.outboundLines(updated, state)
        guard starts.indices.contains(index) else { return }
        // Its first lines (a record takes 2 to 4) on screen, scrolling no further than needed.
        let first = starts[index], shown = 4
        let top = first < updated.scroll ? first : (first + shown > updated.scroll + state.detailHeight ? first + shown - state.detailHeight : updated.scroll)
        scroll(&state, by: top - updated.scroll)
    }

    private static func scroll(_ state: inout AppState, by delta: Int) {
        guard let detail = state.detail else { return }
        let lines = DetailLayout.lines(detail, state).count
        let limit = max(0, lines - state.detailHeight)
        state.detail?.scroll = max(0, min(detail.scroll + delta, limit))
    }

    /// Outbound history is shown newest first whatever order the source used.
    static func newestFirst(_ records: [OutboundRecord]) -> [OutboundRecord] {
        records.sorted { ($0.createdAt, $0.updatedAt, $0.orderIntExternalPk) > ($1.createdAt, $1.updatedAt, $1.orderIntExternalPk) }
    }
}
