import Foundation
import OrderKit
import OrderSandbox
import Testing
@testable import OrderDeskCLI

/// The order detail's outbound history, through the adapter the `orderdesk` TUI uses: a record
/// added or edited there is shown once Yuju confirmed it.
@Suite struct ServicesBackendOutboundTests {
    // Found while adding the edit action: the detail kept showing the records as fetched when it
    // opened, so a record added (`o`) or edited (`e`) there appeared only after reopening it.
    // Fails on the old adapter (no outboundsChanged after the entry is sent).
    @Test func anEditedRecordIsShownOnceSent() async throws {
        try await SandboxServices.with(SandboxOptions(orders: 120, reportDelay: .milliseconds(200))) { services in
            let key = try #require(try services.store.allSummaries().map(\.key).sorted().first)
            let backend = ServicesBackend(services: services)
            try await services.addOutbound(key, OutboundRequest(status: "created", message: "m", reference: "R-1", channelId: key.idChannel))
            await services.drainOutbox()
            let record = try #require(try await backend.fetchOutbounds(key).first { $0.reference == "R-1" })
            let events = backend.events()
            let edited = OutboundRequest(status: "edited", message: "cambiado en el detalle", reference: record.reference, channelId: key.idChannel)
            try await backend.updateOutbound(key, pk: record.orderIntExternalPk, edited)
            await services.drainOutbox()
            let shown = await withTaskGroup(of: [OutboundRecord]?.self) { group in
                group.addTask {
                    for await event in events {
                        if case .outboundsChanged(let changed, let records) = event, changed == key,
                           records.contains(where: { $0.message == "cambiado en el detalle" }) { return records }
                    }
                    return nil
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(10))
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
            let records = try #require(shown, "no outboundsChanged for \(key) with the edited record")
            #expect(records.first { $0.orderIntExternalPk == record.orderIntExternalPk }?.status == "edited")
        }
    }
}
