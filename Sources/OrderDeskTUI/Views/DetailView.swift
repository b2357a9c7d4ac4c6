import Foundation
import OrderKit

enum DetailView {
    static func render(_ detail: DetailState, _ state: AppState, _ theme: Theme, into buffer: inout CellBuffer) {
        let summary = state.orders.summary(for: detail.key)
        let title = " \(state.text[.detailTitle]) \(detail.key) · \(detail.order?.customer?.fullName ?? summary?.customer ?? "")"
        buffer.fill(y: state.layout.titleRow, style: theme.style(.header))
        buffer.put(title, x: 0, y: state.layout.titleRow, style: theme.style(.header))
        let lines = DetailLayout.lines(detail, state)
        let layout = state.layout
        for row in 0..<layout.detailHeight {
            let index = detail.scroll + row
            guard index < lines.count else { break }
            var x = 1
            for (text, role) in lines[index].segments where x < buffer.width {
                x += buffer.put(text, x: x, y: layout.detailFirstRow + row, maxWidth: buffer.width - x, style: theme.style(role))
            }
        }
    }
}
