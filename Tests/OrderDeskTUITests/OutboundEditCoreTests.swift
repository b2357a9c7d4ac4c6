import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// issue 14, item 5: in the order detail an outbound record is picked (Tab / Shift-Tab) and
/// `e` opens the outbound dialog prefilled with it; submitting queues an update of that record
/// (by its `order_int_external_pk`) that keeps what the dialog does not show.
@Suite struct OutboundEditCoreTests {
    /// The detail of the first order with its two fixture records fetched (newest first: 0a2, 0a1).
    static func detail() -> AppState {
        var state = Fixtures.state()
        Fixtures.press(&state, .enter)
        let key = state.detail!.key
        var records = Fixtures.outbounds(key)
        records[0].extra = ["custom_field": "text custom 2", "orderdesk_request_id": "req-1", "lote": 7]
        _ = Update.update(&state, .outboundsLoaded(key, records, fetched: true))
        return state
    }

    @Test func theNewestRecordIsPickedAndTabMovesThePickWrapping() {
        var state = Self.detail()
        #expect(state.detail?.selectedOutbound?.orderIntExternalPk == "0a2")
        Fixtures.press(&state, .tab)
        #expect(state.detail?.selectedOutbound?.orderIntExternalPk == "0a1")
        Fixtures.press(&state, .tab)
        #expect(state.detail?.selectedOutbound?.orderIntExternalPk == "0a2")
        Fixtures.press(&state, .backTab)
        #expect(state.detail?.selectedOutbound?.orderIntExternalPk == "0a1")
        // A record added meanwhile does not move the pick.
        var records = state.detail!.outbounds
        records.append(OutboundRecord(orderIntExternalPk: "0a3", createdAt: "2025-06-12T11:00:00.000000", updatedAt: "2025-06-12T11:00:00.000000",
                                      idChannel: 4301, idOrder: "2001", idShop: 1, moduleName: nil, extra: nil, reference: "R",
                                      message: "m", status: "created", type: "order", actions: []))
        _ = Update.update(&state, .event(.outboundsChanged(state.detail!.key, records)))
        #expect(state.detail?.selectedOutbound?.orderIntExternalPk == "0a1")
    }

    @Test func eOpensThePickedRecordPrefilledAndEnterQueuesItsUpdate() {
        var state = Self.detail()
        Fixtures.press(&state, .tab)
        #expect(Fixtures.press(&state, .char("e")).isEmpty)
        guard case .addOutbound(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.editing?.orderIntExternalPk == "0a1")
        #expect(dialog.value(.status) == "created" && dialog.value(.message) == "creado con éxito")
        #expect(dialog.value(.reference) == "679982" && dialog.value(.module) == "integracion default")
        // Only the text fields, without the request id.
        #expect(dialog.value(.extra) == "custom_field=text custom 2")

        // A new status, and the extra field rewritten.
        for _ in 0..<"created".count { Fixtures.press(&state, .backspace) }
        Fixtures.type(&state, "shipped")
        Fixtures.press(&state, .tab, .tab, .tab, .tab)
        for _ in 0..<"custom_field=text custom 2".count { Fixtures.press(&state, .backspace) }
        Fixtures.type(&state, "guia=123")
        let effects = Fixtures.press(&state, .enter)
        let key = state.detail!.key
        #expect(state.overlay == nil)
        #expect(state.message?.text == state.text[.outboundUpdateQueued])
        #expect(effects == [.updateOutbound(key, pk: "0a1", OutboundRequest(
            status: "shipped", message: "creado con éxito", moduleName: "integracion default", reference: "679982", channelId: key.idChannel,
            extra: ["guia": "123", "orderdesk_request_id": "req-1", "lote": 7], actions: []))])
    }

    @Test func anEditKeepsTheRecordsActions() {
        var state = Self.detail()
        Fixtures.press(&state, .char("e"))
        let effects = Fixtures.press(&state, .enter)
        guard case .updateOutbound(_, let pk, let request) = effects.first else { Issue.record("\(effects)"); return }
        #expect(pk == "0a2")
        #expect(request.actions == [OutboundRequest.Action(message: "Reintento de creación", params: [:], name: "request_http")])
        #expect(request.status == "success" && request.reference == "679983" && request.moduleName == nil && request.extra == nil)
    }

    @Test func anEditRefusesWhatYujuWouldRefuse() {
        var state = Self.detail()
        Fixtures.press(&state, .char("e"), .tab)
        for _ in 0..<40 { Fixtures.press(&state, .backspace) }
        #expect(Fixtures.press(&state, .enter).isEmpty)
        guard case .addOutbound(let dialog) = state.overlay else { Issue.record("dialog closed"); return }
        // Named in the operator's words, with the cursor on it (issue 13: not Yuju's bare "message: Error.").
        #expect(dialog.error == "Message: cannot be empty: Yuju would refuse it" && dialog.focus == .message)
    }

    @Test func withNoRecordEditSaysSoAndTheListIgnoresIt() {
        var state = Fixtures.state()
        #expect(Fixtures.press(&state, .char("e")).isEmpty)
        #expect(state.overlay == nil && state.message == nil)
        Fixtures.press(&state, .enter)
        _ = Update.update(&state, .outboundsLoaded(state.detail!.key, [], fetched: true))
        Fixtures.press(&state, .char("e"))
        #expect(state.overlay == nil)
        #expect(state.message == StatusMessage(text: state.text[.noOutboundToEdit], isError: true))
    }

    @Test func theEditKeyIsRebindableAndListedInHelp() {
        var state = Fixtures.state(keyMap: KeyMap(overrides: ["edit_outbound": "E"]))
        Fixtures.press(&state, .enter)
        _ = Update.update(&state, .outboundsLoaded(state.detail!.key, Fixtures.outbounds(), fetched: true))
        Fixtures.press(&state, .char("E"))
        guard case .addOutbound(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.editing != nil)
        #expect(state.keyMap.label(.editOutbound) == "E" && state.keyMap.label(.nextOutbound) == "Tab")
        #expect(state.text.describe(.editOutbound) == "edit the selected outbound record")
    }
}
