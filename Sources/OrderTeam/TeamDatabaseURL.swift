import Foundation
import OrderKit

/// Where the team's PostgreSQL is: `postgres://user[:password]@host[:port]/database`. The password
/// comes from the URL or `ORDERDESK_DATABASE_PASSWORD` and is never part of `description`.
public struct TeamDatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var database: String
    public var password: Secret?

    public static let passwordVariable = "ORDERDESK_DATABASE_PASSWORD"
    public static let urlVariable = "ORDERDESK_DATABASE_URL"

    /// `password`: used when the URL has none.
    public init(_ text: String, password: Secret? = nil) throws(TeamError) {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme, ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw .badURL("the database URL must look like postgres://user@host:5432/database")
        }
        guard let host = parts.host, !host.isEmpty else { throw .badURL("the database URL names no host") }
        guard let user = parts.user, !user.isEmpty else { throw .badURL("the database URL names no user (postgres://USER@\(host)/…)") }
        let database = String(parts.path.drop { $0 == "/" })
        self.host = host
        self.port = parts.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.database = database.isEmpty ? self.username : (database.removingPercentEncoding ?? database)
        self.password = parts.password.map { Secret($0.removingPercentEncoding ?? $0) } ?? password
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}

/// Team mode's own failures, each one line for the operator; never a password.
public enum TeamError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    case badURL(String)
    case unreachable(url: String, reason: String)
    case lost(String)

    public var description: String {
        switch self {
        case .badURL(let reason): reason
        case .unreachable(let url, let reason): "team database \(url) is unreachable: \(reason)"
        case .lost(let reason): "team database lost: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
