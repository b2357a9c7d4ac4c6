import Foundation
import Logging

/// Follows a BRIDGE change Central accepted until the store's BRIDGE applies it: BRIDGE changes
/// are asynchronous (seed 003), so "accepted" is not "done". Asks the status query backing off
/// (1 s, doubling, about a minute in all) and records `applied` once the order shows the
/// target state. Runs beside the outbox worker, so a poll never holds up the next change.
actor BridgeApplyWatcher {
    /// Waits before each query: 1 + 2 + 4 + 8 + 16 + 32 = 63 s, "up to a minute" (spec/api.md).
    static let standardDelays: [Double] = [1, 2, 4, 8, 16, 32]

    private let bridge: BridgeClient?
    private let store: OrderStore
    private let clock: WallClock
    private let user: String
    private let delays: [Double]
    private let logger: Logger
    private var watching: [Int64: Task<Void, Never>] = [:]

    init(bridge: BridgeClient?, store: OrderStore, clock: WallClock, user: String, delays: [Double] = BridgeApplyWatcher.standardDelays, logger: Logger) {
        self.bridge = bridge
        self.store = store
        self.clock = clock
        self.user = user
        self.delays = delays
        self.logger = logger
    }

    /// Starts following the record (once; a second call while it is followed does nothing).
    func watch(_ recordId: Int64) {
        guard watching[recordId] == nil else { return }
        watching[recordId] = Task { [weak self] in
            await self?.follow(recordId)
            await self?.finished(recordId)
        }
    }

    /// Follows again every record left `sent` (by a previous run, or one that gave up).
    func resume() {
        guard let records = try? store.bridgeRecords(state: .sent) else { return }
        for record in records where record.internalNumber != nil { watch(record.id) }
    }

    /// Returns when nothing is being followed.
    func settle() async {
        while let task = watching.first?.value {
            await task.value
        }
    }

    func stop() async {
        let tasks = Array(watching.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    private func finished(_ recordId: Int64) { watching[recordId] = nil }

    private func follow(_ recordId: Int64) async {
        guard let bridge, let record = try? store.bridgeRecord(id: recordId), let number = record.internalNumber else { return }
        var seen = "—"
        for delay in delays {
            do { try await clock.sleep(delay) } catch { return }
            let now = clock.now()
            do {
                let status = try await bridge.status(internalNumber: number)
                seen = status.currentStatus ?? "—"
                // The current state, not the history: the history may hold the same state from
                // an earlier change, and BRIDGE accepted ours only because the order was elsewhere.
                if status.currentStatus == record.targetState.rawValue {
                    try? store.updateBridgeRecord(id: recordId, state: .applied, detail: "applied: BRIDGE shows \(seen)", checkedAt: now, user: user, at: now)
                    return
                }
                try? store.updateBridgeRecord(id: recordId, state: .sent, detail: record.detail, checkedAt: now, user: user, at: now)
            } catch is CancellationError {
                return
            } catch let error as ClientError where !error.outcomeUnknown && error.vendorCode != nil {
                // BRIDGE answered with a code (1022: no such order): asking again will not help.
                let detail = error.vendorCode.map { "\($0): \(error.vendorMessage ?? "")" } ?? error.description
                try? store.updateBridgeRecord(id: recordId, state: .failed, detail: detail, checkedAt: now, user: user, at: now)
                return
            } catch {
                logger.info("BRIDGE status of \(number): \(error); asking again later")
            }
        }
        let total = Int(delays.reduce(0, +))
        let now = clock.now()
        try? store.updateBridgeRecord(
            id: recordId, state: .sent, detail: "not applied after \(total) s (BRIDGE shows \(seen))", checkedAt: now, user: user, at: now)
    }
}
