import Foundation
import GRDB
import Testing
@testable import OrderKit

@Suite struct StoreOutboxTests {
    typealias S = StoreTestSupport
    static let t0 = Date(timeIntervalSince1970: 1_714_640_000)

    static func statusRequest(_ id: String, _ status: OrderStatus = .shipped, carrier: String? = "DHL", items: [String]? = ["sku1"]) -> OutboxRequest {
        .status(StatusChangeRequest(idOrder: id, idChannel: 4301, status: status, carrier: carrier, idItems: items), mirrorToBridge: false)
    }

    @Test func requestsRoundTripAsJSONAndSummarise() throws {
        let key = OrderKey(idChannel: 4301, idOrder: "50032")
        let outbound = OutboundRequest(status: "packed", message: "Empacado ✅", reference: "R-1", channelId: 4301, extra: ["box": 2])
        let requests: [OutboxRequest] = [
            Self.statusRequest("50032"),
            .status(StatusChangeRequest(idOrder: "50032", idChannel: 4301, status: .canceled), mirrorToBridge: true),
            .outbound(key, outbound, requestId: "req-1"),
            .outboundUpdate(key, pk: "6f1c2d3e-aaaa", outbound),
            .bridge(BridgeChangeRequest(orderState: "transit", externalNumber: "50032", channel: "ML")),
            .datacrush([], keys: []),
        ]
        for request in requests {
            let data = try JSONEncoderFactory.make().encode(request)
            #expect(try JSONDecoder().decode(OutboxRequest.self, from: data) == request)
        }
        #expect(requests[0].summary == "4301/50032 → shipped (DHL; items sku1)")
        #expect(requests[1].summary == "4301/50032 → canceled + BRIDGE")
        #expect(requests[2].summary == "4301/50032 outbound add: packed — Empacado ✅")
        #expect(requests[4].summary == "BRIDGE ML/50032 → transit")
        #expect(requests[0].key == key && requests[3].key == key && requests[4].key == nil)
    }

