import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// Yuju's 5 report runs a day are the account's: the team counts them in one ledger.
@Suite(.serialized) struct TeamReportLedgerTests {
    @Test func twoOperatorsShareFiveRunsAndANotCountedRunFreesItsSlot() async throws {
        let url = try await TeamTestDatabase.fresh()
        let a = try await TeamDatabase.connect(url, logger: Logger(label: "a"))
        let b = try await TeamDatabase.connect(url, logger: Logger(label: "b"))
        let ana = TeamReportLedger(a, capacity: 5, operatorName: "ana")
        let luis = TeamReportLedger(b, capacity: 5, operatorName: "luis")
        for (index, ledger) in [ana, ana, ana, luis].enumerated() {
            try await ledger.reserve()
            await ledger.record(ReportRun(id: Int64(index + 1), variant: .normal, returnType: .complete, requestedAt: Date(), filters: ReportRequest(filters: .init()), status: "CREATED"))
            await ledger.release()
        }
        #expect(await luis.snapshot().available == 1)
        #expect(await ana.snapshot().used == 4)
        // Luis's fifth: Yuju answered a general 429, so it spent nothing.
        try await luis.reserve()
        var refused = ReportRun(id: 9, variant: .normal, returnType: .complete, requestedAt: Date(), filters: ReportRequest(filters: .init()), status: "requested")
        refused.markNotCounted("429: Too many requests")
        await luis.record(refused)
        await luis.release()
        #expect(await ana.snapshot().available == 1)
        try await ana.reserve()
        await ana.record(ReportRun(id: 5, variant: .normal, returnType: .complete, requestedAt: Date(), filters: ReportRequest(filters: .init()), status: "CREATED"))
        await ana.release()
        await #expect(throws: ClientError.self) { try await luis.reserve() }
        let snapshot = await luis.snapshot()
        #expect(snapshot.available == 0 && snapshot.nextFreeAt != nil)
        await a.close()
        await b.close()
    }

    @Test func twoOperatorsAskingForTheLastRunAtOnceGetOne() async throws {
        let url = try await TeamTestDatabase.fresh()
        let databases = [try await TeamDatabase.connect(url, logger: Logger(label: "a")), try await TeamDatabase.connect(url, logger: Logger(label: "b"))]
        let ledgers = databases.map { TeamReportLedger($0, capacity: 1, operatorName: "op") }
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for ledger in ledgers {
                group.addTask { (try? await ledger.reserve()) != nil }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 1)
        for database in databases { await database.close() }
    }
}
