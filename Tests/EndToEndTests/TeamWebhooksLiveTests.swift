import Foundation
import Testing

/// Issue 16, team mode: one `orderdesk webhooks serve` serves the team. An order it refreshes
/// after a notification reaches another operator's TUI (its own state folder, the same team
/// database) through the team's feed, with no key pressed there.
@Suite(.serialized) struct TeamWebhooksLiveTests {
    @Test func anOrderTheTeamListenerRefreshesShowsInAnotherTUIWithinTwoSeconds() async throws {
        let sandbox = try SandboxProcess(orders: 300, seed: 7)
        let (url, password) = try await TeamLiveTests.freshDatabase()
        let team = ["ORDERDESK_SANDBOX_URL": sandbox.baseURL, "ORDERDESK_DATABASE_URL": url, "ORDERDESK_DATABASE_PASSWORD": password]
        let envListener = try OrderDeskBinary.isolatedEnvironment(extra: team.merging(["ORDERDESK_WEBHOOK_SECRET": "team-listener-secret"]) { $1 })
        let envB = try OrderDeskBinary.isolatedEnvironment(extra: team)
        defer { OrderDeskBinary.removeIsolated(envListener); OrderDeskBinary.removeIsolated(envB) }
        let report = try OrderDeskBinary.fillCache(environment: envListener)
        #expect(report.status == 0, "report run: \(report.stderr)")

        // B first: its TUI registers a listener of its own at start. The team's listener,
        // started after, takes the sandbox's one target, so B's is never told.
        let tuiB = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: envB)
        try await tuiB.waitFor("B's list, from the team's cache", timeout: 60) { $0.contains("SANDBOX") && $0.contains("pending") }
        let listener = try ListenerProcess(environment: envListener)
        defer { listener.stop() }

        let started = Date()
        let created = try sandbox.control("POST", "/_sandbox/orders", body: #"{"count": 1}"#) as? [String: Any]
        let id = try #require((created?["orders"] as? [[String: Any]])?.first?["id_order"] as? String)
        let screen = try await tuiB.waitFor("the new order in B", timeout: 10) { TeamLiveTests.row(id, in: $0) != nil }
        let elapsed = Date().timeIntervalSince(started)
        print("TeamWebhooksLiveTests: \(id) in B's list \(String(format: "%.2f", elapsed)) s after POST /_sandbox/orders")
        #expect(elapsed <= 2.0, "B showed the new order \(elapsed) s after it was created")
        let row = try #require(TeamLiveTests.row(id, in: screen))
        #expect(row.contains("pending") && row.contains("•"), "\(row)")
        try tuiB.send("q")
        _ = try await tuiB.waitForExit()

        // The path it took: the team's listener stored and refreshed the notification; B's own
        // listener received nothing, so B had it from the team's feed.
        let inbox = { (env: [String: String]) throws -> [String: Any] in
            let result = try OrderDeskBinary.run(["webhooks", "status", "--json"], environment: env)
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        }
        let served = try inbox(envListener)
        #expect(served["received"] as? Int == 1 && served["gets"] as? Int == 1, "\(served)")
        #expect(try inbox(envB)["received"] as? Int == 0)
    }
}

/// `orderdesk webhooks serve --listen 127.0.0.1:0` as its own process (it registers itself with
/// the sandbox of `ORDERDESK_SANDBOX_URL`); ready once it printed its address.
final class ListenerProcess: @unchecked Sendable {
    let process = Process()

    init(environment: [String: String]) throws {
        process.executableURL = OrderDeskBinary.url
        process.arguments = ["webhooks", "serve", "--listen", "127.0.0.1:0"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard String(decoding: line, as: UTF8.self).hasPrefix("listening on http://127.0.0.1:") else {
            stop()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "webhooks serve said: \(String(decoding: line, as: UTF8.self))"])
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
