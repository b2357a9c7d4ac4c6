import Foundation
import OrderDeskTUI
import OrderKit

/// Key press → frame in the cell buffer, exactly as `UILoop` does it for one key:
/// `Update.update` + `ScreenView.render(into:)` + `FrameDiff.runs(from:to:)` + keeping the frame.
/// The terminal write itself (curses) is not included here; `scripts/bench-tui.sh` counts the bytes
/// it puts on a real pty.
struct UIResult {
    struct Scenario {
        var name: String
        var perRound: [Samples] = []
        var all = Samples()
        var p50s: [Double] { perRound.map { $0.median } }
        var p99s: [Double] { perRound.map { $0.percentile(99) } }
    }
    var scenarios: [Scenario] = []
    var indexBuildMs: [Double] = []
    var firstRenderMs: [Double] = []
    var oneRowMove: MoveBytes?
    /// The slowest filter keystrokes (key → frame), with the query they left: which queries the
    /// p99 is made of.
    var slowestFilterKeys: [(query: String, ms: Double)] = []
    var width = 0, height = 0

    struct MoveBytes {
        var rowsChanged: Int
        var runs: Int
        var cellsChanged: Int
        var textBytes: Int
        var fullFrameTextBytes: Int
        var fullFrameRuns: Int
    }
}

enum UIBench {
    static let budgets: [BudgetSnapshot] = [
        BudgetSnapshot(kind: .yujuGeneral, capacity: 2, windowSeconds: 1, available: 2),
        BudgetSnapshot(kind: .yujuReport, capacity: 5, windowSeconds: 86_400, available: 3, used: 2),
        BudgetSnapshot(kind: .bridge, capacity: 10, windowSeconds: 1, available: 10),
        BudgetSnapshot(kind: .datacrush, capacity: 60, windowSeconds: 60, available: 60),
    ]

    /// Words typed into the filter line, one character per keystroke, then erased with
    /// backspace: a surname with accents (many matches), SKU, id digits, a reference-like
    /// number, a word matching nothing.
    static let filterWords = ["peña", "sku-caf", "1002", "garcía", "4567", "ximena", "zzq"]

