import Foundation
import OrderDeskTUI
import OrderKit
import OrderSandbox
import Testing
@testable import OrderDeskCLI

/// The real UI loop on a terminal in memory, with the adapter `orderdesk` uses, over a sandbox
/// on loopback: a key goes through update, effect, services and HTTP, and comes back as a frame,
/// all in this process (no tmux). The screen is read as text.
@Suite(.serialized) struct TUILoopInProcessTests {
    static let options = SandboxOptions(orders: 120, reportDelay: .milliseconds(200))

    @Test func oneOrderChangedFromTheDialogShowsAcceptedOnItsRow() async throws {
        try await SandboxServices.with(Self.options) { services in
            let pending = try #require(try services.store.allSummaries().first { $0.status == .pending && $0.itemCount > 0 })
            let cached = try services.store.orderCount()
            let ui = TUIHarness(backend: ServicesBackend(services: services))
            defer { ui.stop() }
            try #require(await ui.run(until: { $0.contains("\(cached) orders") }), "\(ui.screen)")

            ui.press(.char("/"))
            ui.type(pending.key.idOrder)
            ui.press(.enter)
            try #require(await ui.run(until: { $0.contains("1 / \(cached) orders") }), "\(ui.screen)")
            ui.press(.char("c"))
            try #require(await ui.run(until: { $0.contains("Change status") }), "\(ui.screen)")
            ui.press(.enter)
            let row = { (screen: String) in screen.split(separator: "\n").first { $0.contains(pending.key.idOrder) } ?? "" }
            let accepted = await ui.run(until: { row($0).contains("ready_to_ship") && row($0).contains("accepted") }, timeout: .seconds(15))
            #expect(accepted, "\(ui.screen)")
            #expect(try services.store.order(pending.key)?.order.status == .readyToShip)
        }
    }

    @Test func threeMarkedOrdersChangeTogetherAndTheStatusBarCountsThem() async throws {
        try await SandboxServices.with(Self.options) { services in
            let before = try services.store.allSummaries()
            let ui = TUIHarness(backend: ServicesBackend(services: services))
            defer { ui.stop() }
            try #require(await ui.run(until: { $0.contains("\(before.count) orders") }), "\(ui.screen)")

            // Only pending orders (the facet), three of them marked, one change for all.
            ui.press(.char("f"), .char(" "), .escape)
            try #require(await ui.run(until: { $0.contains("[pending]") }), "\(ui.screen)")
            ui.press(.char(" "), .char(" "), .char(" "), .char("c"))
            try #require(await ui.run(until: { $0.contains("Change status") }), "\(ui.screen)")
            ui.press(.enter)
            let done = await ui.run(until: { $0.contains("3 accepted, 0 failed") }, timeout: .seconds(20))
            #expect(done, "\(ui.screen)")

            let after = try services.store.allSummaries()
            let count = { (rows: [OrderSummary], status: OrderStatus) in rows.count { $0.status == status } }
            #expect(count(after, .pending) == count(before, .pending) - 3)
            #expect(count(after, .readyToShip) == count(before, .readyToShip) + 3)
        }
    }
}
