import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 12, key by key: the item-aware change dialog, the quit guard, truthful progress and the
/// activity panel's retry rules.
@Suite struct ItemAwareDialogTests {
    static let key = OrderKey(idChannel: 4301, idOrder: "2001")

    /// Order 2001 with the given item statuses (SKU-1, SKU-2, …).
    static func order(_ statuses: [OrderStatus], carrier: String? = nil) -> YujuOrder {
        var order = Fixtures.order(key)
        order.carrier = carrier
        order.items = statuses.enumerated().map { index, status in
            .init(idItem: "\(index + 1)", sku: "SKU-\(index + 1)", name: "Item \(index + 1)", quantity: 1, price: 10, status: status)
        }
        order.status = OrderLifecycle.orderStatus(fromItems: statuses)
        return order
    }

    /// Opens the dialog on 2001 (pending in the list) and delivers its items.
    static func open(_ state: inout AppState, _ order: YujuOrder) {
        Fixtures.press(&state, .char("G"), .up)
        #expect(state.currentSummary?.key == key)
        Fixtures.press(&state, .char("c"))
        _ = Update.update(&state, .orderLoaded(key, order))
    }

    static func dialog(_ state: AppState) -> StatusDialog? {
        if case .changeStatus(let dialog) = state.overlay { return dialog }
        return nil
    }

    static func choose(_ state: inout AppState, _ status: OrderStatus) {
        guard let index = dialog(state)?.allowed.firstIndex(of: status) else {
            Issue.record("\(status) not offered: \(dialog(state)?.allowed ?? [])")
            return
        }
        for _ in 0..<index { Fixtures.press(&state, .down) }
    }

