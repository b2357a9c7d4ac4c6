import OrderKit

/// The orders list: title, column header, rows, with the columns that fit the width.
enum ListView {
    enum Column: CaseIterable {
        case mark, id, channel, paid, customer, items, total, status, carrier, outbound, outbox

        /// Columns dropped first when the screen is narrow have the highest number.
        var priority: Int {
            switch self {
            case .mark: 0
            case .id: 1
            case .status: 2
            case .customer: 3
            case .paid: 4
            case .outbox: 5
            case .total: 6
            case .carrier: 7
            case .channel: 8
            case .outbound: 9
            case .items: 10
            }
        }

        var width: Int {
            switch self {
            case .mark: 1
            case .id: 13
            case .channel: 5
            case .paid: 16
            case .customer: 16
            case .items: 6
            case .total: 10
            case .status: 13
            case .carrier: 11
            case .outbound: 10
            case .outbox: 8
            }
        }

        var rightAligned: Bool { self == .items || self == .total || self == .channel }

        var sortColumn: SortColumn? {
            switch self {
            case .id: .id
            case .channel: .channel
            case .paid: .paid
            case .customer: .customer
            case .items: .items
            case .total: .total
            case .status: .status
            case .carrier: .carrier
            case .outbound: .outbound
            case .mark, .outbox: nil
            }
        }
    }

    struct Layout: Equatable {
        var columns: [(column: Column, x: Int, width: Int)]
        static func == (a: Layout, b: Layout) -> Bool {
            a.columns.map(\.x) == b.columns.map(\.x) && a.columns.map(\.width) == b.columns.map(\.width)
        }
    }

