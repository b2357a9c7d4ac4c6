import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

@Suite struct ListCoreTests {
    @Test func defaultSortIsNewestPaidFirst() {
        let state = Fixtures.state()
        #expect(state.orders.count == 5)
        #expect(state.orders[0].key.idOrder == "21972600150-A")
        #expect(state.orders[4].key.idOrder == "2005")
    }

    @Test func movesAndPagesWithinBounds() {
        var state = Fixtures.state(height: 6) // two list rows
        Fixtures.press(&state, .down, .char("j"))
        #expect(state.cursor == 2)
        #expect(state.scrollTop == 1)
        Fixtures.press(&state, .char("G"))
        #expect(state.cursor == 4)
        Fixtures.press(&state, .pageUp)
        #expect(state.cursor == 2)
        Fixtures.press(&state, .char("g"), .up)
        #expect(state.cursor == 0 && state.scrollTop == 0)
    }

    @Test func filterAsYouTypeOverIdCustomerSkuReference() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        #expect(state.filterEditing)
        Fixtures.type(&state, "ñandú")
        #expect(state.orders.count == 1 && state.orders[0].key.idOrder == "2001")
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "sku-azul")
        #expect(Set((0..<state.orders.count).map { state.orders[$0].key.idOrder }) == ["2001", "21972600150-A"])
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "ref-777")
        #expect(state.orders.count == 1 && state.orders[0].key.idOrder == "2002")
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "150-a")
        #expect(state.orders.count == 1 && state.orders[0].key.idOrder == "21972600150-A")
        // Enter keeps the filter and returns to the list; Esc in the filter line clears it.
        Fixtures.press(&state, .enter)
        #expect(!state.filterEditing && state.orders.count == 1)
        Fixtures.press(&state, .char("/"), .backspace, .escape)
        #expect(state.filterText.isEmpty && state.orders.count == 5)
    }

    /// Seen finding "ramon castaneda" from far down the list: Enter opened the last of the ten
    /// matches, the old row number kept, instead of the first.
    @Test func aFilterThatLeavesTheCurrentOrderOutPutsTheCursorOnTheFirstMatch() throws {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G"))
        let last = state.currentSummary?.key
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "sku-azul")
        #expect(state.orders.count == 2 && state.orders.visibleIndex(of: last!) == nil)
        #expect(state.cursor == 0)
        // A query that still lists the current order keeps it under the cursor.
        Fixtures.press(&state, .enter, .char("j"))
        let second = try #require(state.currentSummary?.key)
        #expect(state.cursor == 1)
        Fixtures.press(&state, .char("/"), .backspace)
        #expect(state.currentSummary?.key == second)
    }

    @Test func typingInTheFilterDoesNotTriggerCommands() {
        var state = Fixtures.state()
        let effects = Fixtures.press(&state, .char("/"), .char("q"), .char("c"), .char("R"))
        #expect(effects.isEmpty && state.overlay == nil)
        #expect(state.filterText == "qcR")
    }

    @Test func narrowingAndWideningFilterAgree() {
        var index = OrderIndex(PreviewData.summaries(count: 2_000))
        index.setQuery("pe")
        index.setQuery("peñ")
        let narrowed = index.visible
        var fresh = OrderIndex(PreviewData.summaries(count: 2_000))
        fresh.setQuery("peñ")
        #expect(narrowed == fresh.visible)
        #expect(!narrowed.isEmpty)
    }

    @Test func facetsFilterStatusAndChannel() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("f"))
        guard case .facets(let panel) = state.overlay else { Issue.record("no facets panel"); return }
        #expect(panel.entries.first == .status(.pending, 2))
        Fixtures.press(&state, .char(" "))
        #expect(state.orders.count == 2)
        // Down to the channel 4308 entry (after the 4 statuses and channel 4301).
        for _ in 0..<5 { Fixtures.press(&state, .down) }
        Fixtures.press(&state, .char(" "))
        #expect(state.orders.count == 1 && state.orders[0].key.idOrder == "21972600150-A")
        Fixtures.press(&state, .char("c"))
        #expect(state.orders.count == 5)
        Fixtures.press(&state, .escape)
        #expect(state.overlay == nil)
    }

    @Test func sortCyclesColumnsAndKeepsTheCursorOnTheSameOrder() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down) // 2002
        let key = state.currentSummary?.key
        Fixtures.press(&state, .char("s"))
        #expect(state.orders.sortColumn == .id)
        #expect(state.orders[0].key.idOrder == "2001")
        #expect(state.currentSummary?.key == key)
    }

    @Test func spaceMarksAndMovesDownEscTwiceClearsMarks() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .char(" "))
        #expect(state.marks.count == 2 && state.cursor == 2)
        Fixtures.press(&state, .up, .char(" "))
        #expect(state.marks.count == 1)
        Fixtures.press(&state, .escape)
        #expect(state.marks.count == 1, "the first Esc only warns (MarkingTests)")
        Fixtures.press(&state, .escape)
        #expect(state.marks.isEmpty)
    }

    @Test func enterOpensDetailAndLoadsIt() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G"))
        let effects = Fixtures.press(&state, .enter)
        let key = OrderKey(idChannel: 4312, idOrder: "2005")
        #expect(effects == [.loadOrder(key), .loadDetail(key), .fetchOutbounds(key)])
        #expect(state.detail?.key == key)
        #expect(!Fixtures.press(&state, .char("q")).contains(.quit))
        #expect(state.detail == nil)
    }

    /// Two marked orders, one item each: the checklist lists both orders' items, and each
    /// request carries only its own order's checked item.
    @Test func bulkItemChecklistPicksItemsPerOrder() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .char(" "))
        let keys = [OrderKey(idChannel: 4301, idOrder: "2002"), OrderKey(idChannel: 4308, idOrder: "21972600150-A")]
        Fixtures.press(&state, .char("c"))
        // Loaded out of marked order: the checklist still follows the marks.
        _ = Update.update(&state, .orderLoaded(keys[1], Fixtures.order(keys[1])))
        _ = Update.update(&state, .orderLoaded(keys[0], Fixtures.order(keys[0])))
        guard case .changeStatus(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.items?.map(\.order) == [keys[0], keys[0], keys[1], keys[1]])
        #expect(dialog.items?.first?.label.hasPrefix("2002 · SKU-AZUL") == true)
        // Status canceled (offered: ready_to_ship, shipped, delivered, canceled); items: uncheck
        // SKU-ROJO of 2002 and SKU-AZUL of the other.
        Fixtures.press(&state, .down, .down, .down, .tab, .tab, .down, .char(" "), .down, .char(" "))
        let confirm = Fixtures.press(&state, .enter)
        #expect(confirm == [.changeStatus([
            StatusChangeRequest(idOrder: "2002", idChannel: 4301, status: .canceled, carrier: "Estafeta", idItems: ["SKU-AZUL"]),
            StatusChangeRequest(idOrder: "21972600150-A", idChannel: 4308, status: .canceled, carrier: "Estafeta", idItems: ["SKU-ROJO"]),
        ], mirrorToBridge: false)])
    }

    @Test func bulkRefusesAnOrderWithNoItemChecked() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .char(" "), .char("c"))
        let key = OrderKey(idChannel: 4301, idOrder: "2002")
        _ = Update.update(&state, .orderLoaded(key, Fixtures.order(key)))
        Fixtures.press(&state, .tab, .tab, .char(" "), .down, .char(" "))
        #expect(Fixtures.press(&state, .enter).isEmpty)
        guard case .changeStatus(let dialog) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(dialog.error?.contains(Assumed.idItemsEmpty) == true)
    }

    @Test func informationAndErrorsGiveTheLineBackToTheKeyHint() {
        var state = Fixtures.state()
        let start = Date(timeIntervalSince1970: 1_000)
        state.message = StatusMessage(text: "2 changes queued: → shipped", isError: false)
        _ = Update.update(&state, .tick(start))
        _ = Update.update(&state, .tick(start.addingTimeInterval(StatusMessage.infoLifetime - 1)))
        #expect(state.message != nil)
        _ = Update.update(&state, .tick(start.addingTimeInterval(StatusMessage.infoLifetime)))
        #expect(state.message == nil)
        state.message = StatusMessage(text: "El campo id_order es requerido.", isError: true)
        _ = Update.update(&state, .tick(start))
        _ = Update.update(&state, .tick(start.addingTimeInterval(StatusMessage.errorLifetime - 1)))
        #expect(state.message?.isError == true, "an error stays longer than information")
        _ = Update.update(&state, .tick(start.addingTimeInterval(StatusMessage.errorLifetime)))
        #expect(state.message == nil)
    }

    @Test func openDetailReloadsWhenItsOrderChanges() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G"), .enter)
        let open = OrderKey(idChannel: 4312, idOrder: "2005")
        var other = state.orders.summary(for: OrderKey(idChannel: 4301, idOrder: "2001"))!
        other.status = .readyToShip
        #expect(Update.update(&state, .event(.summariesChanged([other]))).isEmpty)
        var changed = state.orders.summary(for: open)!
        changed.carrier = "DHL"
        #expect(Update.update(&state, .event(.summariesChanged([changed]))) == [.loadOrder(open), .loadDetail(open)])
    }

    @Test func detailShowsCachedOutboundsThenFetchedNewestFirst() {
        var state = Fixtures.state()
        Fixtures.press(&state, .enter)
        let key = state.detail!.key
        _ = Update.update(&state, .outboundsLoaded(key, Array(Fixtures.outbounds(key).prefix(1)), fetched: false))
        #expect(state.detail?.outbounds.count == 1 && state.detail?.fetching == true)
        _ = Update.update(&state, .outboundsLoaded(key, Fixtures.outbounds(key), fetched: true))
        #expect(state.detail?.outbounds.map(\.orderIntExternalPk) == ["0a2", "0a1"])
        #expect(state.detail?.fetching == false)
        // A late cached answer does not replace the fetched records.
        _ = Update.update(&state, .outboundsLoaded(key, [], fetched: false))
        #expect(state.detail?.outbounds.count == 2)
    }

    @Test func qOnTheListQuits() {
        var state = Fixtures.state()
        let effects = Fixtures.press(&state, .char("q"))
        #expect(effects == [.quit])
    }

    @Test func escClosesOverlaysBeforeAnythingElse() {
        var state = Fixtures.state()
        Fixtures.press(&state, .enter, .char("b"))
        #expect(state.overlay == .budgets)
        Fixtures.press(&state, .escape)
        #expect(state.overlay == nil && state.detail != nil)
        Fixtures.press(&state, .escape)
        #expect(state.detail == nil)
    }

    @Test func refreshAndPushTargetMarkedElseCurrent() {
        var state = Fixtures.state()
        #expect(Fixtures.press(&state, .char("r")) == [.refresh([state.orders[0].key])])
        Fixtures.press(&state, .char(" "), .char(" "))
        let marked = state.marks.sorted()
        #expect(Fixtures.press(&state, .char("r")) == [.refresh(marked)])
        #expect(Fixtures.press(&state, .char("p")) == [.push(marked)])
    }

    @Test func backendEventsUpdateRowsBudgetsAndActivity() {
        var state = Fixtures.state()
        var changed = state.orders.summary(for: OrderKey(idChannel: 4301, idOrder: "2001"))!
        changed.status = .readyToShip
        _ = Update.update(&state, .event(.summariesChanged([changed])))
        #expect(state.orders.summary(for: changed.key)?.status == .readyToShip)
        let entry = OutboxActivity(id: 9, key: changed.key, change: .outboundAdd(changed.key, status: "created", message: ""), state: .sending, attempts: 1, updatedAt: Fixtures.now)
        _ = Update.update(&state, .event(.outbox(entry)))
        #expect(state.activity.first?.id == 9)
        #expect(state.orders.summary(for: changed.key)?.outboxState == .sending)
        var snapshot = Fixtures.budgets()[0]
        snapshot.available = 0
        _ = Update.update(&state, .budgets([snapshot]))
        #expect(state.budgets[.yujuGeneral]?.available == 0)
        #expect(StatusBarView.segments(state).first { $0.text.hasPrefix("Yuju") }?.warning == true)
    }
}

