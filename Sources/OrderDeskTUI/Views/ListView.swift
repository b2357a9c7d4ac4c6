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

        /// The least a cell needs, before the header is counted.
        var contentWidth: Int {
            switch self {
            case .mark: 1
            case .id: 13
            case .channel: 4
            case .paid: 16
            case .customer: 12
            case .items: 3
            // "15,000.00 MXN": the currency is part of every total.
            case .total: 14
            case .status: 9
            case .carrier: 10
            case .outbound: 10
            case .outbox: 8
            }
        }

        /// What a column grows to before the customer takes the rest of a wide screen.
        func preferredWidth(channelNames: Int, zoneLabel: Int) -> Int {
            switch self {
            case .channel: channelNames > 0 ? 5 + min(channelNames, 22) : contentWidth
            case .paid: 17 + zoneLabel
            case .customer: 30
            case .total: 17
            case .carrier: 16
            case .outbound: 16
            default: contentWidth
            }
        }

        var rightAligned: Bool { self == .items || self == .total }

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

    /// Past this the customer column takes no more of a wide screen: the rest stays blank at
    /// the right rather than stretching one column far from the next.
    static let widestCustomer = 40

    /// Keeps the most important columns that fit, each wide enough for its header in the UI's
    /// language (with the sort arrow) and for its values (every status word, a total with its
    /// currency). Before a column is left out the paid column drops its time. Spare width first
    /// brings channel names, the zone, carriers, outbound statuses and large totals to their
    /// preferred widths, one cell at a time, once the customer has 20; the customer then grows to
    /// `widestCustomer`.
    static func layout(width: Int, text t: L10n = L10n(.en), channelNames: [Int: String] = [:], zoneLabel: String = "") -> Layout {
        var widths: [Column: Int] = [:]
        for column in Column.allCases {
            var needed = column.contentWidth
            if column != .mark { needed = max(needed, headerTitle(column, t).count + (column.sortColumn == nil ? 0 : 1)) }
            if column == .status { needed = max(needed, OrderStatus.known.map { t.status($0).count }.max() ?? 0) }
            if column == .outbox { needed = max(needed, OutboxState.allCases.map { t.describe($0).count }.max() ?? 0) }
            widths[column] = needed
        }
        var chosen = Column.allCases
        func needed() -> Int { chosen.reduce(0) { $0 + widths[$1]! + 1 } }
        while needed() > width, chosen.count > 2 {
            if widths[.paid] == Column.paid.contentWidth { widths[.paid] = 10; continue }
            guard let drop = chosen.max(by: { $0.priority < $1.priority }) else { break }
            chosen.removeAll { $0 == drop }
        }
        var spare = max(0, width - needed())
        let longestName = channelNames.values.map(\.count).max() ?? 0
        func grow(_ columns: [Column], to target: (Column) -> Int) {
            let growing = columns.filter(chosen.contains)
            var grew = true
            while spare > 0, grew {
                grew = false
                for column in growing where spare > 0 && widths[column]! < target(column) {
                    widths[column]! += 1
                    spare -= 1
                    grew = true
                }
            }
        }
        // A name first, then what the other columns would show whole, then longer names.
        grow([.customer]) { _ in 20 }
        let others: [Column] = widths[.paid]! < Column.paid.contentWidth ? [.channel, .total, .carrier, .outbound] : [.channel, .paid, .total, .carrier, .outbound]
        grow(others) { $0.preferredWidth(channelNames: longestName, zoneLabel: zoneLabel.count) }
        grow([.customer]) { _ in Self.widestCustomer }
        var columns: [(Column, Int, Int)] = []
        var x = 0
        for column in chosen {
            columns.append((column, x, widths[column]!))
            x += widths[column]! + 1
        }
        return Layout(columns: columns)
    }

    static func render(_ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let t = state.text
        // Times in the list are Yuju's wall clock in `[yuju] timezone`: the zone is said once,
        // in the paid column's header, or after each time where the column is wide enough.
        let zone = DisplayFormats.zoneLabel(state.timeZone, at: state.now)
        let layout = layout(width: buffer.width, text: t, channelNames: state.channelNames, zoneLabel: zone)
        // Title line.
        let titleStyle = theme.style(.title)
        let formats = state.formats
        var title = " \(t[.appTitle]) · \(formats.grouped(state.orders.count))"
        if state.orders.isFiltered { title += " / \(formats.grouped(state.orders.totalCount))" }
        title += " \(t[.orders])"
        if !state.marks.isEmpty { title += " · \(formats.grouped(state.marks.count)) \(t[.marked])" }
        if state.markRange != nil { title += " (\(t[.rangeOpen]))" }
        // Sorted by a column too narrow a screen leaves out: the title says which.
        let sortColumn = state.orders.sortColumn
        if !layout.columns.contains(where: { $0.column.sortColumn == sortColumn }) {
            title += " · \(t[.sortedBy]) \(t[sortColumn.title])\(state.orders.sortDescending ? "▼" : "▲")"
        }
        if !state.orders.statusFacet.isEmpty || !state.orders.channelFacet.isEmpty {
            let facets = state.orders.statusFacet.sorted().map(t.status) + state.orders.channelFacet.sorted().map(state.channelLabel)
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
            if column == .paid, w < Column.paid.contentWidth + zone.count + 1, name.count + zone.count + 2 <= w { name += " " + zone }
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
                    y: top + index - state.scrollTop, layout: layout, theme: theme, t: t, formats: formats,
                    channelNames: state.channelNames, zone: zone, into: &buffer)
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
                        theme: Theme, t: L10n, formats: DisplayFormats, channelNames: [Int: String] = [:], zone: String = "",
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
            case .channel:
                // The name beside the number where enough of it fits to tell channels apart
                // ("Mercado Libre M…", not "Me…").
                let number = String(row.key.idChannel)
                text = channelNames[row.key.idChannel].map { w - number.count - 1 >= min($0.count, 10) ? number + " " + $0 : number } ?? number
            case .paid:
                let wallClock = DisplayFormats.wallClock(row.paidAt ?? row.createdAt ?? "", dateOnly: w < Column.paid.contentWidth)
                text = w > Column.paid.contentWidth + zone.count ? wallClock + " " + zone : wallClock
            case .customer: text = row.customer
            case .items: text = String(row.itemCount)
            case .total:
                // No currency: the amount still lines up with the amounts that have one.
                text = row.currency?.isEmpty == false || row.total == nil ? formats.money(row.total, currency: row.currency) : formats.amount(row.total) + "    "
            case .status:
                text = t.status(row.status)
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
