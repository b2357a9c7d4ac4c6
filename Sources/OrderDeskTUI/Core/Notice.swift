import OrderKit

/// Something the backend tells the operator unasked, worded by the views (`L10n`).
public enum Notice: Hashable, Sendable {
    /// Yuju took the change, but it was not mirrored to BRIDGE: `outcome` is the mirror's own
    /// record of why (`BridgeChangeRecord.outcomeText`).
    case notMirrored(OutboxChange, outcome: String)
    /// A change failed or was refused (`state`); `detail` is the vendor's text or the reason.
    case changeFailed(OutboxChange, OutboxState, detail: String)
    /// A line the CLI wrote while the UI started (a config warning): the CLI's own words.
    case startup(String, isError: Bool)

    public var isError: Bool {
        switch self {
        case .notMirrored: false
        case .changeFailed: true
        case .startup(_, let isError): isError
        }
    }
}
