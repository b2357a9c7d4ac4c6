import Foundation
import OrderDeskTUI
import OrderKit

/// What the TUI does between start and its first full frame, piece by piece, in process: read
/// every summary from the store, build the list's index from them (`summariesLoaded`), draw.
/// (The TUI starts the read while it starts up, and builds the search text after this frame.)
struct LoadResult {
    var allSummariesMs: [Double] = []
    var indexBuildMs: [Double] = []
    var firstFrameMs: [Double] = []
    var rows = 0

    func print() {
        Swift.print("cold-start pieces, \(rows) cached orders, \(allSummariesMs.count) rounds (ms):")
        Swift.print("  store.allSummaries:         median \(format(median(allSummariesMs), 1)) of \(list(allSummariesMs, 1))")
        Swift.print("  summariesLoaded (index):    median \(format(median(indexBuildMs), 1)) of \(list(indexBuildMs, 1))")
        Swift.print("  first frame render + diff:  median \(format(median(firstFrameMs), 2)) of \(list(firstFrameMs, 2))")
    }
}

enum LoadBench {
    static func run(storePath: String, width: Int, height: Int, rounds: Int) throws -> LoadResult {
        var result = LoadResult()
        let store = try OrderStore(path: storePath)
        for _ in 0..<rounds {
            var summaries: [OrderSummary] = []
            result.allSummariesMs.append(try timed { summaries = try store.allSummaries() })
            var state = AppState(width: width, height: height, language: .es, isSandbox: true, now: Date())
            result.indexBuildMs.append(timed { _ = Update.update(&state, .summariesLoaded(summaries)) })
            summaries = []
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
