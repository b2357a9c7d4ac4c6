import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// What only the team's outbox has to keep: several members on one queue.
@Suite("Team outbox", .serialized)
struct TeamOutboxTests {
    let logger = Logger(label: "team-outbox-test")
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    struct Team {
        let databases: [TeamDatabase]
        let members: [TeamOutbox]
        func close() async {
            for member in members { await member.release() }
            for database in databases { await database.close() }
        }
    }

    /// Members on one fresh database, each with its own connection pool, as on separate machines.
    func team(_ names: [String], leaseSeconds: Double) async throws -> Team {
        let url = try await TeamTestDatabase.fresh()
        let store = try OrderStore.inMemory()
        var databases: [TeamDatabase] = [], members: [TeamOutbox] = []
        for name in names {
            let database = try await TeamDatabase.connect(url, logger: logger)
            databases.append(database)
            members.append(TeamOutbox(database: database, store: store, owner: name, leaseSeconds: leaseSeconds, logger: logger))
        }
        return Team(databases: databases, members: members)
    }

    func claimed(_ member: TeamOutbox) async throws -> [Int64] {
        let claim = try #require(await member.claim(logger: logger))
        await claim.release()
        return claim.entries.map(\.id)
    }

    @Test("each member sends its own; a member that dies is taken over once its lease runs out")
    func takeoverAfterTheLease() async throws {
        let team = try await team(["a", "b"], leaseSeconds: 1.5)
        let (a, b) = (team.members[0], team.members[1])
        let ids = try await a.enqueue([OutboxQueueContractTests.change(.readyToShip), OutboxQueueContractTests.change(.shipped, order: "2")],
                                      user: "ana", at: now).map(\.id)
        try await a.markSending(id: ids[0], at: now)
        #expect(try await claimed(b).isEmpty, "b took entries a holds")
        #expect(try await claimed(a) == ids)
        // a dies: its lease is no longer renewed.
        await team.databases[0].close()
        let died = ContinuousClock.now
        var taken: [Int64] = []
        while taken.isEmpty, ContinuousClock.now - died < .seconds(5) {
            try await Task.sleep(for: .milliseconds(100))
            taken = try await claimed(b)
        }
        let waited = ContinuousClock.now - died
        #expect(taken == ids)
        #expect(waited >= .seconds(1) && waited < .seconds(3), "taken over after \(waited)")
        // The interrupted entry comes back as started, so its resend checks first.
        #expect(try await b.entry(id: ids[0])?.started == true)
        try await b.markSending(id: ids[0], at: now)
        try await b.markSent(id: ids[0], at: now, response: "200", attempts: 1)
        await team.members[1].release()
        await team.databases[1].close()
    }

    @Test("a member that stalled past its lease cannot overwrite what the new holder did")
    func staleHolderIsFenced() async throws {
        let team = try await team(["a", "b"], leaseSeconds: 1)
        let (a, b) = (team.members[0], team.members[1])
        let id = try await a.enqueue([OutboxQueueContractTests.change(.readyToShip)], user: "ana", at: now)[0].id
        try await a.markSending(id: id, at: now)
        await a.release()   // as if a stalled: the lease is gone
        #expect(try await claimed(b) == [id])
        try await b.markSending(id: id, at: now)
        await #expect(throws: TeamOutboxError.self) { try await a.markSent(id: id, at: now, response: "late", attempts: 1) }
        try await b.markSent(id: id, at: now, response: "200", attempts: 1)
        #expect(try await b.entry(id: id)?.response == "200")
        await team.close()
    }

    @Test("changes of one order go in the order they were queued, whoever queued them")
    func oneOrderAcrossMembers() async throws {
        let team = try await team(["a", "b"], leaseSeconds: 10)
        let (a, b) = (team.members[0], team.members[1])
        let first = try await a.enqueue([OutboxQueueContractTests.change(.readyToShip)], user: "ana", at: now)[0].id
        let middle = try await b.enqueue([OutboxQueueContractTests.change(.shipped)], user: "beto", at: now)[0].id
        let last = try await a.enqueue([OutboxQueueContractTests.change(.delivered)], user: "ana", at: now)[0].id
        // a holds the order's first change, and stops before b's: its own third waits.
        #expect(try await claimed(a) == [first])
        #expect(try await claimed(b).isEmpty)
        #expect(await b.hasOwnEntriesWaiting())
        try await a.markSending(id: first, at: now)
        try await a.markSent(id: first, at: now, response: "200", attempts: 1)
        #expect(try await claimed(a).isEmpty)
        #expect(try await claimed(b) == [middle])
        try await b.markSending(id: middle, at: now)
        try await b.markSent(id: middle, at: now, response: "200", attempts: 1)
        #expect(await b.hasOwnEntriesWaiting() == false)
        #expect(try await claimed(a) == [last])
        await team.close()
    }

    @Test("a colleague's queueing and moves are told live; one's own are not")
    func colleaguesChangesAreTold() async throws {
        let team = try await team(["a", "b"], leaseSeconds: 10)
        let (a, b) = (team.members[0], team.members[1])
        var seenByB = b.colleagueChanges().makeAsyncIterator()
        var seenByA = a.colleagueChanges().makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(300))   // both listening
        let id = try await a.enqueue([OutboxQueueContractTests.change(.readyToShip)], user: "ana", at: now)[0].id
        try await a.markSending(id: id, at: now)
        let started = ContinuousClock.now
        #expect(await seenByB.next() == id)
        #expect(await seenByB.next() == id)
        #expect(ContinuousClock.now - started < .seconds(1))
        let own = try await b.enqueue([OutboxQueueContractTests.change(.shipped, order: "2")], user: "beto", at: now)[0].id
        // A hears of B's entry first: its own two moves were never told to it.
        #expect(await seenByA.next() == own)
        await team.close()
    }

    @Test("members claiming at once never hold the same lane")
    func concurrentClaimsAreDisjoint() async throws {
        let team = try await team(["a", "b", "c", "d"], leaseSeconds: 10)
        let requests = (0..<60).map { OutboxQueueContractTests.change(.readyToShip, order: "C\($0)") }
        let ids = try await team.members[0].enqueue(requests, user: "ana", at: now).map(\.id)
        await team.members[0].release()   // up for grabs
        let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for member in team.members.dropFirst() { group.addTask { try await claimed(member) } }
            return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
        }
        let all = claims.flatMap { $0 }
        #expect(Set(all).count == all.count, "an entry was claimed twice")
        #expect(Set(all) == Set(ids))
        await team.close()
    }
}
