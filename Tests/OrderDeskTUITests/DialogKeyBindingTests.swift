import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 11: dialog and panel keys are bound through the key map like the list's, so a config
/// override reaches them, `?` shows them, and the hint bar names the keys that work.
@Suite struct DialogKeyBindingTests {
    static func text(_ state: AppState) -> String { ScreenView.render(state, theme: .builtIn).text }

    static func statusDialog(_ state: AppState) -> StatusDialog? {
        if case .changeStatus(let dialog) = state.overlay { return dialog }
        return nil
    }

    static let keys = KeyMap(overrides: ["toggle": "x", "cancel": "ctrl-g", "next_field": "ctrl-n", "confirm": "ctrl-o",
                                         "clear_facets": "C", "quit_anyway": "j"])

    /// A dialog's keys are its own: rebinding `toggle` leaves Space marking on the list.
    @Test func aDialogOverrideLeavesTheListsKeys() {
        #expect(Self.keys.problems.isEmpty)
        var state = Fixtures.state(keyMap: Self.keys)
        Fixtures.press(&state, .char(" "))
        #expect(state.marks.count == 1, "Space still marks on the list")
        #expect(state.keyMap.command(for: .char("x")) == nil, "x means nothing on the list")
    }

    @Test func theChangeDialogTakesTheReboundKeys() {
        var state = ScreenKeysTests.detail(keyMap: Self.keys)
        Fixtures.press(&state, .char("c"))
        #expect(Self.statusDialog(state)?.focus == .status)
        Fixtures.press(&state, .tab)
        #expect(Self.statusDialog(state)?.focus == .status, "Tab no longer moves")
        Fixtures.press(&state, .ctrl("n"), .ctrl("n"))
        #expect(Self.statusDialog(state)?.focus == .items)
        let before = Self.statusDialog(state)?.items?.first?.checked
        Fixtures.press(&state, .char(" "))
        #expect(Self.statusDialog(state)?.items?.first?.checked == before, "Space no longer toggles")
        Fixtures.press(&state, .char("x"))
        #expect(Self.statusDialog(state)?.items?.first?.checked == before.map { !$0 })
        #expect(ScreenKeysTests.hintLine(state).contains("x: toggle"))
        #expect(ScreenKeysTests.hintLine(state).contains("Ctrl-N: field · Ctrl-O: confirm · Ctrl-G: cancel"))
        Fixtures.press(&state, .escape)
        #expect(state.overlay != nil, "Esc no longer cancels")
        Fixtures.press(&state, .ctrl("g"))
        #expect(state.overlay == nil)
    }

    @Test func panelsAndTheQuitQuestionTakeTheReboundKeys() {
        var state = Fixtures.state(keyMap: Self.keys)
        Fixtures.press(&state, .char("f"), .char(" "))
        #expect(state.orders.statusFacet.isEmpty && state.orders.channelFacet.isEmpty, "Space no longer toggles a facet")
        Fixtures.press(&state, .char("x"))
        #expect(!state.orders.statusFacet.isEmpty || !state.orders.channelFacet.isEmpty)
        Fixtures.press(&state, .char("C"))
        #expect(state.orders.statusFacet.isEmpty && state.orders.channelFacet.isEmpty)
        Fixtures.press(&state, .ctrl("g"))
        #expect(state.overlay == nil)

        _ = Update.update(&state, .event(.outbox(OutboxActivity(
            id: 1, key: state.currentSummary!.key, change: .bridge(address: "b", state: "confirmed"), state: .queued, attempts: 0,
            updatedAt: Fixtures.now))))
        Fixtures.press(&state, .char("q"))
        #expect(state.overlay == .confirmQuit(unsent: 1))
        #expect(ScreenKeysTests.hintLine(state).hasPrefix("j: quit"))
        #expect(Fixtures.press(&state, .char("j")) == [.quit])
    }

    /// `?` lists the dialogs' keys, as bound.
    @Test func helpShowsTheDialogKeys() {
        var state = Fixtures.state(keyMap: Self.keys)
        Fixtures.press(&state, .char("?"))
        let commands = ScreenKeys.helpCommands(for: .list)
        for command in [Command.confirm, .cancel, .toggle, .clearFacets, .quitAnyway] { #expect(commands.contains(command)) }
        let help = Self.text(state)
        func row(_ keys: String, _ text: String) -> String { keys + String(repeating: " ", count: 17 - keys.count) + text }
        #expect(help.contains(row("x", "dialogs and facets: tick / untick")), "\(help)")
        #expect(help.contains(row("Ctrl-G", "dialogs and panels: cancel, close")))
        #expect(help.contains(row("j", "leaving with unsent changes: leave anyway")))
    }
}
