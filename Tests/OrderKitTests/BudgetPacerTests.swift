import Foundation
@testable import OrderKit
import Testing

@Suite struct BudgetPacerTests {
    @Test func pacesWithNoBurstHalfASecondApart() async throws {
        let clock = FakeClock()
        let pacer = IntervalPacer(kind: .yujuGeneral, perSecond: 2, clock: clock.wallClock)
        let start = clock.now
        var starts: [Double] = []
        for _ in 0..<5 {
            try await pacer.acquire()
            starts.append(clock.now.timeIntervalSince(start))
        }
        #expect(starts == [0, 0.5, 1.0, 1.5, 2.0])
    }

    /// A busy machine wakes a reservation late: the next one must still start an interval
    /// after it, not with it (seen as a 429 under a loaded CI machine).
    @Test func startsStayAnIntervalApartWhenASleepOverruns() async throws {
        let clock = FakeClock()
        nonisolated(unsafe) var stalls = 1
        let overrunning = WallClock(now: { clock.now }, sleep: { seconds in
            let extra = stalls > 0 ? 1.0 : 0
            stalls -= 1
            try await clock.wallClock.sleep(seconds + extra)
        })
        let pacer = IntervalPacer(kind: .yujuGeneral, perSecond: 2, clock: overrunning)
        let start = clock.now
        var starts: [Double] = []
        for _ in 0..<4 {
            try await pacer.acquire()
            starts.append(clock.now.timeIntervalSince(start))
        }
        #expect(starts == [0, 1.5, 2.0, 2.5])
    }

    @Test func a429PausesEveryoneForRetryAfter() async throws {
        let clock = FakeClock()
        let pacer = IntervalPacer(kind: .yujuGeneral, perSecond: 2, clock: clock.wallClock)
        try await pacer.acquire()
        await pacer.pause(for: 3, message: "slow down")
        let before = clock.now
        try await pacer.acquire()
        #expect(clock.now.timeIntervalSince(before) >= 3)
        let snapshot = await pacer.snapshot()
        #expect(snapshot.last429Message == "slow down")
        #expect(snapshot.capacity == 2)
    }

    @Test func snapshotsReachSeveralSubscribers() async throws {
        let pacer = IntervalPacer(kind: .datacrush, capacity: 100, windowSeconds: 60)
        let first = pacer.updates()
        let second = pacer.updates()
        try await pacer.acquire()
        var a = first.makeAsyncIterator()
        var b = second.makeAsyncIterator()
        #expect(await a.next()?.kind == .datacrush)
        #expect(await b.next()?.kind == .datacrush)
        let snapshot = await pacer.snapshot()
        #expect(snapshot.used == 1 && snapshot.available == 99)
    }

    @Test func aSpentBudgetIsPublishedAgainWhenItRefills() async throws {
        let pacer = IntervalPacer(kind: .yujuGeneral, capacity: 2, windowSeconds: 0.2)
        let updates = pacer.updates()
        try await pacer.acquire()
        try await pacer.acquire()
        // No request follows: the refill alone must reach subscribers.
        let refilled = Task {
            for await snapshot in updates where snapshot.available == 2 { return true }
            return false
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(5))
            refilled.cancel()
        }
        #expect(await refilled.value)
        timeout.cancel()
    }

    @Test func reportLedgerCountsPersistedRunsAndTrustsTheServersMinutes() async throws {
        let clock = FakeClock()
        let now = clock.now
        let runs = (0..<4).map { now.addingTimeInterval(Double(-3600 * ($0 + 1))) }
        let ledger = ReportRunLedger(capacity: 5, clock: clock.wallClock) { since in runs.filter { $0 > since } }
        #expect(await ledger.snapshot().available == 1)
        try await ledger.reserve()
        #expect(await ledger.snapshot().available == 0)
        await ledger.release()
        await ledger.serverRefused(message: YujuText.reportLimit(minutes: 42))
        let snapshot = await ledger.snapshot()
        #expect(snapshot.available == 0)
        #expect(snapshot.blockedUntil == now.addingTimeInterval(42 * 60))
        await #expect(throws: ClientError.self) { try await ledger.reserve() }
    }

    @Test func retryPolicyBacksOffBoundedAndNeverRetriesOther4xx() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: 0.5, multiplier: 2, maxDelay: 8, jitter: 0, random: { 0.5 })
        #expect((1...6).map(policy.backoff(afterAttempt:)) == [0.5, 1, 2, 4, 8, 8])
        let server = ClientError.serverError(.yuju, endpoint: "PUT /x", status: 500, snippet: "")
        #expect(policy.decide(server, attempt: 1, rateLimitWaits: 0) == .backoff(0.5))
        #expect(policy.decide(server, attempt: 6, rateLimitWaits: 0) == .giveUp)
        let refused = ClientError.rejected(.yuju, endpoint: "PUT /x", status: 400, message: "no", code: nil)
        #expect(policy.decide(refused, attempt: 1, rateLimitWaits: 0) == .giveUp)
        let limited = ClientError.rateLimited(.yuju, endpoint: "PUT /x", retryAfter: 2, message: "")
        #expect(policy.decide(limited, attempt: 1, rateLimitWaits: 0) == .rateLimited(2))
        let jittered = RetryPolicy(jitter: 0.5, random: { 0 })
        #expect(jittered.backoff(afterAttempt: 1) == 0.25)
    }
}
