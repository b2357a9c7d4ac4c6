import Foundation
import Logging
import OrderKit
import OrderTeam
import Testing

/// The throwaway PostgreSQL that `scripts/with-postgres.sh` started (its URL in
/// `ORDERDESK_TEST_DATABASE_URL`). Without one these tests fail, saying how to start it: no mock
/// stands in for PostgreSQL.
enum TeamTestDatabase {
    static var url: TeamDatabaseURL {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            guard let text = environment["ORDERDESK_TEST_DATABASE_URL"] else {
                throw TeamError.badURL("no test database: run the tests through scripts/with-postgres.sh (see README)")
            }
            return try TeamDatabaseURL(text, password: environment["ORDERDESK_TEST_DATABASE_PASSWORD"].map(Secret.init))
        }
    }

    /// A database of its own on the test cluster, for a test that counts rows (report runs).
    static func fresh() async throws -> TeamDatabaseURL {
        var url = try url
        let name = "od_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try await TeamDatabase.connect(url, logger: Logger(label: "team-test"))
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        url.database = name
        return url
    }

    static func with(_ body: (TeamDatabase) async throws -> Void) async throws {
        let database = try await TeamDatabase.connect(try url, logger: Logger(label: "team-test"))
        do { try await body(database) } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
