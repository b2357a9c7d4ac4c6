import Foundation
import Logging
import OrderKit

/// Hears what colleagues spend (`TeamBudgetNotice`) and counts it in this process's pacers and
/// report ledger, so what the status bar shows is the team's budget, not only this machine's.
/// Only for display: the shared schedule and ledger in PostgreSQL decide who may start.
public final class TeamBudgetWatch: Sendable {
    private let listening: Task<Void, Never>

    public init(
        database: TeamDatabase, origin: String, pacers: [BudgetKind: IntervalPacer], reportLedger: TeamReportLedger, logger: Logger
    ) {
        let (notices, received) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(256))
        listening = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        do { try await database.listen(on: TeamBudgetNotice.channel) { received.yield($0) } } catch {
                            if !Task.isCancelled { logger.info("team budgets: listening stopped (\(TeamDatabase.reason(error))); trying again") }
                        }
                        try? await Task.sleep(for: .seconds(1))
                    }
                    received.finish()
                }
                group.addTask {
                    for await payload in notices {
                        guard let notice = TeamBudgetNotice(payload: payload), notice.origin != origin else { continue }
                        switch notice.event {
                        case .start(let seconds):
                            await pacers[notice.kind]?.colleagueStarted(at: Date().addingTimeInterval(seconds))
                        case .pause:
                            await pacers[notice.kind]?.colleaguePaused()
                        case .changed:
                            if notice.kind == .yujuReport { await reportLedger.colleagueChanged() }
                        }
                    }
                }
            }
        }
    }

    public func stop() async {
        listening.cancel()
        await listening.value
    }
}
