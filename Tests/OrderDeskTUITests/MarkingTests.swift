import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13, marking: all visible, a range, and Esc that asks before dropping marks.
@Suite struct MarkingTests {
    static func ids(_ keys: Set<OrderKey>) -> [String] { keys.map(\.idOrder).sorted() }
    static func visibleIds(_ state: AppState, _ range: ClosedRange<Int>) -> [String] { range.map { state.orders[$0].key.idOrder }.sorted() }

    @Test(arguments: [Key.ctrl("a"), Key.char("*")])
    func markAllVisibleMarksTheFilteredRowsThenUnmarksThem(key: Key) {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "sku-azul")
        Fixtures.press(&state, .enter, key)
        #expect(Self.ids(state.marks) == ["2001", "21972600150-A"])
        #expect(state.message?.text == "2 visible orders marked")
        // A mark outside the filter is left alone by both presses.
        Fixtures.press(&state, .escape, .char("G"), .char(" "))
        #expect(state.marks.count == 3)
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "sku-azul")
        Fixtures.press(&state, .enter, key)
        #expect(Self.ids(state.marks) == ["2005"])
        #expect(state.message?.text == "2 visible orders unmarked")
    }

    @Test func aRangeMarksFromTheAnchorToTheCursorAndShrinksBack() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G"), .char(" "))   // the last row, marked before the range
        let premarked = state.orders[4].key
        Fixtures.press(&state, .char("g"), .char("v"))
        #expect(state.markRange != nil && state.marks == [state.orders[0].key, premarked])
        Fixtures.press(&state, .char("j"), .char("j"))
        #expect(Self.ids(state.marks) == (Self.visibleIds(state, 0...2) + [premarked.idOrder]).sorted())
        Fixtures.press(&state, .char("k"))
        #expect(Self.ids(state.marks) == (Self.visibleIds(state, 0...1) + [premarked.idOrder]).sorted())
        Fixtures.press(&state, .char("G"))
        #expect(state.marks.count == 5)
        // Back to the anchor: only the anchor stays, and the mark from before the range.
        Fixtures.press(&state, .char("g"))
        #expect(state.marks == [state.orders[0].key, premarked])
        Fixtures.press(&state, .char("j"), .char("j"), .char("v"))
        #expect(state.markRange == nil)
        let marked = state.marks
        #expect(marked.count == 4)
        Fixtures.press(&state, .char("j"))
        #expect(state.marks == marked, "moving after v ends the range marks nothing")
    }

    /// Upwards from the anchor works the same, and so does a range over a filtered list.
    @Test func aRangeUpwardsOverAFilteredList() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "sku")
        Fixtures.press(&state, .enter, .char("G"), .char("v"), .char("k"), .char("k"))
        #expect(Self.ids(state.marks) == Self.visibleIds(state, 2...4))
    }

    @Test func anythingButAMoveEndsTheRangeKeepingItsMarks() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("v"), .char("j"))
        Fixtures.press(&state, .char("s"))
        #expect(state.markRange == nil && state.marks.count == 2)
        // New data under an open range ends it too, the marks kept by key.
        Fixtures.press(&state, .char("v"), .char("j"))
        var changed = state.orders[4]
        changed.status = .shipped
        _ = Update.update(&state, .event(.summariesChanged([changed])))
        #expect(state.markRange == nil && state.marks.count == 3)
        // Esc on an open range ends it, and drops nothing.
        Fixtures.press(&state, .char("v"), .char("j"), .escape)
        #expect(state.markRange == nil && state.marks.count >= 3)
    }

    @Test func escWithMarksAsksFirstAndTheSecondEscClears() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .char(" "), .escape)
        #expect(state.marks.count == 2, "the first Esc drops nothing")
        #expect(state.message?.text == "2 marked · Esc again clears the marks")
        Fixtures.press(&state, .escape)
        #expect(state.marks.isEmpty)
        #expect(state.message?.text == "2 marks cleared")
    }

    @Test func anotherKeyBetweenTheTwoEscsKeepsTheMarks() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .escape, .char("j"))
        #expect(state.message == nil, "the warning goes with the key that disarmed it")
        Fixtures.press(&state, .escape)
        #expect(state.marks.count == 1 && state.message?.text == "1 marked · Esc again clears the marks")
        // Help opened and closed in between: still a first Esc.
        Fixtures.press(&state, .char("?"), .escape, .escape)
        #expect(state.marks.count == 1)
    }

    @Test func escUndoesTheFilterBeforeTouchingTheMarks() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .char("/"))
        Fixtures.type(&state, "sku")
        Fixtures.press(&state, .enter, .escape)
        #expect(state.filterText.isEmpty && state.marks.count == 1 && !state.clearMarksArmed)
    }

    @Test func spanishSaysTheSame() {
        var state = Fixtures.state(language: .es)
        Fixtures.press(&state, .char("*"))
        #expect(state.message?.text == "5 pedidos visibles marcados")
        Fixtures.press(&state, .escape)
        #expect(state.message?.text == "5 marcados · Esc otra vez quita las marcas")
        Fixtures.press(&state, .escape)
        #expect(state.message?.text == "5 marcas quitadas")
        Fixtures.press(&state, .char("v"))
        #expect(state.message?.text == "Marcando un rango: mueva el cursor para extenderlo · v: terminar")
    }

    /// Bound through the key map: overrides move them, and `?` lists them.
    @Test func theNewKeysAreCommandsOfTheKeyMap() {
        let keys = KeyMap(overrides: ["mark_all": "ctrl-e", "mark_range": "V", "reverse_sort": "ctrl-s"])
        #expect(keys.problems.isEmpty)
        var state = Fixtures.state(keyMap: keys)
        Fixtures.press(&state, .ctrl("a"))
        #expect(state.marks.isEmpty, "ctrl-a moved away")
        Fixtures.press(&state, .ctrl("e"))
        #expect(state.marks.count == 5)
        Fixtures.press(&state, .char("V"))
        #expect(state.markRange != nil)
        #expect(KeyMap().label(.markAll) == "Ctrl-A/*" && KeyMap().label(.markRange) == "v" && KeyMap().label(.reverseSort) == "S")
        var help = Fixtures.state()
        Fixtures.press(&help, .char("?"))
        for _ in 0..<10 { Fixtures.press(&help, .down) }
        let text = ScreenView.render(help, theme: .builtIn).text
        #expect(text.contains("Ctrl-A/*") && text.contains("mark all visible") && text.contains("mark a range"))
    }

    /// A range to the bottom of 100,000 rows and back costs what the rows entering or leaving
    /// it cost, not the whole range per key.
    @Test func aLongRangeMovesRowByRow() {
        var state = AppState(width: 120, height: 40, now: Fixtures.now)
        _ = Update.update(&state, .summariesLoaded(PreviewData.summaries(count: 100_000)))
        Fixtures.press(&state, .char("v"), .char("G"))
        #expect(state.marks.count == 100_000)
        let started = Date()
        for _ in 0..<200 { Fixtures.press(&state, .char("k")) }
        let perKey = Date().timeIntervalSince(started) / 200
        #expect(state.marks.count == 100_000 - 200)
        #expect(perKey < 0.005, "\(perKey * 1000) ms per key")
    }
}
