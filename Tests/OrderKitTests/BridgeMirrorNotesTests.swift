import Foundation
@testable import OrderKit
import OrderSandbox
import Testing

/// issue 14, item 6: a BRIDGE mirror sends `notes` saying what changed and who changed it,
/// within the field's (assumed) limit.
@Suite(.serialized) struct BridgeMirrorNotesTests {
    @Test func aMirrorSendsWhatChangedAndWhoChangedIt() async throws {
        try await ServiceHarness.with { h in
            let key = try #require(try await h.pendingOrders(1).first)
            let change = StatusChangeRequest(idOrder: key.idOrder, idChannel: key.idChannel, status: .readyToShip, carrier: "Estafeta")
            try await h.services.changeStatus([change], mirrorToBridge: true)
            await h.services.drainOutbox()
            let notes = try #require(try await h.stats().bridge_notes?.values.flatMap { $0 })
            #expect(notes == ["Cambio en OrderDesk por \(h.services.user): pedido Yuju \(key.idOrder) (canal \(key.idChannel)) pending → ready_to_ship, transportista Estafeta"])
        }
    }

    @Test func notesStayWithinTheLimitAndOnOneLine() {
        let long = StatusChangeRequest(idOrder: "50032", idChannel: 4301, status: .shipped, carrier: String(repeating: "Paquetería Ñandú ", count: 30))
        let text = BridgeMirrorNotes.text(for: long, from: .readyToShip, user: "maria")
        #expect(text.utf8.count <= Assumed.bridgeNotesMaxBytes)
        #expect(text.hasPrefix("Cambio en OrderDesk por maria: pedido Yuju 50032 (canal 4301) ready_to_ship → shipped, transportista Paquetería"))
        #expect(text.hasSuffix("…"))

        let hostile = StatusChangeRequest(idOrder: "50\u{1B}[2J032", idChannel: 4301, status: .shipped, carrier: "DHL\nsegunda línea\u{202E}")
        let clean = BridgeMirrorNotes.text(for: hostile, from: nil, user: "ana")
        #expect(!clean.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        #expect(clean == "Cambio en OrderDesk por ana: pedido Yuju 50 [2J032 (canal 4301) → shipped, transportista DHL segunda línea ")
    }
}
