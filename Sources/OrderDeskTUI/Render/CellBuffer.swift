import OrderKit

/// One screen cell. A wide grapheme fills its first cell (`width` 2) and leaves the next as a
/// continuation (`width` 0), so every row always has exactly `width` cells.
public struct Cell: Equatable, Sendable {
    public var grapheme: Character
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: Character = " ", width: UInt8 = 1, style: Style = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    var isContinuation: Bool { width == 0 }
}

/// A frame: the grid the views draw into and the terminal diffs against the previous one.
/// Every text goes through `Sanitizer` here, which makes this the choke point for remote strings.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    static let ellipsis: Character = "…"

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Paints a rectangle with blanks of `style`.
    public mutating func fill(x: Int = 0, y: Int, width w: Int? = nil, height h: Int = 1, style: Style) {
        let blank = Cell(style: style)
        let x0 = max(0, x), x1 = min(width, x + (w ?? width - x))
        let y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            let base = row * width
            for column in x0..<x1 { cells[base + column] = blank }
            repairWideEdges(base: base, from: x0, to: x1)
        }
    }

    /// After columns `from..<to` of a row were overwritten: a wide grapheme cut in half at either
    /// edge becomes a blank, so no row ever holds half a wide character (the diff would skip the
    /// orphan continuation, or draw the head over the new neighbour).
    private mutating func repairWideEdges(base: Int, from: Int, to: Int) {
        if from > 0, from < width, cells[base + from].isContinuation == false, cells[base + from - 1].width == 2 {
            cells[base + from - 1] = Cell(style: cells[base + from - 1].style)
        }
        if to < width, cells[base + to].isContinuation {
            cells[base + to] = Cell(style: cells[base + to].style)
        }
    }

    /// Writes `text` at (x, y), sanitised, in at most `maxWidth` columns (to the right edge when
    /// nil), ending with "…" when it had to be clipped. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let base = y * width
        // Reading a few times the visible width is enough to know whether it was clipped.
        if Sanitizer.isPlainASCII(text, limit: limit + 1) {
            return putASCII(text, base: base, x: x, limit: limit, style: style)
        }
        let clean = Sanitizer.clean(text, maxScalars: limit * 8 + 16)
        var column = 0
        for grapheme in clean {
            let w = DisplayWidth.of(grapheme)
            if w == 0 { continue }   // a mark with no base before it
            if column + w > limit {
                clip(base: base, x: x, limit: limit, column: column, style: style)
                repairWideEdges(base: base, from: x, to: x + limit)
                return limit
            }
            cells[base + x + column] = Cell(grapheme, width: UInt8(w), style: style)
            if w == 2 { cells[base + x + column + 1] = Cell(" ", width: 0, style: style) }
            column += w
        }
        repairWideEdges(base: base, from: x, to: x + column)
        return column
    }

    private mutating func putASCII(_ text: some StringProtocol, base: Int, x: Int, limit: Int, style: Style) -> Int {
        var column = 0
        for byte in text.utf8 {
            if column == limit {
                clip(base: base, x: x, limit: limit, column: column, style: style)
                repairWideEdges(base: base, from: x, to: x + limit)
                return limit
            }
            cells[base + x + column] = Cell(Character(Unicode.Scalar(byte)), width: 1, style: style)
            column += 1
        }
        repairWideEdges(base: base, from: x, to: x + column)
        return column
    }

    /// Ends a clipped text with "…" in its last column, blanking half of a wide grapheme if needed.
    private mutating func clip(base: Int, x: Int, limit: Int, column: Int, style: Style) {
        for pad in column..<limit { cells[base + x + pad] = Cell(style: style) }
        let last = base + x + limit - 1
        if cells[last].isContinuation, limit >= 2 { cells[last - 1] = Cell(style: style) }
        cells[last] = Cell(Self.ellipsis, width: 1, style: style)
    }

    /// Re-styles a range of cells without touching their text (selection bars, highlights).
    public mutating func restyle(x: Int = 0, y: Int, width w: Int? = nil, _ transform: (Style) -> Style) {
        guard y >= 0, y < height else { return }
        let x0 = max(0, x), x1 = min(width, x + (w ?? width - x))
        guard x0 < x1 else { return }
        for column in x0..<x1 { cells[y * width + column].style = transform(cells[y * width + column].style) }
    }

    /// The frame as plain text, one line per row: what text snapshots compare.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                let cell = cells[row * width + column]
                if !cell.isContinuation { line.append(cell.grapheme) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Text of one row (for tests).
    public func line(_ row: Int) -> String {
        var line = ""
        for column in 0..<width where !self[column, row].isContinuation { line.append(self[column, row].grapheme) }
        return line
    }
}
