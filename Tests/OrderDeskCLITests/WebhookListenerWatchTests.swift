import Foundation
import OrderDeskTUI
import OrderKit
import OrderSandbox
import Testing
@testable import OrderDeskCLI

/// The status bar's webhook indicator, from a real listener on loopback: listening, the stored
/// notifications still waiting for their GET, and failed once the listener stops on its own.
@Suite struct WebhookListenerWatchTests {
    @Test func noListenerIsOff() async {
        var states: [WebhookListenerState] = []
        for await state in WebhookListenerWatch.states(of: nil, store: try! OrderStore.inMemory()) { states.append(state) }
        #expect(states == [.off])
    }

    @Test(.timeLimit(.minutes(1))) func listeningCountsWaitingNotificationsThenFailsWhenTheListenerStops() async throws {
        try await SandboxServices.with(SandboxOptions(orders: 30, reportDelay: .milliseconds(100))) { services in
            let session = try await WebhookSession.start(
                services: services, listen: ListenAddress(host: "127.0.0.1", port: 0), secret: Secret("s3cret"), sandbox: nil)
            await session.refresher.waitUntilIdle()
            var states = WebhookListenerWatch.states(of: session, store: services.store, every: .milliseconds(50)).makeAsyncIterator()
            #expect(await states.next() == .listening(waiting: 0))

            // Stored as the listener stores them, but the refresher not told: they stay waiting.
            let key = try #require(try services.store.allSummaries().first?.key)
            for delivery in ["d-1", "d-2"] {
                _ = try services.store.recordWebhook(
                    deliveryId: delivery, .order(.updatedOrder, key, sentAt: "2026-11-30T10:00:00"), body: Data("{}".utf8), at: Date())
            }
            #expect(await states.next() == .listening(waiting: 2))

            // Stopped without the session being stopped: what a crashed server looks like here.
            await session.listener.stop()
            #expect(await states.next() == .failed)
            #expect(await states.next() == nil)
            await session.stop()
        }
    }
}