    /// Found: 2 of 5 items moved to ready_to_ship left the order `pending`, so `c` offered only
    /// ready_to_ship/canceled and those items could never be shipped from the TUI.
    @Test func itemsAheadOfTheOrderCanBeShipped() {
        var state = Fixtures.state()
        Self.open(&state, Self.order([.readyToShip, .readyToShip, .pending, .pending, .pending]))
        #expect(Self.dialog(state)?.allowed == [.readyToShip, .shipped, .delivered, .canceled])
        Self.choose(&state, .shipped)
        // Untick the three pending items: only the two ready ones ship.
        Fixtures.press(&state, .tab, .tab, .down, .down, .char(" "), .down, .char(" "), .down, .char(" "))
        let effects = Fixtures.press(&state, .enter)
        #expect(effects == [.changeStatus([
            StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .shipped, carrier: "Estafeta", idItems: ["SKU-1", "SKU-2"]),
        ], mirrorToBridge: false)])
    }

    /// Found: every item was ticked by default, including one already past the target, so the
    /// whole change was refused (`No se puede cambiar el estado del pedido de shipped a ready_to_ship.`).
    @Test func itemsThatCannotTakeTheTargetAreUntickedWithTheReason() throws {
        var state = Fixtures.state()
        Self.open(&state, Self.order([.shipped, .pending, .pending]))
        Self.choose(&state, .readyToShip)
        let items = try #require(Self.dialog(state)?.items)
        #expect(items.map(\.checked) == [false, true, true])
        #expect(items[0].blockedAt == .shipped)
        Fixtures.press(&state, .tab, .tab, .char(" "))
        #expect(Self.dialog(state)?.error?.contains("shipped ↛ ready_to_ship") == true)
        #expect(Self.dialog(state)?.items?[0].checked == false, "a blocked item cannot be ticked")
        let effects = Fixtures.press(&state, .enter)
        #expect(effects == [.changeStatus([
            StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .readyToShip, carrier: "Estafeta", idItems: ["SKU-2", "SKU-3"]),
        ], mirrorToBridge: false)])
    }

    /// Found: pending → shipped took two dialogs and 14 keys. Now one dialog queues the chain of
    /// allowed steps, in order: 2 of 3 items with DHL in 7 keys plus the typed carrier.
    @Test func pendingToShippedIsOneDialogAndAChainOfSteps() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G"), .up)
        var keys = 0
        func press(_ key: Key) { Fixtures.press(&state, key); keys += 1 }
        press(.char("c"))
        _ = Update.update(&state, .orderLoaded(Self.key, Self.order([.pending, .pending, .pending])))
        press(.down)                  // shipped
        press(.tab)
        Fixtures.type(&state, "DHL")  // typed text, not counted
        press(.tab)
        press(.down)
        press(.char(" "))             // untick SKU-2
        let effects = Fixtures.press(&state, .enter)
        keys += 1
        #expect(keys <= 8)
        #expect(state.message?.text == "1 change queued: → shipped (2 steps)")
        #expect(effects == [.changeStatus([
            StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .readyToShip, carrier: "DHL", idItems: ["SKU-1", "SKU-3"]),
            StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .shipped, carrier: "DHL", idItems: ["SKU-1", "SKU-3"]),
        ], mirrorToBridge: false)])
    }

    /// Found: the carrier was preset to the config default, so `c Enter` silently changed it.
    @Test func theCarrierIsPresetToTheOrdersOwn() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down) // 2002, ready_to_ship with DHL
        Fixtures.press(&state, .char("c"))
        #expect(Self.dialog(state)?.chosenCarrier == "DHL")
        let effects = Fixtures.press(&state, .enter)
        #expect(effects == [.changeStatus([StatusChangeRequest(idOrder: "2002", idChannel: 4301, status: .shipped, carrier: "DHL")],
                                          mirrorToBridge: false)])
    }

    /// Found: a delivered or canceled order opened the full dialog and said `No status change
    /// allowed.` twice.
    @Test func aFinalOrderOpensNoDialogAndSaysSoOnce() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G")) // 2005 delivered
        #expect(Fixtures.press(&state, .char("c")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message?.text == "No status change allowed. (2005: delivered)")
        #expect(state.message?.isError == true)
    }

    /// Found: a mixed bulk set said `No status change allowed.` without naming the blocking
    /// orders. Now the blocking ones are named and the rest go.
    @Test func bulkNamesTheBlockingOrdersAndTheRestGo() {
        var state = Fixtures.state()
        // Mark 2003 (shipped) and 2001 (pending): list order is A, 2002, 2003, 2001, 2005.
        Fixtures.press(&state, .down, .down, .char(" "), .char(" "))
        #expect(state.marks == [OrderKey(idChannel: 4308, idOrder: "2003"), Self.key])
        Fixtures.press(&state, .char("c"))
        #expect(Self.dialog(state)?.allowed == [.readyToShip, .shipped, .delivered, .canceled])
        Self.choose(&state, .readyToShip)
        let screen = ScreenView.render(state, theme: .builtIn).text
        #expect(screen.contains("not changed: 2003 (shipped)"), "\(screen)")
        let effects = Fixtures.press(&state, .enter)
        #expect(effects == [.changeStatus([StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .readyToShip, carrier: "Estafeta")],
                                          mirrorToBridge: false)])
        #expect(state.message?.text == "1 change queued: → ready_to_ship · not changed: 2003 (shipped)")
    }

    @Test func aTargetNoOrderCanReachIsRefusedNamingThem() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down, .down, .char(" "), .char(" "))
        Fixtures.press(&state, .char("c"))
        _ = Update.update(&state, .orderLoaded(OrderKey(idChannel: 4308, idOrder: "2003"), {
            var order = Self.order([.shipped])
            order.idChannel = 4308
            order.idOrder = "2003"
            return order
        }()))
        _ = Update.update(&state, .orderLoaded(Self.key, Self.order([.delivered, .canceled])))
        #expect(Self.dialog(state)?.allowed == [.delivered])
        // delivered: 2003 can go; 2001's items are delivered and canceled, so it is named.
        let effects = Fixtures.press(&state, .enter)
        #expect(effects.count == 1)
        #expect(state.message?.text.contains("not changed: 2001 (= delivered)") == true, "\(state.message?.text ?? "")")
    }
}

@Suite struct QuitProgressAndActivityTests {
    static func activity(_ id: Int64, _ state: OutboxState, error: String? = nil) -> OutboxActivity {
        OutboxActivity(id: id, key: OrderKey(idChannel: 4301, idOrder: "2001"),
                       change: .status(OrderKey(idChannel: 4301, idOrder: "2001"), .shipped, carrier: nil, items: nil, mirrorToBridge: false), state: state,
                       attempts: state == .queued ? 0 : 1, updatedAt: Fixtures.now, lastError: error)
    }

    /// Found: `q` quit with changes in flight without a word (in sandbox mode they were lost).
    @Test func quitAsksFirstWhileChangesAreUnsent() {
        var state = Fixtures.state()
        _ = Update.update(&state, .event(.outbox(Self.activity(1, .queued))))
        _ = Update.update(&state, .event(.outbox(Self.activity(2, .sending))))
        #expect(Fixtures.press(&state, .char("q")).isEmpty)
        #expect(state.overlay == .confirmQuit(unsent: 2))
        let screen = ScreenView.render(state, theme: .builtIn).text
        #expect(screen.contains("2 changes are still queued or being sent."))
        #expect(screen.contains("In sandbox mode they are lost when you quit."))
        #expect(Fixtures.press(&state, .char("n")).isEmpty && state.overlay == nil)
        #expect(Fixtures.press(&state, .char("q"), .char("y")) == [.quit])
    }

