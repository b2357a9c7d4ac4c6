import OrderKit

/// Marking orders for bulk work on the list: one at a time (Space), every visible one (Ctrl-A
/// or `*`, as a select-all toggle), a range (`v`, as in lazygit), and Esc that never drops marks
/// without saying so first.
enum MarkUpdate {
    static func toggleCurrent(_ state: inout AppState) {
        guard let summary = state.currentSummary else { return }
        if state.marks.remove(summary.key) == nil { state.marks.insert(summary.key) }
        ListUpdate.move(&state, by: 1)
    }

    /// Marks every visible row; when all of them are marked already, unmarks them instead.
    static func toggleAllVisible(_ state: inout AppState) {
        let orders = state.orders
        guard orders.count > 0 else { return }
        let allMarked = (0..<orders.count).allSatisfy { state.marks.contains(orders[$0].key) }
        if allMarked {
            for index in 0..<orders.count { state.marks.remove(orders[index].key) }
            state.message = StatusMessage(text: "\(state.formats.grouped(orders.count)) \(state.text[.unmarkedVisible])", isError: false)
        } else {
            state.marks.reserveCapacity(state.marks.count + orders.count)
            for index in 0..<orders.count { state.marks.insert(orders[index].key) }
            state.message = StatusMessage(text: "\(state.formats.grouped(orders.count)) \(state.text[.markedVisible])", isError: false)
        }
    }

    /// `v`: starts a range at the cursor, or ends the open one (its rows stay marked).
    static func toggleRange(_ state: inout AppState) {
        if state.markRange != nil {
            endRange(&state)
            return
        }
        guard let summary = state.currentSummary else { return }
        state.markRange = MarkRange(anchor: state.cursor, covered: state.cursor...state.cursor, before: state.marks)
        state.marks.insert(summary.key)
        state.message = StatusMessage(text: "\(state.text[.rangeStarted]) · \(state.keyMap.label(.markRange)): \(state.text[.rangeEnd])", isError: false)
    }

    /// After the cursor moved: the range covers anchor…cursor. Only the rows that enter or leave
    /// it are touched, so a move costs the same with 10 or 100,000 rows in the range.
    static func extendRange(_ state: inout AppState) {
        guard var range = state.markRange, state.orders.count > 0 else { return }
        let cursor = min(state.cursor, state.orders.count - 1)
        let covered = min(range.anchor, cursor)...max(range.anchor, cursor)
        guard covered != range.covered else { return }
        for index in Self.difference(range.covered, covered) {
            let key = state.orders[index].key
            if !range.before.contains(key) { state.marks.remove(key) }
        }
        for index in Self.difference(covered, range.covered) {
            state.marks.insert(state.orders[index].key)
        }
        range.covered = covered
        state.markRange = range
    }

    /// The indices of `a` outside `b`, without walking `a`: at most one run below `b` and one above.
    private static func difference(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> [Int] {
        let end = a.upperBound + 1
        let below = a.lowerBound..<max(a.lowerBound, min(end, b.lowerBound))
        let above = min(end, max(a.lowerBound, b.upperBound + 1))..<end
        return Array(below) + Array(above)
    }

    /// Closes the range, keeping what it marked. Called before anything that changes the visible
    /// rows (filter, sort, facets, new data), which would move the indices under it.
    static func endRange(_ state: inout AppState) {
        state.markRange = nil
    }

    /// Esc on the list with nothing else to undo: with marks, the first press only says so.
    static func escape(_ state: inout AppState) {
        guard !state.marks.isEmpty else { return }
        let count = state.formats.grouped(state.marks.count)
        if state.clearMarksArmed {
            state.marks.removeAll()
            state.clearMarksArmed = false
            state.message = StatusMessage(text: "\(count) \(state.text[.marksCleared])", isError: false)
        } else {
            state.clearMarksArmed = true
            let escape = state.keyMap.keys(for: .back).first?.label ?? Key.escape.label
            var message = StatusMessage(text: "\(count) \(state.text[.marked]) · \(escape) \(state.text[.escAgainClears])", isError: false)
            message.warnsOfMarkClear = true
            state.message = message
        }
    }

    /// Any key after the arming Esc but another Esc: the marks stay, and so does the line.
    static func disarm(_ state: inout AppState) {
        guard state.clearMarksArmed else { return }
        state.clearMarksArmed = false
        if state.message?.warnsOfMarkClear == true { state.message = nil }
    }
}
