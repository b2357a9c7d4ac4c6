import Foundation
import OrderKit
@testable import OrderDeskTUI
import Testing

/// Rows refreshed by a webhook notification: replaced in place, an open detail reloaded, and a
/// dot until the operator looks at the row.
@Suite struct LiveRowsTests {
    static let second = OrderKey(idChannel: 4308, idOrder: "21972600150-A")

    static func line(of id: String, in state: AppState) -> String? {
        ScreenView.render(state, theme: .builtIn).text.split(separator: "\n").first { $0.contains(id) }.map(String.init)
    }

    @Test func notifiedRowIsReplacedAndMarkedUntilLookedAt() {
        var state = Fixtures.state()
        let cursorKey = state.currentSummary?.key
        var changed = state.orders.summary(for: Self.second)!
        changed.status = .readyToShip
        changed.carrier = "DHL"
        #expect(Update.update(&state, .event(.ordersNotified([changed]))).isEmpty)
        #expect(state.orders.summary(for: Self.second)?.status == .readyToShip)
        #expect(state.currentSummary?.key == cursorKey, "the cursor stays on its order")
        let marked = Self.line(of: Self.second.idOrder, in: state)
        #expect(marked?.contains("•") == true, "\(marked ?? "no line")")
        #expect(marked?.contains("ready_to_ship") == true)
        // Another row's key press does not clear it; moving onto it does.
        Fixtures.press(&state, .char("k"))
        #expect(state.notified.contains(Self.second) == (state.currentSummary?.key != Self.second))
        while state.currentSummary?.key != Self.second, state.cursor < state.orders.count - 1 { Fixtures.press(&state, .char("j")) }
        #expect(state.currentSummary?.key == Self.second)
        #expect(!state.notified.contains(Self.second))
        #expect(Self.line(of: Self.second.idOrder, in: state)?.contains("•") == false)
    }

    @Test func openDetailOfANotifiedOrderReloadsAndIsLookedAt() throws {
        var state = Fixtures.state()
        Fixtures.press(&state, .enter)
        let open = try #require(state.detail?.key)
        var changed = state.orders.summary(for: open)!
        changed.status = .canceled
        #expect(Update.update(&state, .event(.ordersNotified([changed]))) == [.loadOrder(open), .loadDetail(open)])
        // The operator is looking at it: the next key clears the mark.
        Fixtures.press(&state, .char("j"))
        #expect(!state.notified.contains(open))
    }

    @Test func plainRefreshesAreNotMarked() {
        var state = Fixtures.state()
        var changed = state.orders.summary(for: Self.second)!
        changed.carrier = "FedEx"
        _ = Update.update(&state, .event(.summariesChanged([changed])))
        #expect(state.notified.isEmpty)
    }
}
