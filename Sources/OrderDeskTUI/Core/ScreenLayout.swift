/// Where each part of the screen goes for a terminal size. `update` pages and scrolls by it and
/// the views draw by it, so the two cannot disagree on how many rows the list or detail has.
public struct ScreenLayout: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The title line, then (on the list) the column header.
    public var titleRow: Int { 0 }
    public var listHeaderRow: Int { 1 }
    public var listFirstRow: Int { 2 }
    /// Rows of the list between the header and the message line.
    public var listHeight: Int { max(1, messageRow - listFirstRow) }
    /// The detail body starts under its title.
    public var detailFirstRow: Int { 1 }
    /// Rows of the detail body between its title and the message line.
    public var detailHeight: Int { max(1, messageRow - detailFirstRow) }
    /// The message line (or the key hint, or the filter), then the budgets bar at the bottom.
    public var messageRow: Int { height - 2 }
    public var budgetsRow: Int { height - 1 }

    /// The furthest the detail scrolls: its last line on the last row.
    public func detailScrollLimit(lines: Int) -> Int { max(0, lines - detailHeight) }
}
