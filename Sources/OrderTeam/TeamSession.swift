import Foundation
import Logging
import OrderKit

/// One process's membership of a team: the database, the team-wide pacers built on it, and a
/// heartbeat that `team status` reads as "active in the last minute".
public final class TeamSession: Sendable {
    public let database: TeamDatabase
    public let operatorName: String
    /// Lost and back again, for the status bar.
    public let health: TeamHealth
    private let heartbeat: Task<Void, Never>

    /// Seconds between heartbeats; `team status` counts an operator active for a minute after one.
    static let heartbeatSeconds = 20.0

    private init(database: TeamDatabase, operatorName: String, heartbeat: Task<Void, Never>) {
        self.database = database
        self.operatorName = operatorName
        self.heartbeat = heartbeat
        self.health = TeamHealth(database)
    }

    /// Connects (one line and a throw when the server cannot be reached) and starts the heartbeat.
    public static func open(_ settings: TeamSettings, operatorName: String, logger: Logger) async throws -> TeamSession {
        let url = try TeamDatabaseURL(settings.databaseURL, password: settings.password)
        let database = try await TeamDatabase.connect(url, logger: logger)
        let presence = TeamPresence(database)
        try? await presence.beat(operatorName)
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(heartbeatSeconds))
                try? await presence.beat(operatorName)
            }
        }
        return TeamSession(database: database, operatorName: operatorName, heartbeat: heartbeat)
    }

    /// Yuju, BRIDGE and Datacrush paced team-wide, and the team's report-run ledger.
    public func pacers(for config: OrderDeskConfig) -> OrderDeskServices.Pacers {
        let schedules = PostgresSlotSchedules(database)
        return OrderDeskServices.Pacers(
            yuju: IntervalPacer(kind: .yujuGeneral, perSecond: config.yuju.requestsPerSecond, shared: schedules),
            bridge: IntervalPacer(kind: .bridge, perSecond: config.bridge?.requestsPerSecond ?? Assumed.bridgeRequestsPerSecond, shared: schedules),
            datacrush: IntervalPacer(
                kind: .datacrush, capacity: config.datacrush?.callsPerMinute ?? Assumed.datacrushCallsPerMinute, windowSeconds: 60, shared: schedules),
            report: TeamReportLedger(database, capacity: config.yuju.reportRunsPerDay, operatorName: operatorName))
    }

    public func close() async {
        heartbeat.cancel()
        health.stop()
        await database.close()
    }
}
