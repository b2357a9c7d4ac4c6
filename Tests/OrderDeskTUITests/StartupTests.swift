import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13: a loading line from the first frame, and keys typed before the list is there
/// kept and handled once it is.
@Suite struct StartupTests {
    static func starting(language: Language = .en, width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(width: width, height: height, language: language, now: Fixtures.now)
        state.startup = .starting
        return state
    }

    static func text(_ state: AppState) -> String { ScreenView.render(state, theme: .builtIn).text }

    @Test func theLoadingLineFollowsTheSteps() {
        var state = Self.starting()
        #expect(Self.text(state).contains("Starting…"))
        _ = Update.update(&state, .startup(.startingSandbox))
        #expect(Self.text(state).contains("Starting the sandbox…"))
        _ = Update.update(&state, .startup(.importing(orders: 1_500, runs: 1)))
        #expect(Self.text(state).contains("Starting the sandbox… importing 1,500 orders (report run 2)"))
        var spanish = Self.starting(language: .es)
        _ = Update.update(&spanish, .startup(.importing(orders: 1_500, runs: 1)))
        #expect(Self.text(spanish).contains("Iniciando el sandbox… importando 1,500 pedidos (reporte 2)"))
        _ = Update.update(&state, .summariesLoaded(Fixtures.summaries()))
        #expect(state.startup == nil)
        #expect(!Self.text(state).contains("Starting"))
    }

    /// `/nandu` typed during start-up: kept (and shown), then typed into the filter once the
    /// rows are there, finding Peña Ñandú without her accents.
    @Test func keysTypedWhileStartingAreKeptThenHandled() {
        var state = Self.starting()
        let effects = Fixtures.press(&state, .char("/")) + Fixtures.type(&state, "nandu")
        #expect(effects.isEmpty)
        #expect(!state.filterEditing && state.filterText.isEmpty, "nothing acted yet")
        #expect(Self.text(state).contains("Keys kept: /nandu"))
        _ = Update.update(&state, .summariesLoaded(Fixtures.summaries()))
        #expect(state.typeAhead.isEmpty)
        #expect(state.filterEditing && state.filterText == "nandu")
        #expect(state.orders.count == 1 && state.orders[0].customer == "Peña Ñandú")
    }

    /// Kept keys that ask for work (Enter opens the first order) ask once the list is there.
    @Test func keptKeysReturnTheirEffects() {
        var state = Self.starting()
        Fixtures.press(&state, .char("j"), .enter)
        let effects = Update.update(&state, .summariesLoaded(Fixtures.summaries()))
        let key = state.orders[1].key
        #expect(effects == [.loadOrder(key), .loadDetail(key), .fetchOutbounds(key)])
        #expect(state.detail?.key == key)
    }

    /// If the list cannot be read, keys are no longer held: `q` still quits.
    @Test func aFailedLoadStopsHoldingKeys() {
        var state = Self.starting()
        Fixtures.press(&state, .char("?"))
        #expect(state.overlay == nil)
        _ = Update.update(&state, .effectFailed(.unexpected("cannot open the cache")))
        #expect(state.overlay == .help(scroll: 0), "the kept key acted")
        Fixtures.press(&state, .escape)
        #expect(Fixtures.press(&state, .char("q")) == [.quit])
    }

    @Test func theBackendsFactsArriveWithIt() {
        var state = Self.starting()
        #expect(!Self.text(state).contains("SANDBOX"))
        let backend = PreviewBackend(orderCount: 10)
        _ = Update.update(&state, .backendReady(BackendInfo(backend)))
        #expect(state.isSandbox == backend.isSandbox && state.carriers == backend.carriers)
        #expect(state.startup == .readingOrders)
        #expect(Self.text(state).contains("Loading…"))
    }

    /// The UI's end is awaited before or after it happened, by any number of waiters.
    @Test func completionWakesEveryWaiter() async throws {
        let completion = Completion()
        async let first: Void = completion.wait()
        async let second: Void = completion.wait()
        try await Task.sleep(for: .milliseconds(20))
        completion.finish(nil)
        _ = try await (first, second)
        try await completion.wait()
    }
}
