import OrderKit
import Testing
@testable import OrderDeskTUI

/// Rows that change under a filter stay in view, marked, until the operator re-applies the
/// filter: in a `[pending]` view, a bulk change used to make each order vanish under the cursor
/// as it was accepted (seen with `scripts/keystrokes.sh`: 16 of 20 rows left mid-bulk).
@Suite struct HeldRowsTests {
    static let pendingKey = OrderKey(idChannel: 4301, idOrder: "2001")

    static func pendingView() -> AppState {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("f"), .char(" "), .escape)   // the status facet: pending
        return state
    }

    static func changed(_ key: OrderKey, to status: OrderStatus) -> OrderSummary {
        var summary = Fixtures.summaries().first { $0.key == key }!
        summary.status = status
        return summary
    }

    @Test func anOrderThatLeavesTheFacetStaysInViewMarked() throws {
        var state = Self.pendingView()
        #expect(state.orders.statusFacet == [.pending] && state.orders.count == 2)
        _ = Update.update(&state, .event(.summariesChanged([Self.changed(Self.pendingKey, to: .readyToShip)])))
        let index = try #require(state.orders.visibleIndex(of: Self.pendingKey))
        #expect(state.orders.count == 2)
        #expect(state.orders[index].status == .readyToShip)
        #expect(state.orders.isHeld(visibleIndex: index))
        // Re-applying the filter lets it go.
        Fixtures.press(&state, .char("f"), .char(" "), .char(" "), .escape)
        #expect(state.orders.count == 1 && state.orders.visibleIndex(of: Self.pendingKey) == nil)
    }

    @Test func anOrderThatNoLongerMatchesTheQueryStaysUntilTheQueryChanges() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "sku-azul")
        Fixtures.press(&state, .enter)
        let count = state.orders.count
        var summary = state.orders[0]
        summary.skus = ["SKU-VERDE"]
        _ = Update.update(&state, .event(.summariesChanged([summary])))
        #expect(state.orders.count == count && state.orders.isHeld(visibleIndex: state.orders.visibleIndex(of: summary.key)!))
        Fixtures.press(&state, .char("/"), .backspace)
        #expect(state.orders.visibleIndex(of: summary.key) == nil)
    }

    @Test func anOrderThatStillMatchesIsNotMarked() {
        var state = Self.pendingView()
        var summary = Self.changed(Self.pendingKey, to: .pending)
        summary.carrier = "DHL"
        _ = Update.update(&state, .event(.summariesChanged([summary])))
        #expect(!state.orders.isHeld(visibleIndex: state.orders.visibleIndex(of: Self.pendingKey)!))
    }

    @Test func aHeldRowIsDrawnWithTheChangedMark() {
        var state = Self.pendingView()
        _ = Update.update(&state, .event(.summariesChanged([Self.changed(Self.pendingKey, to: .readyToShip)])))
        var buffer = CellBuffer(width: 120, height: 40)
        ScreenView.render(state, theme: .builtIn, into: &buffer)
        let row = (0..<40).map { buffer.line($0) }.first { $0.contains("2001") }!
        #expect(row.hasPrefix(ListView.heldMark), "\(row)")
    }
}
