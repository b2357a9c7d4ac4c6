import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13: the sort shows on every column and reverses; the hint line tells the truth and is
/// never held for long by a message.
@Suite struct SortAndHintTests {
    static func lines(_ state: AppState) -> [String] {
        ScreenView.render(state, theme: .builtIn).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// `s` through every column, both ways with `S`: the arrow is on screen each time, in the
    /// header, or in the title for a column the width leaves out.
    @Test(arguments: [120, 60], [Language.en, .es])
    func everySortShowsItsArrow(width: Int, language: Language) {
        let size = (width, width == 120 ? 40 : 15)
        var state = Fixtures.state(width: size.0, height: size.1, language: language)
        for _ in SortColumn.allCases {
            for _ in 0..<2 {
                let arrow = state.orders.sortDescending ? "▼" : "▲"
                let lines = Self.lines(state)
                let header = lines[1]
                let shownInHeader = ListView.layout(width: size.0, text: state.text).columns.contains { $0.column.sortColumn == state.orders.sortColumn }
                if shownInHeader {
                    #expect(header.contains(arrow), "\(state.orders.sortColumn) at \(size): \(header)")
                    #expect(!lines[0].contains(arrow))
                } else {
                    #expect(lines[0].contains(state.text[state.orders.sortColumn.title] + arrow), "\(state.orders.sortColumn): \(lines[0])")
                }
                Fixtures.press(&state, .char("S"))
            }
            Fixtures.press(&state, .char("s"))
        }
    }

    @Test func shiftSReversesTheSameColumnAndKeepsTheCursorOnItsOrder() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("s"), .char("s"), .char("s"), .char("s"))   // paid → id → channel → customer → items, most first
        #expect(state.orders.sortColumn == .items && state.orders.sortDescending)
        let counts = (0..<state.orders.count).map { state.orders[$0].itemCount }
        Fixtures.press(&state, .char("j"))
        let current = state.currentSummary?.key
        Fixtures.press(&state, .char("S"))
        #expect(state.orders.sortColumn == .items && !state.orders.sortDescending)
        #expect((0..<state.orders.count).map { state.orders[$0].itemCount } == counts.reversed())
        #expect(state.currentSummary?.key == current)
        Fixtures.press(&state, .char("S"))
        #expect(state.orders.sortDescending)
        #expect(Self.lines(state)[1].contains("Items▼"), "the whole header and its arrow fit")
    }

    @Test(arguments: [Language.en, .es])
    func theDetailFooterSaysQGoesBack(language: Language) {
        var state = Fixtures.state(language: language)
        let listHint = Self.lines(state)[38]
        #expect(listHint.hasPrefix(language == .en ? "?: help · q: quit" : "?: ayuda · q: salir"), "\(listHint)")
        Fixtures.press(&state, .enter)
        let detailHint = Self.lines(state)[38]
        #expect(detailHint.hasPrefix(language == .en ? "?: help · q: back" : "?: ayuda · q: volver"), "\(detailHint)")
        #expect(!Fixtures.press(&state, .char("q")).contains(.quit))
        #expect(state.detail == nil, "and q did go back")
    }

    @Test func theHintFollowsOverriddenKeys() {
        let keys = KeyMap(overrides: ["help": "h", "quit": "x", "back": "esc,z"])
        var state = Fixtures.state(keyMap: keys)
        #expect(StatusBarView.keyHint(state).hasPrefix("h: help · x: quit · "))
        Fixtures.press(&state, .enter)
        #expect(StatusBarView.keyHint(state).hasPrefix("h: help · z: back · "))
    }

    /// Information gives the line back after a few seconds, errors a little later, but neither
    /// holds it for good.
    @Test func messagesGiveTheHintLineBackWithinSeconds() {
        var state = Fixtures.state()
        let start = Date(timeIntervalSince1970: 1_000)
        for (message, lifetime) in [(StatusMessage(text: "report 87adcfdd: imported 303 orders", isError: false), 4.0),
                                    (StatusMessage(text: "El campo id_order es requerido.", isError: true), 8.0)] {
            state.message = message
            _ = Update.update(&state, .tick(start))
            _ = Update.update(&state, .tick(start.addingTimeInterval(lifetime - 1)))
            #expect(state.message != nil)
            #expect(!Self.lines(state)[38].contains("?: help"))
            _ = Update.update(&state, .tick(start.addingTimeInterval(lifetime)))
            #expect(state.message == nil)
            #expect(Self.lines(state)[38].hasPrefix("?: help · q: quit"))
        }
    }
}
