import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Team mode: the team database lost and back, as the screen says it.
@Suite struct TeamConnectionTests {
    @Test(arguments: [Language.en, .es])
    func lostThenBack(_ language: Language) {
        var state = Fixtures.state(language: language)
        let rows = state.orders.rows.count
        _ = Update.update(&state, .event(.teamDatabase(lost: "no answer")))
        #expect(state.teamTrouble == "no answer")
        // A warning segment first in the budgets line, and a message that says what still works.
        let first = StatusBarView.segments(state).first
        #expect(first == StatusBarView.Segment(text: state.text[.teamLost], warning: true))
        #expect(state.message?.isError == true)
        #expect(state.message?.text.hasSuffix("no answer") == true)
        #expect(state.message?.text.contains(language == .es ? "nada en cola se pierde" : "nothing queued is lost") == true)
        // Browsing goes on from memory.
        #expect(state.orders.rows.count == rows)
        _ = Update.update(&state, .key(.char("j")))
        #expect(state.cursor == 1)

        _ = Update.update(&state, .event(.teamDatabase(lost: nil)))
        #expect(state.teamTrouble == nil)
        #expect(StatusBarView.segments(state).first?.text != state.text[.teamLost])
        #expect(state.message == StatusMessage(text: state.text[.teamBack], isError: false))
    }
}