    /// Keeps the most important columns that fit (the paid column first shrinks to the date);
    /// the customer column takes what is left.
    static func layout(width: Int) -> Layout {
        var chosen = Column.allCases
        var widths = Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0, $0.width) })
        func needed() -> Int { chosen.reduce(0) { $0 + widths[$1]! + 1 } }
        while needed() > width, chosen.count > 2 {
            if chosen.count <= 7, widths[.paid] == 16 { widths[.paid] = 10; continue }
            guard let drop = chosen.max(by: { $0.priority < $1.priority }) else { break }
            chosen.removeAll { $0 == drop }
        }
        var spare = max(0, width - needed())
        var columns: [(Column, Int, Int)] = []
        var x = 0
        for column in chosen {
            var w = widths[column]!
            if column == .customer { w += spare; spare = 0 }
            columns.append((column, x, w))
            x += w + 1
        }
        return Layout(columns: columns)
    }

    static func render(_ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        let layout = layout(width: buffer.width)
        // Title line.
        let titleStyle = theme.style(.title)
        var title = " \(t[.appTitle]) · \(Format.grouped(state.orders.count))"
        if state.orders.isFiltered { title += " / \(Format.grouped(state.orders.rows.count))" }
        title += " \(t[.orders])"
        if !state.marks.isEmpty { title += " · \(Format.grouped(state.marks.count)) \(t[.marked])" }
        if state.markRange != nil { title += " (\(t[.rangeOpen]))" }
        // Sorted by a column too narrow a screen leaves out: the title says which.
        let sortColumn = state.orders.sortColumn
        if !layout.columns.contains(where: { $0.column.sortColumn == sortColumn }) {
            title += " · \(t[.sortedBy]) \(t[sortColumn.title])\(state.orders.sortDescending ? "▼" : "▲")"
        }
        if !state.orders.statusFacet.isEmpty || !state.orders.channelFacet.isEmpty {
            let facets = state.orders.statusFacet.sorted().map(\.rawValue) + state.orders.channelFacet.sorted().map(String.init)
            title += " · [" + facets.joined(separator: ",") + "]"
        }
        buffer.put(title, x: 0, y: state.layout.titleRow, style: titleStyle)

        // Column header. The sort arrow always shows: a name too long for its column is cut
        // before it, not the arrow after it.
        let headerStyle = theme.style(.header)
        buffer.fill(y: state.layout.listHeaderRow, style: headerStyle)
        let arrow = state.orders.sortDescending ? "▼" : "▲"
        for (column, x, w) in layout.columns {
            var name = headerTitle(column, t)
            if column.sortColumn == state.orders.sortColumn {
                name = Format.truncate(name, max(0, w - 1)) + arrow
            }
            buffer.put(column.rightAligned ? Format.right(name, w) : name, x: x, y: state.layout.listHeaderRow, maxWidth: w, style: headerStyle)
        }

        // Rows.
        let top = state.layout.listFirstRow
        if state.orders.count == 0 {
            // An empty cache is not an empty filter: say how to fill it.
            if !state.loaded {
                // From the first frame: what start-up is doing, and the keys kept for the list.
                buffer.put(StartupUpdate.line(state), x: 1, y: top, style: theme.style(.info))
                if let typed = StartupUpdate.typedAhead(state) { buffer.put(typed, x: 1, y: top + 1, style: theme.style(.dim)) }
                return
            }
            let text = state.orders.isFiltered ? t[.noOrders] : t[.emptyCache]
            buffer.put(text, x: 1, y: top, style: theme.style(.dim))
            return
        }
        let last = min(state.orders.count, state.scrollTop + state.layout.listHeight)
        guard state.scrollTop < last else { return }
        for index in state.scrollTop..<last {
            let key = state.orders[index].key
            drawRow(state.orders[index], selected: index == state.cursor, marked: state.marks.contains(key),
                    notified: state.notified.contains(key), held: state.orders.isHeld(visibleIndex: index),
                    y: top + index - state.scrollTop, layout: layout, theme: theme, t: t, into: &buffer)
        }
    }

    private static func headerTitle(_ column: Column, _ t: L10n) -> String {
        switch column {
        case .mark: ""
        case .outbox: t[.colOutbox]
        default: t[column.sortColumn!.title]
        }
    }

    /// A row kept in view after a change took it out of the filter.
    static let heldMark = "~"

    static func drawRow(_ row: OrderSummary, selected: Bool, marked: Bool, notified: Bool = false, held: Bool = false, y: Int, layout: Layout,
                        theme: Theme, t: L10n,
                        into buffer: inout CellBuffer) {
        let rowRole: ThemeRole = selected ? (marked ? .selectedMarked : .selected) : (marked ? .marked : .normal)
        let rowStyle = theme.style(rowRole)
        buffer.fill(y: y, style: rowStyle)
        for (column, x, w) in layout.columns {
            var style = rowStyle
            let text: String
            switch column {
            case .mark:
                // One cell, in this order: marked for bulk work, out of the filter since it
                // changed (it goes when the filter is re-applied), notified by a webhook.
                text = marked ? "✓" : held ? heldMark : notified ? "•" : ""
                if !marked, held || notified, !selected { style = theme.style(.dim) }
            case .id: text = row.key.idOrder
            case .channel: text = String(row.key.idChannel)
            case .paid: text = Format.wireDate(row.paidAt ?? row.createdAt, dateOnly: w < 16)
            case .customer: text = row.customer
            case .items: text = String(row.itemCount)
            case .total: text = Format.amount(row.total)
            case .status:
                text = row.status.rawValue
                if !selected { style = theme.style(ThemeRole.forStatus(row.status)) }
            case .carrier: text = row.carrier ?? ""
            case .outbound: text = row.latestOutboundStatus ?? ""
            case .outbox:
                text = row.outboxState.map(t.describe) ?? ""
                if !selected, let state = row.outboxState { style = theme.style(ThemeRole.forOutbox(state)) }
            }
            if text.isEmpty { continue }
            buffer.put(column.rightAligned ? Format.right(text, w) : text, x: x, y: y, maxWidth: w, style: style)
        }
    }
}