@Suite struct DialogCoreTests {
    @Test func singleOrderOffersWhatTheLifecycleReaches() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("G")) // 2005 delivered: nothing allowed, no dialog
        #expect(Fixtures.press(&state, .char("c")).isEmpty)
        #expect(state.overlay == nil && state.message?.isError == true)
        Fixtures.press(&state, .char("g"), .down) // 2002 ready_to_ship
        let effects = Fixtures.press(&state, .char("c"))
        let key = OrderKey(idChannel: 4301, idOrder: "2002")
        #expect(effects == [.loadOrder(key), .loadUnsentChanges([key])])
        guard case .changeStatus(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        // Delivered is two steps ahead: offered, and queued as its chain.
        #expect(dialog.allowed == OrderLifecycle.reachable(from: .readyToShip))
        #expect(dialog.allowed == [.shipped, .delivered, .canceled])
    }

    @Test func bulkOffersWhatAnyOrderReachesAndAllItems() {
        var state = Fixtures.state()
        // Mark 21972600150-A (pending) and 2002 (ready_to_ship).
        Fixtures.press(&state, .char(" "), .char(" "))
        let effects = Fixtures.press(&state, .char("c"))
        let marked = [OrderKey(idChannel: 4301, idOrder: "2002"), OrderKey(idChannel: 4308, idOrder: "21972600150-A")]
        #expect(effects == marked.map { .loadOrder($0) } + [.loadUnsentChanges(marked)],
                "every marked order's items are loaded for the checklist, and what is queued for them")
        guard case .changeStatus(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        // Until they arrive, every item of every order changes.
        #expect(dialog.isBulk && dialog.items == nil)
        #expect(dialog.allowed == [.readyToShip, .shipped, .delivered, .canceled])
        let confirm = Fixtures.press(&state, .down, .down, .down, .enter)
        let keys = [OrderKey(idChannel: 4301, idOrder: "2002"), OrderKey(idChannel: 4308, idOrder: "21972600150-A")]
        #expect(confirm == [.changeStatus(keys.map { StatusChangeRequest(idOrder: $0.idOrder, idChannel: $0.idChannel, status: .canceled, carrier: "Estafeta") },
                                          mirrorToBridge: false)])
        #expect(state.marks.isEmpty && state.overlay == nil)
        #expect(state.orders.summary(for: keys[0])?.outboxState == .queued)
    }

    private func openSingle(_ state: inout AppState) {
        Fixtures.press(&state, .char("G"), .up) // 2001 pending (order: A, 2002, 2003, 2001, 2005)
        #expect(state.currentSummary?.key.idOrder == "2001")
        Fixtures.press(&state, .char("c"))
        _ = Update.update(&state, .orderLoaded(OrderKey(idChannel: 4301, idOrder: "2001"), Fixtures.order()))
    }

    private func dialog(_ state: AppState) -> StatusDialog? {
        if case .changeStatus(let dialog) = state.overlay { return dialog }
        return nil
    }

    @Test func carrierDefaultPresetTypeToFilterAndFreeText() {
        var state = Fixtures.state()
        openSingle(&state)
        #expect(dialog(state)?.chosenCarrier == "Estafeta")
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "fed")
        #expect(dialog(state)?.filteredCarriers == ["FedEx"])
        #expect(dialog(state)?.chosenCarrier == "FedEx")
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "Correos del Sur")
        #expect(dialog(state)?.filteredCarriers.isEmpty == true)
        #expect(dialog(state)?.chosenCarrier == "Correos del Sur")
        // Up from the first match means "the typed text as is".
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "DH")
        Fixtures.press(&state, .up)
        #expect(dialog(state)?.chosenCarrier == "DH")
    }

    @Test func itemChecklistDefaultsToAllAndNarrows() {
        var state = Fixtures.state()
        openSingle(&state)
        #expect(dialog(state)?.items?.allSatisfy(\.checked) == true)
        var effects = Fixtures.press(&state, .enter)
        let key = OrderKey(idChannel: 4301, idOrder: "2001")
        #expect(effects == [.changeStatus([StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .readyToShip, carrier: "Estafeta")],
                                          mirrorToBridge: false)])
        // Again, unchecking the first item and mirroring to BRIDGE, choosing canceled.
        Fixtures.press(&state, .char("c"))
        _ = Update.update(&state, .orderLoaded(key, Fixtures.order()))
        Fixtures.press(&state, .down, .down, .down, .tab, .tab, .char(" "), .tab, .char(" "))
        effects = Fixtures.press(&state, .enter)
        #expect(effects == [.changeStatus([StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .canceled, carrier: "Estafeta",
                                                               idItems: ["SKU-ROJO"])], mirrorToBridge: true)])
    }

    @Test func noItemCheckedIsRefusedWithTheVendorText() {
        var state = Fixtures.state()
        openSingle(&state)
        Fixtures.press(&state, .tab, .tab, .char("a"))
        #expect(Fixtures.press(&state, .enter).isEmpty)
        #expect(dialog(state)?.error == Assumed.idItemsEmpty)
    }

    @Test func addOutboundValidatesAndEmits() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("o"))
        guard case .addOutbound = state.overlay else { Issue.record("no dialog"); return }
        #expect(Fixtures.press(&state, .enter).isEmpty) // message and reference empty
        // The first empty field is named and focused (issue 13), so typing goes there.
        if case .addOutbound(let dialog) = state.overlay { #expect(dialog.error?.hasPrefix("Message:") == true && dialog.focus == .message) }
        Fixtures.type(&state, "guía generada")
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "679982")
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "integracion default")
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "custom_field=text custom 2; b=2")
        let effects = Fixtures.press(&state, .enter)
        let key = state.orders[0].key
        #expect(effects == [.addOutbound(key, OutboundRequest(status: "created", message: "guía generada", moduleName: "integracion default",
                                                             reference: "679982", channelId: key.idChannel,
                                                             extra: ["custom_field": "text custom 2", "b": "2"]))])
    }

    @Test func reportConfirmationStatesRunsLeftBeforeSpending() {
        var state = Fixtures.state()
        #expect(Fixtures.press(&state, .char("R")) == [.loadReportRunsLeft])
        // Nothing is spent before the backend said how many runs are left.
        #expect(Fixtures.press(&state, .enter).isEmpty)
        _ = Update.update(&state, .reportRunsLeft(3))
        let text = ScreenView.render(state, theme: .builtIn).text
        #expect(text.contains("Runs left in 24 h: 3 / 5"))
        let effects = Fixtures.press(&state, .char("+"), .enter)
        guard case .runReport(let request)? = effects.first else { Issue.record("no report effect"); return }
        // Yuju's wall clock (Mexico City, UTC-6 all year), not UTC.
        #expect(request.filters.paymentAccreditedAt?.to == "2025-06-15T09:06:40")
        #expect(request.filters.paymentAccreditedAt?.from == "2025-06-07T09:06:40")
    }

    @Test func reportWithNoRunsLeftRefuses() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(" "), .char("R"))
        _ = Update.update(&state, .reportRunsLeft(0))
        #expect(Fixtures.press(&state, .enter).isEmpty)
        guard case .report(let dialog) = state.overlay else { Issue.record("closed"); return }
        #expect(dialog.orderIds == ["21972600150-A"] && dialog.error != nil)
    }

    @Test func activityPanelRetriesSelectedOrAll() {
        var state = Fixtures.state()
        #expect(Fixtures.press(&state, .char("a")) == [.loadOutbox])
        _ = Update.update(&state, .outboxLoaded([
            OutboxActivity(id: 2, key: nil, change: .bridge(address: "b", state: "confirmed"), state: .failed, attempts: 3, updatedAt: Fixtures.now, lastError: "Error."),
            OutboxActivity(id: 1, key: nil, change: .bridge(address: "a", state: "confirmed"), state: .sent, attempts: 1, updatedAt: Fixtures.now),
        ]))
        #expect(Fixtures.press(&state, .char("t")) == [.retry([2])])
        #expect(Fixtures.press(&state, .down, .char("t")).isEmpty) // sent: nothing to retry
        #expect(Fixtures.press(&state, .char("T")) == [.retry(nil)])
    }

    @Test func helpOverlayListsLiveBindingsIncludingARebind() {
        var state = Fixtures.state(keyMap: KeyMap(overrides: ["change_status": "C", "quit": "x"]))
        Fixtures.press(&state, .char("?"))
        let text = ScreenView.render(state, theme: .builtIn).text
        #expect(text.contains("C                change status"))
        #expect(text.contains("x                quit"))
        Fixtures.press(&state, .escape)
        Fixtures.press(&state, .char("c"))
        #expect(state.overlay == nil)
        Fixtures.press(&state, .char("C"))
        if case .changeStatus = state.overlay {} else { Issue.record("rebound key did not open the dialog") }
        Fixtures.press(&state, .escape)
        #expect(Fixtures.press(&state, .char("x")) == [.quit])
    }

    @Test func languageFromEnvironment() {
        #expect(Language.fromEnvironment(["LANG": "es_MX.UTF-8"]) == .es)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "es_AR.UTF-8", "LANG": "en_US"]) == .es)
        #expect(Language.fromEnvironment([:]) == .en)
    }
}
