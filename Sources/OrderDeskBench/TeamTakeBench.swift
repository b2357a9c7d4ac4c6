import Foundation
import Logging
import OrderKit
import OrderTeam

/// What one take from the team's pacing schedule costs: the single `INSERT … ON CONFLICT …
/// RETURNING` (with its NOTIFY) every vendor call of a team makes, over loopback, in whatever
/// build this is. Issue 15's bound: under 2 ms at p99. Needs the database of
/// `scripts/with-postgres.sh` (`ORDERDESK_TEST_DATABASE_URL`, `_PASSWORD`).
enum TeamTakeBench {
    static func run(takes: Int, rounds: Int) async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let text = environment["ORDERDESK_TEST_DATABASE_URL"] else {
            throw BenchError("team-take needs a database: scripts/with-postgres.sh swift run … OrderDeskBench --only team-take")
        }
        let url = try TeamDatabaseURL(text, password: environment["ORDERDESK_TEST_DATABASE_PASSWORD"].map(Secret.init))
        let database = try await TeamDatabase.connect(url, logger: Logger(label: "bench"))
        let schedules = PostgresSlotSchedules(database, origin: "bench")
        // Warm the pool's connection and the server's plan before counting.
        for _ in 0..<50 { _ = try await schedules.reserve(.datacrush, now: Date(), interval: 0.000_001, onlyIfFree: false) }
        print("team take (\(takes) per round, load \(loadAverage()) at start)")
        // Beside it, what any round trip through the same pool costs, to tell the statement's
        // share from the client's.
        let parts: [(String, () async throws -> Void)] = [
            ("take", { _ = try await schedules.reserve(.datacrush, now: Date(), interval: 0.000_001, onlyIfFree: false) }),
            ("SELECT 1", { try await database.execute("SELECT 1") }),
        ]
        for round in 1...rounds {
            for (name, body) in parts {
                var samples = Samples(capacity: takes)
                for _ in 0..<takes {
                    let started = ContinuousClock.now
                    try await body()
                    samples.append((ContinuousClock.now - started).milliseconds)
                }
                print("  round \(round) \(name): p50 \(format(samples.median, 3)) ms · p99 \(format(samples.percentile(99), 3)) ms · max \(format(samples.max, 3)) ms")
            }
        }
        await database.close()
    }
}
