import Foundation
import Logging
import OrderKit
import Synchronization

/// One process's membership of a team: the database, the team-wide pacers built on it, and a
/// heartbeat that `team status` reads as "active in the last minute".
public final class TeamSession: Sendable {
    public let database: TeamDatabase
    public let operatorName: String
    /// Lost and back again, for the status bar.
    public let health: TeamHealth
    /// This process, in what it announces to the team.
    public let origin = UUID().uuidString.lowercased()
    private let heartbeat: Task<Void, Never>
    private let logger: Logger
    /// Counts colleagues' spending in the pacers `pacers(for:)` made.
    private let budgetWatch = Mutex<TeamBudgetWatch?>(nil)

    /// Seconds between heartbeats; `team status` counts an operator active for a minute after one.
    static let heartbeatSeconds = 20.0

    private init(database: TeamDatabase, operatorName: String, heartbeat: Task<Void, Never>, logger: Logger) {
        self.database = database
        self.operatorName = operatorName
        self.heartbeat = heartbeat
        self.logger = logger
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
        return TeamSession(database: database, operatorName: operatorName, heartbeat: heartbeat, logger: logger)
    }

    /// Yuju, BRIDGE and Datacrush paced team-wide, and the team's report-run ledger; what
    /// colleagues spend shows in them from now on.
    public func pacers(for config: OrderDeskConfig) -> OrderDeskServices.Pacers {
        let schedules = PostgresSlotSchedules(database, origin: origin)
        let yuju = IntervalPacer(kind: .yujuGeneral, perSecond: config.yuju.requestsPerSecond, shared: schedules)
        let bridge = IntervalPacer(kind: .bridge, perSecond: config.bridge?.requestsPerSecond ?? Assumed.bridgeRequestsPerSecond, shared: schedules)
        let datacrush = IntervalPacer(
            kind: .datacrush, capacity: config.datacrush?.callsPerMinute ?? Assumed.datacrushCallsPerMinute, windowSeconds: 60, shared: schedules)
        let report = TeamReportLedger(database, capacity: config.yuju.reportRunsPerDay, operatorName: operatorName, origin: origin)
        let watch = TeamBudgetWatch(
            database: database, origin: origin, pacers: [.yujuGeneral: yuju, .bridge: bridge, .datacrush: datacrush], reportLedger: report, logger: logger)
        let replaced = budgetWatch.withLock { current in
            defer { current = watch }
            return current
        }
        if let replaced { Task { await replaced.stop() } }
        return OrderDeskServices.Pacers(yuju: yuju, bridge: bridge, datacrush: datacrush, report: report)
    }

    public func close() async {
        if let watch = budgetWatch.withLock({ $0.take() }) { await watch.stop() }
        heartbeat.cancel()
        health.stop()
        await database.close()
    }
}
