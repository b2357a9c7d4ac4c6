import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Team mode: the team database lost and back, as the screen says it.
@Suite struct TeamConnectionTests {
    @Test(arguments: [Language.en, .es])
    func lostThenBack(_ language: Language) {
        var state = Fixtures.state(language: language)
        let rows = state.orders.totalCount
        _ = Update.update(&state, .event(.teamDatabase(lost: "no answer")))
        #expect(state.teamTrouble == "no answer")
        // A warning segment first in the budgets line, and a message that says what still works.
        let first = StatusBarView.segments(state).first
        #expect(first == StatusBarView.Segment(text: state.text[.teamLost], warning: true))
        #expect(state.message?.isError == true)
        #expect(state.message?.text.hasSuffix("no answer") == true)
        #expect(state.message?.text.contains(language == .es ? "nada en cola se pierde" : "nothing queued is lost") == true)
        // Browsing goes on from memory.
        #expect(state.orders.totalCount == rows)
        _ = Update.update(&state, .key(.char("j")))
        #expect(state.cursor == 1)

        _ = Update.update(&state, .event(.teamDatabase(lost: nil)))
        #expect(state.teamTrouble == nil)
        #expect(StatusBarView.segments(state).first?.text != state.text[.teamLost])
        #expect(state.message == StatusMessage(text: state.text[.teamBack], isError: false))
    }
}

/// Issue 15: in the change dialog, a change already queued for the same order (a colleague's,
/// or this operator's own from another window) is named before a second one goes behind it.
@Suite struct UnsentChangeWarningTests {
    /// The order under the cursor of `Fixtures.state`, which the dialog opens on.
    static let key = Fixtures.state().currentSummary!.key

    static func colleagues(_ state: OutboxState = .sending, by name: String = "ana") -> OutboxActivity {
        OutboxActivity(id: 7, key: key, change: .status(key, .shipped, carrier: "DHL", items: nil, mirrorToBridge: false), state: state, attempts: 1,
                       updatedAt: Fixtures.now, queuedBy: name)
    }

    static func openDialog(_ language: Language, width: Int = 120, height: Int = 40) -> (AppState, [Effect]) {
        var state = Fixtures.state(width: width, height: height, language: language)
        state.operatorName = "beto"
        let effects = Fixtures.press(&state, .char("c"))
        return (state, effects)
    }

    @Test(arguments: [Language.en, .es])
    func aColleaguesUnsentChangeIsNamedInTheDialog(_ language: Language) throws {
        var (state, effects) = Self.openDialog(language)
        guard case .changeStatus(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(effects.contains(.loadUnsentChanges(dialog.keys)))
        #expect(dialog.keys == [Self.key])
        _ = Update.update(&state, .unsentChangesLoaded(dialog.keys, [Self.colleagues()]))
        let screen = ScreenView.render(state, theme: .builtIn).text
        let expected = language == .es
            ? ["⚠ Aún sin enviar, antes que este cambio:", "  ana: \(Self.key) → shipped (DHL), enviando"]
            : ["⚠ Not sent yet, ahead of this change:", "  ana: \(Self.key) → shipped (DHL), sending"]
        #expect(expected.allSatisfy { screen.contains($0) }, "\(screen)")
    }

    @Test func ownChangesSayYouAndAnAnswerForOtherOrdersIsIgnored() {
        var (state, _) = Self.openDialog(.en)
        _ = Update.update(&state, .unsentChangesLoaded([OrderKey(idChannel: 4301, idOrder: "other")], [Self.colleagues()]))
        #expect(!ScreenView.render(state, theme: .builtIn).text.contains("Not sent yet"))
        _ = Update.update(&state, .unsentChangesLoaded([Self.key], [Self.colleagues(.queued, by: "beto"), Self.colleagues(by: "ana")]))
        let screen = ScreenView.render(state, theme: .builtIn).text
        #expect(screen.contains("you: \(Self.key) → shipped (DHL), queued · +1"), "\(screen)")
    }

    @Test func theWarningFollowsTheOutboxAndFitsASmallScreen() {
        var (state, _) = Self.openDialog(.en, width: 60, height: 15)
        _ = Update.update(&state, .unsentChangesLoaded([Self.key], [Self.colleagues()]))
        #expect(ScreenView.render(state, theme: .builtIn).text.contains("⚠ ana: \(Self.key)"))
        // The colleague's change went through: the dialog asks again and the warning goes.
        let effects = Update.update(&state, .event(.outbox(Self.colleagues(.sent))))
        #expect(effects == [.loadUnsentChanges([Self.key])])
        _ = Update.update(&state, .unsentChangesLoaded([Self.key], []))
        let screen = ScreenView.render(state, theme: .builtIn).text
        #expect(!screen.contains("⚠"))
        // The dialog's fields are all still there at 60×15.
        #expect(screen.contains("Carrier"), "\(screen)")
    }
}
