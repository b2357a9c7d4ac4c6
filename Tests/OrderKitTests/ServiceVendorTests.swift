import Foundation
@testable import OrderKit
import OrderSandbox
import Testing

@Suite(.serialized) struct ServiceVendorTests {
    @Test func reportLimitTextCorrectsTheLedgerAndInvalidFiltersSpendNothing() async throws {
        try await ServiceHarness.with { h in
            let now = Date()
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(now.addingTimeInterval(-86_400)), to: WireDate.formatFilter(now))))
            // Invalid filter: refused locally, no run spent.
            let bad = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: "2026-01-01", to: "2026-02-01")))
            await #expect(throws: ClientError.invalid(ValidationFailure(.yuju, YujuText.reportDateFormat, field: "payment_accredited_at"))) {
                _ = try await h.services.runReport(.standard, returnType: .basic, bad, wait: false)
            }
            #expect(try await h.stats().report_runs == 0)
            // Five runs spent elsewhere (another machine): the local ledger does not know.
            for _ in 0..<5 { _ = try await h.services.yuju.runReport(.standard, returnType: .onlyIds, request) }
            do {
                _ = try await h.services.runReport(.standard, returnType: .basic, request, wait: false)
                Issue.record("expected a 429")
            } catch let error as ClientError {
                guard case .rateLimited(_, _, _, let message) = error else { Issue.record("\(error)"); return }
                #expect(YujuText.minutesInReportLimit(message) != nil)
            }
            let snapshot = await h.services.reportBudget.snapshot()
            #expect(snapshot.available == 0 && snapshot.blockedUntil != nil && snapshot.last429Message != nil)
            let runsBefore = try await h.stats().report_runs
            await #expect(throws: ClientError.self) { _ = try await h.services.runReport(.standard, returnType: .basic, request, wait: false) }
            #expect(try await h.stats().report_runs == runsBefore)
        }
    }

    @Test func aReportRunWithAnUnknownOutcomeIsNeverSentTwice() async throws {
        try await ServiceHarness.with { h in
            let now = Date()
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(now.addingTimeInterval(-86_400)), to: WireDate.formatFilter(now))))
            try await h.faults(errorRate: 1)
            await #expect(throws: ClientError.self) { _ = try await h.services.runReport(.standard, returnType: .basic, request, wait: false) }
            try await h.faults(dropRate: 1)
            await #expect(throws: ClientError.self) { _ = try await h.services.runReport(.standard, returnType: .basic, request, wait: false) }
            try await h.faults()
            #expect(try await h.stats().requests["POST /yuju/std-orders-report"] == 2, "one attempt each")
            // Both count as spent in the local ledger: the server may have started them.
            #expect(await h.services.reportBudget.snapshot().used == 2)
        }
    }

    /// Issue 14, item 3: the general 2 req/s 429 on the report POST neither blocks runs for an
    /// hour nor holds a ledger slot (found: both).
    @Test func aGeneral429OnTheReportPostBlocksNothingAndCountsNoRun() async throws {
        try await ServiceHarness.with { h in
            let now = Date()
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(
                from: WireDate.formatFilter(now.addingTimeInterval(-7 * 86_400)), to: WireDate.formatFilter(now))))
            try await h.faults(force429: true)
            await #expect(throws: ClientError.self) { _ = try await h.services.runReport(.standard, returnType: .complete, request, wait: false) }
            try await h.faults()
            let budget = await h.services.reportBudget.snapshot()
            #expect(budget.available == budget.capacity && budget.blockedUntil == nil, "\(budget)")
            let run = try #require(try h.store.reportRuns(since: .distantPast).last)
            #expect(run.status.hasPrefix("not counted: 429") && !run.spendsBudget, "\(run.status)")
            // The report limit's own 429 still blocks, for the minutes it names.
            await h.services.reportBudget.serverRefused(message: YujuText.reportLimit(minutes: 5))
            #expect(await h.services.reportBudget.snapshot().blockedUntil != nil)
        }
    }

    /// The report POST takes its turn in the Yuju pacer like every other call (found: it
    /// skipped it, so a run beside draining changes could push the account past 2 req/s).
    @Test func theReportPostSpendsTheYujuPacer() async throws {
        try await ServiceHarness.with { h in
            let now = Date()
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(
                from: WireDate.formatFilter(now.addingTimeInterval(-7 * 86_400)), to: WireDate.formatFilter(now))))
            _ = try await h.services.runReport(.standard, returnType: .complete, request, wait: false)
            #expect(await h.services.yujuPacer.snapshot().used == 1)
        }
    }

    @Test func pollsBackOffFromTwoSecondsToThirty() {
        var backoff = PollBackoff(first: Assumed.reportPollFirstSeconds, max: Assumed.reportPollMaxSeconds)
        #expect((0..<7).map { _ in backoff.next() } == [2, 4, 8, 16, 30, 30, 30])
    }

    @Test func bridgeLogsInAgainOnceWhenTheTokenExpires() async throws {
        var options = ServiceHarness.quick
        // Long enough for a login and the call after it, one BRIDGE pacer interval (0.2 s)
        // apart, to fit in one token's life on a loaded machine (300 ms failed 2 runs in 3).
        options.bridgeTokenTTL = .milliseconds(1000)
        try await ServiceHarness.with(options) { h in
            let bridge = try #require(h.services.bridge)
            let first = try await bridge.status(internalNumber: "bridge0000000001")
            #expect(first.ack == 0)
            try await Task.sleep(for: .milliseconds(1200))
            let second = try await bridge.status(internalNumber: "bridge0000000001")
            #expect(second.currentStatus == first.currentStatus)
        }
    }

    @Test func badCredentialsAreUnauthorisedAndNeverPrinted() async throws {
        try await ServiceHarness.with(configure: { config in
            config.yuju.token = Secret("wrong-token-1")
            config.bridge?.clientSecret = Secret("wrong-secret-2")
            config.datacrush?.apiKey = Secret("wrong-key-3")
        }) { h in
            var texts: [String] = []
            do { _ = try await h.services.yuju.order(OrderKey(idChannel: 4301, idOrder: "1")) } catch { texts.append("\(error)") ; #expect(error is ClientError) }
            do { _ = try await h.services.bridgeStatus(internalNumber: "bridge0000000001") } catch { texts.append("\(error)") }
            let order = DatacrushOrder(id: 1, orderNumber: 1, status: "paid", currencyCode: "mxn", gateway: "g", total: 1, discountTotal: 0, shippingTotal: 0, taxTotal: 0, adminUrl: nil, financialStatus: "paid", source: "s", createdAt: "2026-01-01", items: [.init(id: 1, productId: 1, variantId: 1, quantity: 1, name: "x", price: 1)], customer: .init(id: 1, email: "a@b", firstName: "a", lastName: "b", source: "s"))
            do { try await h.services.datacrush!.push([order]) } catch { texts.append("\(error)") }
            #expect(texts.count == 3)
            let all = texts.joined(separator: "\n") + h.logs.text
            for secret in ["wrong-token-1", "wrong-secret-2", "wrong-key-3"] { #expect(!all.contains(secret)) }
        }
    }

    @Test func traceLogsAndErrorsNeverHoldASecret() async throws {
        try await ServiceHarness.with { h in
            let keys = try await h.pendingOrders(2)
            try await h.faults(dropRate: 0.5)
            let plan = try await h.services.pushToDatacrush(keys)
            try await h.services.changeStatus([StatusChangeRequest(idOrder: keys[0].idOrder, idChannel: keys[0].idChannel, status: .readyToShip)], mirrorToBridge: true)
            await h.services.drainOutbox()
            try await h.faults()
            #expect(plan.entry != nil)
            let text = h.logs.text + (try h.store.outboxEntries().map { "\($0.lastError ?? "") \($0.response ?? "")" }.joined())
            #expect(text.contains("→"))  // trace lines were captured
            for secret in [SandboxCredentials.yujuToken, SandboxCredentials.bridgeClientSecret, SandboxCredentials.datacrushApiKey] {
                #expect(!text.contains(secret))
            }
        }
    }

    @Test func refreshUsesOneOrderGetsAndOutboundsAreStored() async throws {
        try await ServiceHarness.with { h in
            let keys = try await h.pendingOrders(2)
            let runs = try await h.stats().report_runs
            let result = await h.services.refresh(keys + [OrderKey(idChannel: 4301, idOrder: "nope-000")])
            #expect(result.refreshed.count == 2 && result.failed.count == 1)
            #expect(try await h.stats().report_runs == runs)
            let records = try await h.services.outbounds(keys[0])
            #expect(try h.store.outbounds(for: keys[0]).count == records.count)
        }
    }
}
