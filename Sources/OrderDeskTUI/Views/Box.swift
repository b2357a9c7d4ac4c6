/// A rectangle on the screen.
struct Rect: Equatable {
    var x: Int, y: Int, width: Int, height: Int
    var inner: Rect { Rect(x: x + 2, y: y + 1, width: max(0, width - 4), height: max(0, height - 2)) }
}

/// Framed panels for dialogs and overlays.
enum Box {
    /// A box of at most `width`×`height`, centred and kept inside the screen.
    static func centered(in buffer: CellBuffer, width: Int, height: Int) -> Rect {
        // The message line and the budgets bar stay visible under every overlay.
        let room = max(2, buffer.height - 2)
        let w = min(width, buffer.width), h = min(height, room)
        return Rect(x: (buffer.width - w) / 2, y: max(0, (room - h) / 2), width: w, height: h)
    }

    static func draw(_ buffer: inout CellBuffer, _ rect: Rect, title: String, style: Style, titleStyle: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: style)
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        buffer.put("└" + horizontal + "┘", x: rect.x, y: bottom, style: style)
        for row in (rect.y + 1)..<bottom {
            buffer.put("│", x: rect.x, y: row, style: style)
            buffer.put("│", x: right, y: row, style: style)
        }
        if !title.isEmpty { buffer.put(" \(title) ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: titleStyle) }
    }
}
