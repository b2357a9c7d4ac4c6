import Foundation
import OrderDeskTUI
import OrderKit

/// What the TUI does between start and its first full frame, piece by piece, in process: open
/// the list (the list index, checked against the store, and the rows written since), load it
/// into the list's state (`listLoaded`), draw. (The TUI opens the list while it starts up.)
struct LoadResult {
    var openListMs: [Double] = []
    var indexBuildMs: [Double] = []
    var firstFrameMs: [Double] = []
    var rows = 0

    func print() {
        Swift.print("cold-start pieces, \(rows) cached orders, \(openListMs.count) rounds (ms):")
        Swift.print("  store.openList:             median \(format(median(openListMs), 1)) of \(list(openListMs, 1))")
        Swift.print("  listLoaded:                 median \(format(median(indexBuildMs), 1)) of \(list(indexBuildMs, 1))")
        Swift.print("  first frame render + diff:  median \(format(median(firstFrameMs), 2)) of \(list(firstFrameMs, 2))")
    }
}

enum LoadBench {
    static func run(storePath: String, width: Int, height: Int, rounds: Int) throws -> LoadResult {
        var result = LoadResult()
        let store = try OrderStore(path: storePath)
        for _ in 0..<rounds {
            var opened: OrderList?
            result.openListMs.append(try timed { opened = try store.openList() })
            guard let list = opened else { continue }
            var state = AppState(width: width, height: height, language: .es, isSandbox: true, now: Date())
            result.indexBuildMs.append(timed { _ = Update.update(&state, .listLoaded(list)) })
            var frame = CellBuffer(width: 0, height: 0)
            result.firstFrameMs.append(timed {
                ScreenView.render(state, theme: .builtIn, into: &frame)
                _ = FrameDiff.runs(from: nil, to: frame)
            })
            result.rows = state.orders.count
        }
        return result
    }
}
