import Foundation
import Logging

/// What the refresher did, for the TUI (rows move in place) and the listener's log.
public enum WebhookRefreshEvent: Sendable, Hashable {
    /// The order was fetched and stored: its row and an open detail show the new data.
    case orderRefreshed(OrderKey)
    case orderFailed(OrderKey, String)
    case reportImported(idReport: String, orders: Int)
    case reportFailed(idReport: String, String)
}

/// Works through the webhook inbox (`OrderStore.pendingWebhookWork`): each notified order is
/// refreshed with one one-order GET through the shared Yuju budget, however many notifications
/// named it before that GET left; a ready report is downloaded and imported. One request at a
/// time: the budget, not the refresher, sets the pace, and nothing here can reach a 429 that the
/// pacer would not.
///
/// The work lives in the store, not in memory, so a listener killed mid-burst picks it up again
/// on start (`kick`), and any process sharing the store could take it over.
public actor WebhookRefresher {
    public nonisolated let events = Broadcaster<WebhookRefreshEvent>(buffer: 4096)

    private let services: OrderDeskServices
    private let client: YujuClient
    private let logger: Logger
    private var running: Task<Void, Never>?
    /// Set by `kick` while a pass runs, so work stored meanwhile is not left behind.
    private var kickedAgain = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var stopped = false

    /// Webhook refreshes are background work: they take a start of the Yuju budget only when
    /// no request of the operator's waits for one.
    static let priority: RequestPriority = .background
    /// How long to wait before trying an order again after Yuju could not be reached.
    static let unreachableRetrySeconds = 5.0
    /// Inbox rows read per pass.
    static let batch = 200

    public init(services: OrderDeskServices, logger: Logger = Logger(label: "orderdesk.webhooks")) {
        self.services = services
        self.logger = logger
        client = YujuClient(
            settings: services.config.yuju, transport: services.transport, pacer: WebhookRefreshPacer(shared: services.yujuPacer),
            retry: services.config.network.retryPolicy, logger: logger)
    }

    /// New work was stored (or the process just started): work through the inbox.
    public func kick() {
        guard !stopped else { return }
        if running != nil {
            kickedAgain = true
            return
        }
        running = Task { await self.workThroughInbox() }
    }

    /// Returns once the inbox has nothing pending (or the refresher stopped).
    public func waitUntilIdle() async {
        guard running != nil else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    public func stop() async {
        stopped = true
        let task = running
        task?.cancel()
        await task?.value
    }

    private func workThroughInbox() async {
        repeat {
            kickedAgain = false
            while !Task.isCancelled {
                let work: [WebhookWork]
                do { work = try services.store.pendingWebhookWork(limit: Self.batch) } catch {
                    logger.error("webhook inbox unreadable: \(error)")
                    break
                }
                if work.isEmpty { break }
                var progressed = false
                for item in work {
                    if Task.isCancelled { break }
                    if await perform(item) { progressed = true }
                }
                if !progressed {
                    // Yuju unreachable for every item: try again a little later, not in a loop.
                    try? await services.clock.sleep(Self.unreachableRetrySeconds)
                }
            }
        } while kickedAgain && !Task.isCancelled
        running = nil
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Does one unit of work; false when it must be tried again later (Yuju not reached).
    private func perform(_ work: WebhookWork) async -> Bool {
        switch work {
        case .order(let key, let listed):
            return await refresh(key, listed: listed)
        case .report(let id, _):
            return await importReport(id, work: work)
        }
    }

    private func refresh(_ key: OrderKey, listed: Int64) async -> Bool {
        // What the GET covers is read when it leaves, not when it was queued: notifications
        // arriving while it waited for the budget are answered by it too.
        let covered = CoveredNotifications(listed)
        let store = services.store
        let clock = services.clock
        let onStart = WebhookRefreshPacer.StartHook {
            // Read first, then stamp: everything covered was stored before the stamp.
            if let newest = try? store.newestPendingWebhook(for: key) { covered.set(newest) }
            covered.sent(at: clock.now())
        }
        do {
            let fetched = try await WebhookRefreshPacer.$onStart.withValue(onStart) { try await client.order(key, priority: Self.priority) }
            try store.upsertOrders([StoredOrder(order: fetched.order, raw: fetched.raw)])
            try store.finishWebhookWork(.order(key, upTo: covered.value), outcome: "refreshed", at: services.clock.now(), getSentAt: covered.sentAt)
            events.publish(.orderRefreshed(key))
            return true
        } catch let error as ClientError where error.isTransientForWebhooks {
            logger.warning("webhook refresh of \(key) postponed: \(error)")
            return false
        } catch where Self.isStop(error) {
            return false
        } catch {
            // Refused by Yuju (the order does not exist, ...): done, with the reason kept.
            let reason = String(describing: error)
            logger.warning("webhook refresh of \(key) failed: \(reason)")
            try? store.finishWebhookWork(.order(key, upTo: covered.value), outcome: "failed: \(reason)", at: services.clock.now())
            events.publish(.orderFailed(key, reason))
            return true
        }
    }

    /// The refresher was stopped (a quit, SIGTERM) while the request waited or ran: no answer
    /// from Yuju, so the work stays pending for the next start instead of being marked failed.
    private static func isStop(_ error: any Error) -> Bool {
        error is CancellationError || Task.isCancelled
    }

    private func importReport(_ id: String, work: WebhookWork) async -> Bool {
        do {
            let summary = try await services.importNotifiedReport(id)
            try services.store.finishWebhookWork(work, outcome: "imported", at: services.clock.now())
            events.publish(.reportImported(idReport: id, orders: summary?.orders ?? 0))
            return true
        } catch let error as ClientError where error.isTransientForWebhooks {
            logger.warning("webhook report \(id) postponed: \(error)")
            return false
        } catch where Self.isStop(error) {
            return false
        } catch {
            let reason = String(describing: error)
            try? services.store.finishWebhookWork(work, outcome: "failed: \(reason)", at: services.clock.now())
            events.publish(.reportFailed(idReport: id, reason))
            return true
        }
    }
}

/// The newest notification a GET covers, set from the pacer's callback.
private final class CoveredNotifications: @unchecked Sendable {
    private let lock = NSLock()
    private var seq: Int64
    private var lastSent: Date?

    init(_ seq: Int64) { self.seq = seq }

    var value: Int64 { lock.withLock { seq } }
    /// When the last attempt of the GET was sent.
    var sentAt: Date? { lock.withLock { lastSent } }
    func set(_ newest: Int64) { lock.withLock { seq = max(seq, newest) } }
    func sent(at date: Date) { lock.withLock { lastSent = date } }
}

extension ClientError {
    /// Yuju could not be reached or kept failing: the notification stays pending and is tried
    /// again, rather than being marked done without its order.
    var isTransientForWebhooks: Bool {
        switch self {
        case .transport, .serverError, .rateLimited: true
        default: false
        }
    }
}
