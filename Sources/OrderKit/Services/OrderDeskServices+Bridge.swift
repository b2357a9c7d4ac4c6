import Foundation

// The BRIDGE mirror as the TUI and the CLI read it: one place for the rules, the adapters only
// show what comes back.
extension OrderDeskServices {
    /// Whether changes can be mirrored with this config (the change dialog asks it too).
    public var bridgeMirrorGate: BridgeMirrorGate { BridgeMirrorGate(settings: config.bridge) }

    /// The order's mirrors, newest first, with BRIDGE's own history for the newest one BRIDGE
    /// named (BRIDGE is asked by internalNumber, which only its answer to a change tells).
    /// Nil when the order was never mirrored.
    public func bridgeHistory(_ key: OrderKey, live: Bool = true) async throws -> BridgeOrderHistory? {
        let changes = try store.bridgeRecords(for: key)
        guard !changes.isEmpty else { return nil }
        var history = BridgeOrderHistory(changes: changes)
        guard live, let bridge, let number = changes.lazy.compactMap(\.internalNumber).first else { return history }
        do {
            history.live = try await bridge.status(internalNumber: number)
        } catch {
            history.liveError = (error as? ClientError)?.description ?? String(describing: error)
        }
        return history
    }

    /// The mirrors of these Yuju changes (outbox ids), in the same order; nil where a change
    /// was not asked to be mirrored.
    public func bridgeOutcomes(statusEntries ids: [Int64]) throws -> [BridgeChangeRecord?] {
        try ids.map { try store.bridgeRecord(statusEntryId: $0) }
    }
}