    static func run(list: OrderList, width: Int, height: Int, rounds: Int) -> UIResult {
        let listRows = list.count
        var result = UIResult()
        result.width = width
        result.height = height
        let theme = Theme.builtIn
        let now = Date(timeIntervalSince1970: 1_750_000_000)

        // Loading the list from its index (as the store opened it) and the first frame: what
        // happens once per start.
        var state = AppState(width: width, height: height, language: .es, isSandbox: true, now: now)
        for _ in 0..<rounds {
            var fresh = AppState(width: width, height: height, language: .es, isSandbox: true, now: now)
            result.indexBuildMs.append(timed { _ = Update.update(&fresh, .listLoaded(list)) })
            _ = Update.update(&fresh, .budgets(budgets))
            var frame = CellBuffer(width: 0, height: 0)
            result.firstRenderMs.append(timed {
                ScreenView.render(fresh, theme: theme, into: &frame)
                _ = FrameDiff.runs(from: nil, to: frame)
            })
            state = fresh
        }
        guard state.orders.count == listRows else { fatalError("index holds \(state.orders.count) of \(listRows)") }

        var frame = CellBuffer(width: 0, height: 0)
        ScreenView.render(state, theme: theme, into: &frame)
        var previous: CellBuffer? = frame
        var lastRuns: [CellRun] = []

        /// One key, timed like the UI loop handles it.
        func press(_ key: Key, into samples: inout Samples) {
            let ms = timed {
                _ = Update.update(&state, .key(key))
                ScreenView.render(state, theme: theme, into: &frame)
                lastRuns = FrameDiff.runs(from: previous, to: frame)
                previous = frame
            }
            samples.append(ms)
        }
        /// One key, untimed (to set a scenario up).
        func set(_ key: Key, times: Int = 1) {
            var ignored = Samples()
            for _ in 0..<times { press(key, into: &ignored) }
        }

        let page = state.layout.listHeight
        var move = UIResult.Scenario(name: "move one row (j/k within the page)")
        var scroll = UIResult.Scenario(name: "scroll one row (j/k at the page edge)")
        var paging = UIResult.Scenario(name: "page (PgDn/PgUp)")
        var jump = UIResult.Scenario(name: "jump (g/G top/bottom)")
        var filter = UIResult.Scenario(name: "filter keystroke → frame")
        var filterUpdate = UIResult.Scenario(name: "filter keystroke, update only")

        for _ in 0..<rounds {
            // Move: the cursor walks down and up inside the visible page; nothing scrolls.
            set(.char("g"))
            var samples = Samples(capacity: 3_000)
            for _ in 0..<50 {
                for _ in 0..<(page - 1) { press(.down, into: &samples) }
                for _ in 0..<(page - 1) { press(.up, into: &samples) }
            }
            move.perRound.append(samples)

            // Scroll: the cursor sits on the last (first) visible row, so every key scrolls the list.
            set(.char("g"))
            set(.down, times: page - 1)
            samples = Samples(capacity: 3_000)
            for _ in 0..<1_500 { press(.down, into: &samples) }
            set(.up, times: page - 1)
            for _ in 0..<1_500 { press(.up, into: &samples) }
            scroll.perRound.append(samples)

            // Page: down 500 pages and back.
            set(.char("g"))
            samples = Samples(capacity: 1_000)
            for _ in 0..<500 { press(.pageDown, into: &samples) }
            for _ in 0..<500 { press(.pageUp, into: &samples) }
            paging.perRound.append(samples)

            samples = Samples(capacity: 400)
            for _ in 0..<200 {
                press(.char("G"), into: &samples)
                press(.char("g"), into: &samples)
            }
            jump.perRound.append(samples)

            // Filter: "/" then words typed and erased; the frame after each keystroke.
            set(.char("g"))
            set(.char("/"))
            samples = Samples(capacity: 1_000)
            var updateOnly = Samples(capacity: 1_000)
            for _ in 0..<5 {
                for word in filterWords {
                    for character in word {
                        press(.char(character), into: &samples)
                        result.slowestFilterKeys.append((state.orders.query, samples.values.last!))
                    }
                    for _ in word {
                        press(.backspace, into: &samples)
                        result.slowestFilterKeys.append(("⌫ " + state.orders.query, samples.values.last!))
                    }
                }
                result.slowestFilterKeys = Array(result.slowestFilterKeys.sorted { $0.ms > $1.ms }.prefix(12))
            }
            // The same keystrokes, timing `Update.update` alone (what quality.md's row names).
            for _ in 0..<5 {
                for word in filterWords {
                    for character in word { updateOnly.append(timed { _ = Update.update(&state, .key(.char(character))) }) }
                    for _ in word { updateOnly.append(timed { _ = Update.update(&state, .key(.backspace)) }) }
                }
            }
            set(.escape)
            guard state.orders.count == listRows, !state.filterEditing else { fatalError("filter left \(state.orders.count) rows") }
            filter.perRound.append(samples)
            filterUpdate.perRound.append(updateOnly)
        }
        for index in [move, scroll, paging, jump, filter, filterUpdate].indices {
            var scenario = [move, scroll, paging, jump, filter, filterUpdate][index]
            for round in scenario.perRound { scenario.all.append(contentsOf: round) }
            result.scenarios.append(scenario)
        }

        // Bytes for one one-row move in the middle of a page.
        set(.char("g"))
        set(.down, times: 5)
        var ignored = Samples()
        press(.down, into: &ignored)
        let rows = Set(lastRuns.map(\.y)).count
        let cells = lastRuns.reduce(0) { $0 + $1.width }
        let text = lastRuns.reduce(0) { $0 + $1.text.utf8.count }
        let full = FrameDiff.runs(from: nil, to: frame)
        result.oneRowMove = .init(rowsChanged: rows, runs: lastRuns.count, cellsChanged: cells, textBytes: text,
                                  fullFrameTextBytes: full.reduce(0) { $0 + $1.text.utf8.count }, fullFrameRuns: full.count)
        return result
    }
}