    /// Found driving the TUI: `q` pressed right after Enter, before the outbox had reported the
    /// new changes, quit at once (in sandbox mode losing them).
    @Test func quitAsksForChangesJustConfirmedBeforeTheOutboxReports() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down, .char("c"))  // 2002, ready_to_ship
        #expect(Fixtures.press(&state, .enter).count == 1)
        #expect(Fixtures.press(&state, .char("q")).isEmpty)
        #expect(state.overlay == .confirmQuit(unsent: 1))
    }

    @Test func quitIsImmediateWithNothingUnsent() {
        var state = Fixtures.state()
        _ = Update.update(&state, .event(.outbox(Self.activity(1, .sent))))
        #expect(Fixtures.press(&state, .char("q")) == [.quit])
    }

    /// Found: the count and time left covered only the pacer's ~8 waiting requests, and the
    /// queued note stayed after the server accepted. Now the whole backlog is counted, a summary
    /// stays until Esc, and the queued note goes when the backlog has its outcome.
    @Test func progressCountsTheWholeBacklogThenLeavesASummary() {
        var state = Fixtures.state()
        state.message = StatusMessage(text: "20 changes queued: → shipped", isError: false, aboutQueuedChanges: true)
        for id in 1...20 { _ = Update.update(&state, .event(.outbox(Self.activity(Int64(id), .queued)))) }
        for id in 1...7 { _ = Update.update(&state, .event(.outbox(Self.activity(Int64(id), .sent)))) }
        _ = Update.update(&state, .event(.outbox(Self.activity(8, .refused, error: "No se puede"))))
        // Yuju in the fixtures: 2 per second, so 12 left take ~6 s.
        #expect(StatusBarView.progressText(state) == "7/20 accepted · 1 failed · ~6s")
        #expect(ScreenView.render(state, theme: .builtIn).text.contains("7/20 accepted · 1 failed"))
        for id in 9...20 { _ = Update.update(&state, .event(.outbox(Self.activity(Int64(id), .sent)))) }
        #expect(StatusBarView.progressText(state) == "19 accepted, 1 failed")
        #expect(state.message == nil, "the queued note is stale once every change has its outcome")
        Fixtures.press(&state, .escape)
        #expect(StatusBarView.progressText(state) == nil)
        // A new change starts a new count.
        _ = Update.update(&state, .event(.outbox(Self.activity(21, .queued))))
        #expect(StatusBarView.progressText(state)?.hasPrefix("0/1 accepted") == true)
    }

    /// Found: an empty cache said `No orders match.`, as if a filter hid everything.
    @Test func anEmptyCacheSaysHowToFillIt() {
        var state = AppState(width: 120, height: 40, now: Fixtures.now)
        _ = Update.update(&state, .summariesLoaded([]))
        #expect(ScreenView.render(state, theme: .builtIn).text.contains("The cache is empty: R runs a report"))
        var filtered = Fixtures.state()
        Fixtures.press(&filtered, .char("/"))
        Fixtures.type(&filtered, "zzzz-nothing")
        #expect(ScreenView.render(filtered, theme: .builtIn).text.contains("No orders match."))
    }

    @Test func resumedChangesAreToldAtStart() {
        var state = Fixtures.state()
        _ = Update.update(&state, .event(.resumed(3)))
        #expect(state.message?.text == "Resumed 3 unsent changes")
        var spanish = Fixtures.state(language: .es)
        _ = Update.update(&spanish, .event(.resumed(1)))
        #expect(spanish.message?.text == "Reanudando 1 cambio pendiente")
    }

    /// Found: Enter in Activity retried the selected row. Now Enter opens the order, and `t`
    /// never resends a refused change.
    @Test func activityEnterOpensTheOrderAndRetryLeavesRefusalsAlone() {
        var state = Fixtures.state()
        _ = Update.update(&state, .outboxLoaded([Self.activity(5, .refused, error: "No se puede"), Self.activity(4, .failed, error: "timed out")]))
        Fixtures.press(&state, .char("a"))
        #expect(Fixtures.press(&state, .char("t")).isEmpty, "a refused change is final")
        #expect(Fixtures.press(&state, .down, .char("t")) == [.retry([4])])
        let effects = Fixtures.press(&state, .enter)
        let key = OrderKey(idChannel: 4301, idOrder: "2001")
        #expect(effects == [.loadOrder(key), .loadDetail(key), .fetchOutbounds(key)])
        #expect(state.overlay == nil && state.detail?.key == key)
    }
}
