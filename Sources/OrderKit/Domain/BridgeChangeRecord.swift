import Foundation

/// One mirror of a Yuju status change to BRIDGE, as OrderDesk followed it: asked for, sent,
/// seen applied by the BRIDGE status query, refused, or not mirrored (a partial change).
public struct BridgeChangeRecord: Hashable, Sendable, Identifiable {
    public enum State: String, Hashable, Sendable, CaseIterable {
        case queued, sent, applied, failed
        case notMirrored = "not mirrored"
    }

    public var id: Int64
    public var key: OrderKey
    /// The outbox entry of the Yuju change this mirrors.
    public var statusEntryId: Int64?
    /// The outbox entry sending the BRIDGE change; nil when not mirrored.
    public var bridgeEntryId: Int64?
    public var bridgeChannel: String
    public var externalNumber: String
    /// Learnt from BRIDGE's success message; what the status query needs.
    public var internalNumber: String?
    public var targetState: BridgeState
    public var requestedAt: Date
    public var state: State
    public var lastChecked: Date?
    /// BRIDGE's text, or why the change was not mirrored.
    public var detail: String?

    public init(
        id: Int64, key: OrderKey, statusEntryId: Int64?, bridgeEntryId: Int64?, bridgeChannel: String, externalNumber: String,
        internalNumber: String?, targetState: BridgeState, requestedAt: Date, state: State, lastChecked: Date?, detail: String?
    ) {
        self.id = id
        self.key = key
        self.statusEntryId = statusEntryId
        self.bridgeEntryId = bridgeEntryId
        self.bridgeChannel = bridgeChannel
        self.externalNumber = externalNumber
        self.internalNumber = internalNumber
        self.targetState = targetState
        self.requestedAt = requestedAt
        self.state = state
        self.lastChecked = lastChecked
        self.detail = detail
    }

    /// One line for the operator: `BRIDGE: applied`, `BRIDGE: not mirrored, 3 items still
    /// pending`, `BRIDGE 1022: la orden no existe.` (a refusal keeps BRIDGE's code and text).
    public var outcomeText: String {
        switch state {
        case .notMirrored: return "BRIDGE: \(detail ?? state.rawValue)"
        case .failed:
            let text = detail ?? ""
            let startsWithCode = text.prefix(while: \.isNumber).count > 0 && text.drop(while: \.isNumber).hasPrefix(":")
            return startsWithCode ? "BRIDGE \(text)" : "BRIDGE: failed: \(text)"
        default: return "BRIDGE: \(state.rawValue)"
        }
    }
}

/// An order's BRIDGE history: OrderDesk's own records (newest first) and, when one of them
/// carries an internalNumber, BRIDGE's answer to the status query for it.
public struct BridgeOrderHistory: Hashable, Sendable {
    public var changes: [BridgeChangeRecord]
    public var live: BridgeStatusResponse?
    /// Why the status query failed, when it did (the records are still shown).
    public var liveError: String?

    public init(changes: [BridgeChangeRecord], live: BridgeStatusResponse? = nil, liveError: String? = nil) {
        self.changes = changes
        self.live = live
        self.liveError = liveError
    }
}
