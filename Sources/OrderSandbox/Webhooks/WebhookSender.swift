import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OrderKit

/// Posts the sandbox's notifications to the registered target like Yuju does (`api.md`, "Yuju
/// webhooks"): signed, each with its delivery id, answered 2xx within 5 s or sent again after
/// 1, 2, 4, 8 and 16 s with the same delivery id, then dropped.
///
/// Called from inside the state actor without waiting: `post` only queues.
final class WebhookSender: Sendable {
    struct Delivery: Sendable {
        var id: String
        var notification: WebhookNotification
        var target: WebhookTarget
        /// Real time to wait before the first attempt (a report is ready after a delay).
        var after: Double = 0
    }

    private let client: HTTPClient
    private let counts: LockedCounts
    private let queued: AsyncStream<Delivery>.Continuation
    private let worker: Task<Void, Never>

    init() {
        let (queue, queued) = AsyncStream<Delivery>.makeStream()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let counts = LockedCounts()
        let slots = DeliverySlots(limit: 16)
        self.client = client
        self.counts = counts
        self.queued = queued
        worker = Task {
            await withDiscardingTaskGroup { group in
                for await delivery in queue {
                    group.addTask { await Self.deliver(delivery, client: client, counts: counts, slots: slots) }
                }
            }
        }
    }

    func post(_ delivery: Delivery) { queued.yield(delivery) }

    var snapshot: WebhookCounts { counts.value }
    func resetCounts() { counts.reset() }

    /// Stops sending: deliveries waiting for a retry are given up.
    func shutdown() async {
        queued.finish()
        worker.cancel()
        await worker.value
        try? await client.shutdown()
    }

    private static func deliver(_ delivery: Delivery, client: HTTPClient, counts: LockedCounts, slots: DeliverySlots) async {
        let body = delivery.notification.body
        var request = HTTPClientRequest(url: delivery.target.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: WebhookHeader.topic, value: delivery.notification.topic.rawValue)
        request.headers.add(name: WebhookHeader.resource, value: delivery.notification.resource)
        request.headers.add(name: WebhookHeader.delivery, value: delivery.id)
        request.headers.add(name: WebhookHeader.signature, value: WebhookSignature.sign(body, secret: delivery.target.secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        if delivery.after > 0 { try? await Task.sleep(for: .seconds(delivery.after)) }
        let delays = Assumed.webhookRetryDelaysSeconds
        for attempt in 0...delays.count {
            if Task.isCancelled { return }
            // The 5 s start when the request is sent, not while it waits for a connection slot.
            await slots.acquire()
            var answered2xx = false
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(Assumed.webhookAnswerWithinSeconds * 1000)))
                answered2xx = (200..<300).contains(Int(response.status.code))
                _ = try? await response.body.collect(upTo: 64 * 1024)
            } catch {}
            await slots.release()
            if answered2xx {
                counts.add(sent: 1)
                return
            }
            counts.add(failed: 1)
            guard attempt < delays.count else { break }
            try? await Task.sleep(for: .seconds(delays[attempt]))
        }
        counts.add(dropped: 1)
    }
}

private final class LockedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = WebhookCounts()

    var value: WebhookCounts { lock.withLock { counts } }
    func reset() { lock.withLock { counts = WebhookCounts() } }
    func add(sent: Int = 0, failed: Int = 0, dropped: Int = 0) {
        lock.withLock {
            counts.sent += sent
            counts.failed += failed
            counts.dropped += dropped
        }
    }
}

/// At most `limit` notifications in flight at once, like a sender's worker pool.
private actor DeliverySlots {
    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { inUse -= 1 } else { waiting.removeFirst().resume() }
    }
}
