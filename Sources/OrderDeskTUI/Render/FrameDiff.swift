/// A stretch of changed cells on one row sharing one style: what the terminal writes in one call.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
    public var style: Style
    /// Columns the run covers.
    public var width: Int
}

/// Compares two frames and yields only what changed, so moving the cursor one row rewrites
/// two rows, not the screen.
public enum FrameDiff {
    /// Runs to write to turn `old` into `new`. A size change (or no old frame) rewrites all.
    public static func runs(from old: CellBuffer?, to new: CellBuffer) -> [CellRun] {
        let comparable = old.map { $0.width == new.width && $0.height == new.height } ?? false
        var runs: [CellRun] = []
        for y in 0..<new.height {
            var x = 0
            while x < new.width {
                let index = y * new.width + x
                let cell = new.cells[index]
                if comparable, let old, old.cells[index] == cell, !continuationChanged(old, new, index) {
                    x += 1
                    continue
                }
                if cell.isContinuation { x += 1; continue }
                // Grow a run over changed (or style-equal unchanged-but-adjacent) cells.
                var text = String(cell.grapheme)
                var covered = Int(cell.width)
                var next = x + max(1, Int(cell.width))
                while next < new.width {
                    let candidate = new.cells[y * new.width + next]
                    guard candidate.style == cell.style else { break }
                    if comparable, let old, old.cells[y * new.width + next] == candidate,
                       !continuationChanged(old, new, y * new.width + next) { break }
                    if candidate.isContinuation { next += 1; continue }
                    text.append(candidate.grapheme)
                    covered += Int(candidate.width)
                    next += max(1, Int(candidate.width))
                }
                runs.append(CellRun(x: x, y: y, text: text, style: cell.style, width: covered))
                x = next
            }
        }
        return runs
    }

    /// A wide grapheme that replaced two narrow ones (or the reverse) changes its neighbour too.
    private static func continuationChanged(_ old: CellBuffer, _ new: CellBuffer, _ index: Int) -> Bool {
        let column = index % new.width
        guard column + 1 < new.width else { return false }
        return (old.cells[index + 1].isContinuation) != (new.cells[index + 1].isContinuation)
    }
}
