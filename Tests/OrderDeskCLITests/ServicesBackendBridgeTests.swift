import Foundation
import OrderKit
import OrderSandbox
import Testing
@testable import OrderDeskCLI

/// The TUI's BRIDGE history, through the adapter the `orderdesk` TUI uses, with the sandbox
/// profile `orderdesk` builds when there is no config.
@Suite struct ServicesBackendBridgeTests {
    // Found: the detail's BRIDGE history was always (none): the lookup matched the Yuju key on
    // BRIDGE entries (which carry none) and read the internalNumber from Yuju's answer. Fails on
    // the old code (the retry + second drain step over the drain bug, so only this one shows).
    @Test func theHistoryOfAMirroredOrderIsShown() async throws {
        try await SandboxServices.with(SandboxOptions(orders: 120, reportDelay: .milliseconds(200), bridgeApplyDelay: .milliseconds(200))) { services in
            let key = try #require(try services.store.allSummaries().filter { $0.status == .pending }.map(\.key).sorted().first)
            let backend = ServicesBackend(services: services)
            #expect(backend.bridgeConfigured)
            try await backend.changeStatus([StatusChangeRequest(idOrder: key.idOrder, idChannel: key.idChannel, status: .readyToShip)], mirrorToBridge: true)
            await services.drainOutbox()
            _ = try await services.retry()
            await services.drainOutbox()
            let history = try await backend.bridgeHistory(key)
            #expect(history != nil)
        }
    }
}
