import Foundation
import OrderKit
import PostgresNIO

/// Who of the team has OrderDesk open: each process beats every 20 s.
public struct TeamPresence: Sendable {
    let database: TeamDatabase

    public init(_ database: TeamDatabase) { self.database = database }

    public func beat(_ name: String) async throws {
        let host = ProcessInfo.processInfo.hostName
        try await database.client.query("""
            INSERT INTO operators (name, host, last_seen) VALUES (\(name), \(host), EXTRACT(EPOCH FROM clock_timestamp())::float8)
            ON CONFLICT (name) DO UPDATE SET host = excluded.host, last_seen = excluded.last_seen
            """, logger: database.logger)
    }

    public struct Operator: Sendable, Codable, Hashable {
        public var name: String
        public var host: String
        /// Seconds since the last heartbeat.
        public var secondsAgo: Double

        enum CodingKeys: String, CodingKey { case name, host, secondsAgo = "seconds_ago" }
    }

    /// Operators seen in the last `seconds`.
    public func active(within seconds: Double = 60) async throws -> [Operator] {
        let rows = try await database.client.query("""
            SELECT name, host, EXTRACT(EPOCH FROM clock_timestamp())::float8 - last_seen FROM operators
            WHERE last_seen > EXTRACT(EPOCH FROM clock_timestamp())::float8 - \(seconds) ORDER BY name
            """, logger: database.logger)
        var operators: [Operator] = []
        for try await (name, host, ago) in rows.decode((String, String, Double).self) {
            operators.append(Operator(name: name, host: host, secondsAgo: ago))
        }
        return operators
    }
}
