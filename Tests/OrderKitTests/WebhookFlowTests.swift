import Foundation
import OrderKit
@testable import OrderSandbox
import OrderWebhooks
import Testing

/// The sandbox sending notifications to the listener, end to end over loopback: new orders,
/// status changes, retries with the same delivery id, a restart with work left, and a burst
/// coalesced to one GET per order.
@Suite struct WebhookFlowTests {
    @Test func newOrdersArriveInTheStoreWithoutAReportRun() async throws {
        try await WebhookHarness.with { w in
            let keys = try await w.createOrders(3)
            #expect(keys.count == 3)
            #expect(try await w.eventually(timeout: 10) { try keys.allSatisfy { try w.h.store.order($0) != nil } })
            for key in keys { #expect(try w.h.store.order(key)?.order.status == .pending) }
            let stats = try await w.h.stats()
            #expect(stats.report_runs == 0)
            #expect(stats.requests["GET /yuju/orders/"] == 3)
            #expect(try await w.webhookStats().sent == 3)
            let topics = try w.h.store.webhookNotifications().map(\.topic)
            #expect(topics == Array(repeating: "new-std-order", count: 3))
        }
    }

    @Test func statusChangeAndOutboundAreNotified() async throws {
        try await WebhookHarness.with { w in
            let key = try #require(try await w.createOrders(1).first)
            #expect(try await w.eventually { try w.h.store.order(key) != nil })
            try await w.h.services.changeStatus([StatusChangeRequest(idOrder: key.idOrder, idChannel: key.idChannel, status: .readyToShip)])
            await w.h.services.drainOutbox()
            _ = try await w.h.services.addOutbound(key, OutboundRequest(status: "created", message: "guía creada", reference: "679982", channelId: key.idChannel))
            await w.h.services.drainOutbox()
            #expect(try await w.eventually {
                try w.h.store.webhookNotifications().filter { $0.topic == "updated-std-order" && $0.key == key && $0.doneAt != nil }.count == 2
            })
            #expect(try w.h.store.order(key)?.order.status == .readyToShip)
        }
    }

    /// The first attempt finds nothing listening; the retry 1 s later, with the same delivery
    /// id, reaches the listener started meanwhile, and the order is refreshed once.
    @Test func refusedDeliveryIsRetriedWithTheSameId() async throws {
        try await WebhookHarness.with(register: false) { w in
            // A port that was free a moment ago, with nothing on it now.
            let probe = try await WebhookListener.start(
                on: ListenAddress(host: "127.0.0.1", port: 0),
                intake: WebhookIntake(secret: WebhookHarness.secret, store: w.h.store, refresher: w.refresher))
            let port = probe.address.port
            await probe.stop()
            try await w.register(url: "http://127.0.0.1:\(port)/webhooks/yuju")
            let key = try #require(try await w.createOrders(1).first)
            #expect(try await w.eventually(timeout: 5) { try await w.webhookStats().failed >= 1 })
            let late = try await WebhookListener.start(
                on: ListenAddress(host: "127.0.0.1", port: port),
                intake: WebhookIntake(secret: WebhookHarness.secret, store: w.h.store, refresher: w.refresher))
            defer { Task { await late.stop() } }
            #expect(try await w.eventually(timeout: 20) { try w.h.store.order(key) != nil })
            let rows = try w.h.store.webhookNotifications()
            #expect(rows.count == 1)
            let stats = try await w.webhookStats()
            #expect(stats.sent == 1 && stats.dropped == 0 && stats.failed >= 1)
            #expect(try await w.orderGETs() == 1)
            await late.stop()
        }
    }

    /// Answered 200, then the process dies before refreshing: a new refresher on the same
    /// store does the work, once.
    @Test func answeredNotificationsSurviveARestart() async throws {
        let path = NSTemporaryDirectory() + "orderdesk-webhook-restart-\(UUID().uuidString).sqlite"
        let store = try OrderStore(path: path)
        try await WebhookHarness.with(register: false, store: store) { w in
            await w.refresher.stop()  // as if killed: nothing refreshes
            let keys = [OrderKey(idChannel: 4308, idOrder: "12345"), OrderKey(idChannel: 4301, idOrder: "50032")]
            for (index, key) in keys.enumerated() {
                let notification = WebhookNotification.order(.updatedOrder, key, sentAt: "2026-11-30T08:00:00")
                let body = notification.body
                let answer = try await w.post(body, headers: WebhookHarness.headers(notification, body: body, delivery: "restart-\(index)"))
                #expect(answer.status == 200)
            }
            #expect(try await w.orderGETs() == 0)
            let reopened = try OrderStore(path: path)
            #expect(try reopened.webhookCounts() == WebhookInboxCounts(received: 2, pending: 2))
            let restarted = WebhookRefresher(services: w.h.services)
            await restarted.kick()
            await restarted.waitUntilIdle()
            #expect(try reopened.webhookCounts().pending == 0)
            #expect(try await w.orderGETs() == 2)
            for key in keys { #expect(try store.order(key) != nil) }
        }
    }

    /// Found while testing the TUI's `--live`: stopping the refresher (a quit, SIGTERM to
    /// `webhooks serve`) while a GET waited for the budget marked that order's notifications
    /// done as `failed: CancellationError()`, so a restart never refreshed it. A stop leaves
    /// them pending; the next refresher does them.
    @Test func aStopMidDrainLeavesTheRestPendingNotFailed() async throws {
        try await WebhookHarness.with { w in
            let keys = try await w.createOrders(8)
            // Stopped while GETs still wait their turn (one every 0.5 s).
            #expect(try await w.eventually { (try w.h.store.webhookNotifications().count { $0.outcome == "refreshed" }) >= 2 })
            await w.refresher.stop()
            let afterStop = try w.h.store.webhookNotifications()
            #expect(afterStop.allSatisfy { $0.outcome == nil || $0.outcome == "refreshed" }, "\(afterStop.compactMap(\.outcome))")
            #expect(afterStop.contains { $0.doneAt == nil }, "the stop came before the drain ended")

            let restarted = WebhookRefresher(services: w.h.services)
            await restarted.kick()
            await restarted.waitUntilIdle()
            let done = try w.h.store.webhookNotifications()
            #expect(done.count == keys.count && done.allSatisfy { $0.outcome == "refreshed" }, "\(done.compactMap(\.outcome))")
            for key in keys { #expect(try w.h.store.order(key) != nil) }
            await restarted.stop()
        }
    }

    /// The suite's small version of the burst acceptance (the 1,000/300 one is
    /// `scripts/webhooks-burst.sh`): 100 notifications for 30 orders.
    @Test func burstIsCoalescedToOneGETPerOrder() async throws {
        try await WebhookHarness.with { w in
            let keys = try await w.createOrders(30, updates: 70)
            #expect(try await w.eventually(timeout: 60) {
                let counts = try w.h.store.webhookCounts()
                return counts.received == 100 && counts.pending == 0
            })
            let rows = try w.h.store.webhookNotifications()
            let report = WebhookInboxSummary(rows)
            let stats = try await w.h.stats()
            #expect(stats.rate_limited.isEmpty, "429s: \(stats.rate_limited)")
            #expect(stats.report_runs == 0)
            #expect(rows.allSatisfy { $0.outcome == "refreshed" })
            // Every GET covered notifications (none wasted), and an order was fetched again only
            // for notifications that arrived after its previous GET left.
            #expect(stats.requests["GET /yuju/orders/"] == report.gets)
            #expect(report.needlessGets == 0)
            #expect(report.gets >= 30 && report.gets <= 30 + report.ordersNotifiedAgain)
            // At 2 req/s: (GETs - 1) half seconds, within 5 %, plus the last answer.
            #expect(report.drainSeconds <= Double(report.gets - 1) * 0.5 * 1.05 + 0.5, "drain \(report.drainSeconds) s for \(report.gets) GETs")
            // Fresh: each order in the store is the sandbox's latest.
            for key in keys {
                let latest = await w.h.server.state.yuju.orders[key]
                #expect(try w.h.store.order(key)?.order.notes == latest?.notes, "\(key)")
            }
        }
    }
}
