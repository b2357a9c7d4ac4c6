import Foundation
@testable import OrderKit
import OrderSandbox
import Testing

/// Two OrderDesk processes on one profile (the TUI open while a script runs `orderdesk status
/// set` or `datacrush push`, which resume the outbox on start) share one outbox. Each entry must
/// still be sent once: found by `scripts/reliability-secrets.sh`, where a `datacrush push` next
/// to a bulk change sent the bulk's entries too, every status PUT twice, with 429s from the
/// doubled pace and "cannot go from sent to sent" failures. An outbound record sent twice is
/// two records.
@Suite(.serialized) struct OutboxConcurrencyTests {
    @Test func twoProcessesOnOneProfileSendEachEntryOnce() async throws {
        let path = NSTemporaryDirectory() + "od-two-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm", ".outbox-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await ServiceHarness.with(store: try OrderStore(path: path)) { h in
            let keys = try await h.pendingOrders(2)
            var before: [OrderKey: Int] = [:]
            for key in keys { before[key] = try await h.services.yuju.listOutbounds(key).count }
            let stats = try await h.stats()
            let putsBefore = stats.requests["PUT /yuju/orders/status"] ?? 0

            // "Process" 1 queues a record and a status change per order and starts sending.
            for key in keys {
                _ = try await h.services.addOutbound(key, OutboundRequest(status: "ok", message: "Guía", reference: "G-\(key.idOrder)", channelId: key.idChannel))
            }
            _ = try await h.services.changeStatus(keys.map { StatusChangeRequest(idOrder: $0.idOrder, idChannel: $0.idChannel, status: .readyToShip) })
            // "Process" 2 starts on the same profile and resumes the outbox meanwhile.
            let other = OrderDeskServices(config: h.services.config, store: try OrderStore(path: path), retry: ServiceHarness.fastRetry)
            await other.resumeOutbox()
            async let first: Void = h.services.drainOutbox()
            async let second: Void = other.drainOutbox()
            _ = await (first, second)
            await other.shutdown()

            for key in keys {
                #expect(try await h.services.yuju.listOutbounds(key).count == before[key]! + 1, "\(key): one record, not two")
            }
            let after = try await h.stats()
            #expect((after.requests["PUT /yuju/orders/status"] ?? 0) - putsBefore == keys.count, "each status PUT sent once")
            for key in keys { #expect(after.transitions["\(key)"]?.count == 1) }
            let entries = try h.store.outboxEntries()
            #expect(entries.allSatisfy { $0.state == .sent }, "\(entries.map { "\($0.state) \($0.lastError ?? "")" })")
        }
    }
}
