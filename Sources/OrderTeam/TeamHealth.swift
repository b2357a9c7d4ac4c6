import Foundation
import OrderKit

/// Whether this member can reach the team's database, as the status bar says it.
public enum TeamConnection: Sendable, Hashable {
    case connected
    /// Why not: the server's words, or "no answer".
    case lost(String)
}

/// Asks the team's database every second and tells when it is lost and when it is back. The
/// pool reconnects by itself; this is what the operator sees meanwhile, and what refuses new
/// changes at once instead of after a timeout.
public final class TeamHealth: Sendable {
    public let changes = Broadcaster<TeamConnection>(buffer: 8)
    private let loop: Task<Void, Never>

    static let interval: Duration = .seconds(1)

    public init(_ database: TeamDatabase) {
        let changes = self.changes
        loop = Task {
            var last = TeamConnection.connected
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                let now: TeamConnection = await database.ping().map(TeamConnection.lost) ?? .connected
                // A lost server's reason may change while it stays lost: tell only the edges.
                let edge: Bool = switch (last, now) {
                case (.connected, .lost), (.lost, .connected): true
                default: false
                }
                if edge { changes.publish(now) }
                last = now
            }
        }
    }

    public func stop() { loop.cancel() }
}
