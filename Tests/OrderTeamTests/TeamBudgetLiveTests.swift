import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// What one operator spends shows in a colleague's budgets (the status bar's source) within a
/// second: two team sessions on a real PostgreSQL, each with the pacers its process would use.
@Suite("Team budgets, live", .serialized)
struct TeamBudgetLiveTests {
    static func session(_ url: TeamDatabaseURL, _ name: String) async throws -> TeamSession {
        let settings = TeamSettings(databaseURL: url.description, password: url.password, operatorName: name)
        return try await TeamSession.open(settings, operatorName: name, logger: Logger(label: "team-budget-live"))
    }

    static let config = OrderDeskConfig(
        yuju: YujuSettings(baseURL: "http://127.0.0.1:9", token: Secret("t"), requestsPerSecond: 2), statePath: "/dev/null")

    /// The first snapshot of `updates` that satisfies `condition`, or nil after `seconds`.
    static func first(
        _ updates: AsyncStream<BudgetSnapshot>, within seconds: Double, where condition: @escaping @Sendable (BudgetSnapshot) -> Bool
    ) async -> BudgetSnapshot? {
        await withTaskGroup(of: BudgetSnapshot?.self) { group in
            group.addTask {
                for await snapshot in updates where condition(snapshot) { return snapshot }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test("a colleague's Yuju requests count in this process's Yuju budget within a second")
    func colleaguesRequestsShow() async throws {
        let url = try await TeamTestDatabase.fresh()
        let ana = try await Self.session(url, "ana"), beto = try await Self.session(url, "beto")
        let anas = ana.pacers(for: Self.config), betos = beto.pacers(for: Self.config)
        try await Task.sleep(for: .milliseconds(200))  // both listening
        let updates = betos.yuju.updates()
        let started = Date()
        try await anas.yuju.acquire()
        try await anas.yuju.acquire()
        let seen = await Self.first(updates, within: 1) { $0.used + $0.queued >= 2 }
        let shown = try #require(seen, "beto's Yuju budget never counted ana's two requests")
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(shown.available < 2)
        // Beto spent nothing himself, and his own requests now wait behind ana's.
        let before = Date()
        try await betos.yuju.acquire()
        #expect(Date().timeIntervalSince(before) > 0.3)
        // Counted once on both sides, whoever spent it (Datacrush's 60 s window holds them all).
        try await anas.datacrush.acquire()
        try await betos.datacrush.acquire()
        try await Task.sleep(for: .milliseconds(300))
        #expect(await anas.datacrush.snapshot().used == 2)
        #expect(await betos.datacrush.snapshot().used == 2)
        await ana.close(); await beto.close()
    }

    @Test("a colleague's report run shows as one run fewer within a second")
    func colleaguesReportRunShows() async throws {
        let url = try await TeamTestDatabase.fresh()
        let ana = try await Self.session(url, "ana"), beto = try await Self.session(url, "beto")
        let anas = ana.pacers(for: Self.config), betos = beto.pacers(for: Self.config)
        let report = try #require(betos.report)
        #expect(await report.snapshot().available == 5)
        try await Task.sleep(for: .milliseconds(200))
        let updates = report.updates()
        try await #require(anas.report).reserve()
        let seen = await Self.first(updates, within: 1) { $0.used == 1 }
        #expect(seen?.available == 4, "beto's report budget did not move with ana's run")
        await ana.close(); await beto.close()
    }

    @Test("a 429 a colleague got pauses and marks this process's budget")
    func colleagues429Shows() async throws {
        let url = try await TeamTestDatabase.fresh()
        let ana = try await Self.session(url, "ana"), beto = try await Self.session(url, "beto")
        let anas = ana.pacers(for: Self.config), betos = beto.pacers(for: Self.config)
        try await Task.sleep(for: .milliseconds(200))
        let updates = betos.yuju.updates()
        await anas.yuju.pause(for: 5, message: "Too Many Requests")
        let seen = await Self.first(updates, within: 1) { $0.blockedUntil != nil }
        let shown = try #require(seen, "beto's budget did not show ana's 429")
        #expect(shown.available == 0)
        #expect(shown.last429Message == "Too Many Requests")
        await ana.close(); await beto.close()
    }

    @Test func noticesReadBackWhatTheyWrite() {
        let notices = [
            TeamBudgetNotice(kind: .yujuGeneral, event: .start(secondsFromNow: 0.25), origin: "a-1"),
            TeamBudgetNotice(kind: .bridge, event: .pause, origin: "b"),
            TeamBudgetNotice(kind: .yujuReport, event: .changed, origin: "c"),
        ]
        for notice in notices { #expect(TeamBudgetNotice(payload: notice.payload) == notice) }
        for junk in ["", "yuju", "yuju start x o", "nope pause o", "yuju start nan o", "yuju teleport o", "yuju pause"] {
            #expect(TeamBudgetNotice(payload: junk) == nil, "\(junk)")
        }
    }
}
