/// The hint bar: the current screen's main keys (`ScreenKeys`), as many whole entries as fit.
/// Essential entries (confirm, cancel, leave, help) are kept first, then the others in order
/// until one does not fit; all are shown in their own order. An entry is never cut in half:
/// half a key name misleads.
enum HintBarView {
    static let separator = " · "

    static func size(_ hint: KeyHint) -> Int { DisplayWidth.of(hint.keys) + 2 + DisplayWidth.of(hint.action) }

    /// The entries that fit in `width` columns.
    static func fitting(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        let gap = DisplayWidth.of(separator)
        var used = -gap
        var kept = Set<Int>()
        for (index, hint) in hints.enumerated() where hint.essential {
            guard used + gap + size(hint) <= width else { break }
            used += gap + size(hint)
            kept.insert(index)
        }
        for (index, hint) in hints.enumerated() where !hint.essential {
            guard used + gap + size(hint) <= width else { break }
            used += gap + size(hint)
            kept.insert(index)
        }
        return hints.indices.filter(kept.contains).map { hints[$0] }
    }

    /// `?: help · q: quit · …` as plain text, cut to `width` by whole entries.
    static func text(_ hints: [KeyHint], width: Int) -> String {
        fitting(hints, width: width).map { "\($0.keys): \($0.action)" }.joined(separator: separator)
    }

    /// Draws at `x` on row `y` up to the screen's right edge, keys in bold; returns the width used.
    @discardableResult
    static func render(_ hints: [KeyHint], x: Int, y: Int, _ theme: Theme, into buffer: inout CellBuffer) -> Int {
        let dim = theme.style(.dim)
        let keys = dim.adding(.bold)
        var column = x
        for (index, hint) in fitting(hints, width: max(0, buffer.width - x)).enumerated() {
            if index > 0 { column += buffer.put(separator, x: column, y: y, style: dim) }
            column += buffer.put(hint.keys, x: column, y: y, style: keys)
            column += buffer.put(": " + hint.action, x: column, y: y, style: dim)
        }
        return column - x
    }
}