    @Test func enqueueWritesEntriesAndAuditRowsTogether() throws {
        let store = try OrderStore.inMemory()
        try store.upsertOrders([try S.stored(S.orderJSON(id: "1")), try S.stored(S.orderJSON(id: "2"))])
        let entries = try store.enqueue([Self.statusRequest("1"), Self.statusRequest("2", items: nil)], user: "ana", at: Self.t0)
        #expect(entries.map(\.state) == [.queued, .queued])
        #expect(entries[0].id < entries[1].id)
        #expect(try store.outboxEntries() == entries)
        #expect(try store.outboxEntry(id: entries[1].id) == entries[1])

        let trail = try store.auditTrail(for: OrderKey(idChannel: 4301, idOrder: "1"))
        #expect(trail == [AuditEntry(at: Self.t0, user: "ana", key: OrderKey(idChannel: 4301, idOrder: "1"),
                                     action: "status ready_to_ship → shipped (DHL; items sku1)", outcome: "queued")])
    }

    @Test func anInvalidRequestLeavesNothingBehind() throws {
        let store = try OrderStore.inMemory()
        let invalid = OutboxRequest.status(StatusChangeRequest(idOrder: "3", idChannel: 4301, status: .pending), mirrorToBridge: false)
        #expect(throws: ValidationFailure.self) {
            _ = try store.enqueue([Self.statusRequest("1"), Self.statusRequest("2"), invalid], user: "ana", at: Self.t0)
        }
        #expect(try store.outboxEntries().isEmpty)
        #expect(try store.recentAudit(limit: 10).isEmpty)
    }

    /// A failure inside the write transaction (here a trigger standing in for a full disk) rolls
    /// back every row of the batch, entries and audit alike.
    @Test func aFailureMidBatchRollsBackTheWholeBatch() throws {
        let store = try OrderStore.inMemory()
        try store.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_third AFTER INSERT ON outbox WHEN NEW.id_order = '3'
                BEGIN SELECT RAISE(ABORT, 'disk full'); END
                """)
        }
        #expect(throws: (any Error).self) {
            _ = try store.enqueue(["1", "2", "3"].map { Self.statusRequest($0) }, user: "ana", at: Self.t0)
        }
        #expect(try store.outboxEntries().isEmpty)
        #expect(try store.recentAudit(limit: 10).isEmpty)
    }

    /// What enqueue returned is on disk before it returns: a second connection (another process
    /// after a kill -9) sees every entry.
    @Test func enqueuedEntriesAreCommittedForASecondConnection() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let store = try OrderStore(path: path)
        let entries = try store.enqueue((1...50).map { Self.statusRequest(String($0)) }, user: "ana", at: Self.t0)
        let other = try DatabaseQueue(path: path)
        let (count, audits) = try other.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'queued'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE outcome = 'queued'") ?? 0)
        }
        #expect(count == entries.count && audits == entries.count)
        try other.close()
        let reopened = try OrderStore(path: path)
        #expect(try reopened.outboxEntries(states: [.queued]).map(\.request) == entries.map(\.request))
    }

    @Test func stateTransitionsAndRequeue() throws {
        let store = try OrderStore.inMemory()
        let entries = try store.enqueue(["1", "2", "3"].map { Self.statusRequest($0) }, user: "ana", at: Self.t0)
        let (a, b, c) = (entries[0].id, entries[1].id, entries[2].id)
        let t1 = Self.t0.addingTimeInterval(1), t2 = Self.t0.addingTimeInterval(2)

        try store.markSending(id: a, at: t1)
        try store.markSent(id: a, at: t2, response: #"{"ok":1,"message":"ok"}"#)
        try store.markSending(id: b, at: t1)
        try store.markFailed(id: b, at: t2, reason: "Yuju PUT /orders/status: timed out")

        var sent = try #require(try store.outboxEntry(id: a))
        #expect(sent.state == .sent && sent.attempts == 1 && sent.response == #"{"ok":1,"message":"ok"}"# && sent.updatedAt == t2)
        let failed = try #require(try store.outboxEntry(id: b))
        #expect(failed.state == .failed && failed.lastError == "Yuju PUT /orders/status: timed out" && failed.started)
        #expect(try store.outboxEntries(states: [.queued]).map(\.id) == [c])
        #expect(try store.outboxCount(states: [.queued, .failed]) == 2 && store.outboxCount(states: []) == 0)
        #expect(try store.outboxEntries(states: [.failed, .sent]).map(\.id) == [a, b])
        #expect(try store.outboxEntries(limit: 2).map(\.id) == [a, b])

        // Sent is final; a failed entry must be requeued before it is sent again.
        #expect(throws: OrderStoreError.invalidOutboxTransition(id: a, from: .sent, to: .sending)) { try store.markSending(id: a, at: t2) }
        #expect(throws: OrderStoreError.invalidOutboxTransition(id: b, from: .failed, to: .sending)) { try store.markSending(id: b, at: t2) }
        #expect(throws: OrderStoreError.outboxEntryNotFound(999)) { try store.markSent(id: 999, at: t2, response: "") }

        // A crash mid-send leaves `sending`; requeue brings it and the failed one back, never the sent one.
        try store.markSending(id: c, at: t1)
        try store.requeue(ids: [a, b, c])
        #expect(try store.outboxEntries(states: [.queued]).map(\.id) == [b, c])
        sent = try #require(try store.outboxEntry(id: a))
        #expect(sent.state == .sent)
        // Attempts count requests sent, added when an attempt ends; starting one adds none.
        try store.markSending(id: b, at: t2)
        #expect(try store.outboxEntry(id: b)?.attempts == 1)
        try store.markSent(id: b, at: t2, response: "ok", attempts: 0)
        #expect(try store.outboxEntry(id: b)?.attempts == 1)

        let trail = try store.auditTrail(for: OrderKey(idChannel: 4301, idOrder: "2"))
        #expect(trail.map(\.outcome) == ["sent", "failed: Yuju PUT /orders/status: timed out", "queued"])
        #expect(try store.auditTrail(for: OrderKey(idChannel: 4301, idOrder: "1")).map(\.outcome) == ["sent", "queued"])
    }

    /// A refusal is final: `requeue` (what `queue retry`, `t` and `T` use) leaves it alone.
    @Test func aRefusedEntryIsNeverRequeued() throws {
        let store = try OrderStore.inMemory()
        let entries = try store.enqueue(["1", "2"].map { Self.statusRequest($0) }, user: "ana", at: Self.t0)
        try store.markSending(id: entries[0].id, at: Self.t0)
        try store.markRefused(id: entries[0].id, at: Self.t0, reason: "No se puede cambiar el estado del pedido de delivered a shipped.")
        try store.markSending(id: entries[1].id, at: Self.t0)
        try store.markFailed(id: entries[1].id, at: Self.t0, reason: "timed out")
        #expect(try store.requeue(ids: entries.map(\.id)) == [entries[1].id])
        #expect(try store.outboxEntry(id: entries[0].id)?.state == .refused)
        #expect(throws: OrderStoreError.invalidOutboxTransition(id: entries[0].id, from: .refused, to: .sending)) {
            try store.markSending(id: entries[0].id, at: Self.t0)
        }
        #expect(try store.auditTrail(for: OrderKey(idChannel: 4301, idOrder: "1")).first?.outcome
            == "refused: No se puede cambiar el estado del pedido de delivered a shipped.")
    }
}

@Suite struct StoreLedgerAndAuditTests {
    typealias S = StoreTestSupport

    static func run(_ at: Date, status: String = "requested") -> ReportRun {
        ReportRun(
            variant: .standard, returnType: .complete, requestedAt: at,
            filters: ReportRequest(filters: .init(paymentAccreditedAt: .init(from: "2024-05-01T00:00:00", to: "2024-05-02T00:00:00"), channels: [4301])),
            status: status)
    }

    @Test func theLedgerSurvivesAReopen() throws {
        let (directory, path) = S.temporaryDatabasePath()
        defer { S.remove(directory) }
        let now = Date(timeIntervalSince1970: 1_714_640_000)
        do {
            let store = try OrderStore(path: path)
            try store.recordReportRun(Self.run(now.addingTimeInterval(-30 * 3600)))
            try store.recordReportRun(Self.run(now.addingTimeInterval(-3600)))
            var run = try store.insertReportRun(Self.run(now.addingTimeInterval(-60)))
            #expect(run.id != nil)
            run.idReport = "0123456789abcdef0123456789abcdef"
            run.status = "COMPLETED"
            try store.updateReportRun(run)
            // Updated by id_report when the caller kept no ledger id.
            var byReport = run
            byReport.id = nil
            byReport.status = "imported"
            byReport.importedCount = 1234
            try store.updateReportRun(byReport)
        }
        let reopened = try OrderStore(path: path)
        let runs = try reopened.reportRuns(since: now.addingTimeInterval(-24 * 3600))
        #expect(runs.count == 2)
        #expect(runs.map(\.requestedAt) == [now.addingTimeInterval(-3600), now.addingTimeInterval(-60)])
        #expect(runs[1].status == "imported" && runs[1].importedCount == 1234 && runs[1].idReport == "0123456789abcdef0123456789abcdef")
        #expect(runs[1].filters == Self.run(now).filters)
        #expect(try reopened.reportRuns(since: .distantPast).count == 3)
        #expect(throws: OrderStoreError.self) { try reopened.updateReportRun(Self.run(now.addingTimeInterval(5))) }
    }

    @Test func auditTrailPerOrderAndRecent() throws {
        let store = try OrderStore.inMemory()
        let key = OrderKey(idChannel: 4301, idOrder: "1")
        let t = Date(timeIntervalSince1970: 1_714_640_000)
        try store.appendAudit(AuditEntry(at: t, user: "ana", key: key, action: "status pending → ready_to_ship", outcome: "sent"))
        try store.appendAudit(AuditEntry(at: t.addingTimeInterval(10), user: "luis", key: nil, action: "report run", outcome: "requested"))
        try store.appendAudit(AuditEntry(at: t.addingTimeInterval(20), user: "josé", key: key, action: "outbound add: ñandú 🦤", outcome: "queued"))
        let trail = try store.auditTrail(for: key)
        #expect(trail.map(\.user) == ["josé", "ana"])
        #expect(trail[0].action == "outbound add: ñandú 🦤")
        #expect(try store.recentAudit(limit: 2).map(\.user) == ["josé", "luis"])
        #expect(try store.recentAudit(limit: 2)[1].key == nil)
    }
}
