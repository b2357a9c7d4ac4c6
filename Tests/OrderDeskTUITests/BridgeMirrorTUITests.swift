import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// The BRIDGE mirror in the TUI: a mirror that cannot be sent is the change dialog's error,
/// and the detail shows the order's mirrors with BRIDGE's history.
@Suite struct BridgeMirrorTUITests {
    @Test func aMirrorWithNoChannelCodeIsTheDialogsErrorAndNothingIsQueued() {
        var state = Fixtures.state()
        var settings = BridgeSettings(baseURL: "http://127.0.0.1:1/bridge", clientId: "x", clientSecret: nil)
        settings.channelCodes = [4301: "YJ4301"]
        state.bridgeMirrorGate = BridgeMirrorGate(settings: settings)
        // The first row is 21972600150-A, channel 4308: no code for it.
        #expect(state.currentSummary?.key.idChannel == 4308)
        Fixtures.press(&state, .char("c"))
        Fixtures.press(&state, .tab, .tab, .char(" "))
        let effects = Fixtures.press(&state, .enter)
        #expect(effects.isEmpty)
        guard case .changeStatus(let dialog) = state.overlay else { Issue.record("the dialog closed"); return }
        #expect(dialog.mirrorToBridge)
        #expect(dialog.error == BridgeMirrorRefusal.noChannelCode(idChannel: 4308).description)
        #expect(state.orders.summary(for: dialog.keys[0])?.outboxState == .failed, "unchanged, not shown queued")
        // Without the mirror the same change goes ahead.
        Fixtures.press(&state, .char(" "))
        #expect(!Fixtures.press(&state, .enter).isEmpty)
    }

    @Test func theDetailListsTheMirrorsAndBridgesHistory() {
        var state = Fixtures.state()
        let key = OrderKey(idChannel: 4301, idOrder: "2001")
        Fixtures.press(&state, .char("G"), .up, .enter)
        #expect(state.detail?.key == key)
        let requested = Fixtures.now
        let applied = BridgeChangeRecord(
            id: 2, key: key, statusEntryId: 5, bridgeEntryId: 6, bridgeChannel: "YJ4301", externalNumber: "2001", internalNumber: "bridge0000000042",
            targetState: .cancelled, requestedAt: requested, state: .applied, lastChecked: requested, detail: nil)
        let partial = BridgeChangeRecord(
            id: 1, key: key, statusEntryId: 4, bridgeEntryId: nil, bridgeChannel: "YJ4301", externalNumber: "2001", internalNumber: nil,
            targetState: .cancelled, requestedAt: requested, state: .notMirrored, lastChecked: nil, detail: "not mirrored, 1 item still pending")
        let live = BridgeStatusResponse(ack: 0, message: "-", currentStatus: "cancelled", currentStatusName: "cancelado",
                                        history: [.init(initialState: "confirmed", finalState: "cancelled", createdDate: "2025-06-15 15:06:41")])
        _ = Update.update(&state, .bridgeLoaded(key, BridgeOrderHistory(changes: [applied, partial], live: live)))
        let text = DetailLayout.lines(try! #require(state.detail), state).map { $0.segments.map(\.0).joined() }.joined(separator: "\n")
        #expect(text.contains("→ cancelled  applied  bridge0000000042"))
        #expect(text.contains("not mirrored") && text.contains("1 item still pending"))
        #expect(text.contains("cancelled (cancelado)"))
        #expect(text.contains("confirmed → cancelled"))
    }
}
