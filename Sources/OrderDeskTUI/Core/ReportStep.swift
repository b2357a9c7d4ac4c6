import OrderKit

/// Where a report run stands, as the status bar shows it while it runs and the message line
/// when it ends. Yuju's own status names (`PROCESSING`) are shown as Yuju sends them.
public enum ReportStep: Hashable, Sendable {
    /// Asked for here; Yuju has not answered yet.
    case asked
    case requested(idReport: String)
    case status(idReport: String, ReportProgress.Status)
    case downloaded(idReport: String, bytes: Int)
    case importing(idReport: String, orders: Int)
    case imported(idReport: String, orders: Int, ids: Int, skipped: Int)
    /// `reason`: the run's failure as the report runner gave it.
    case failed(String)

    public init(_ event: ReportEvent) {
        switch event {
        case .requested(let id): self = .requested(idReport: id)
        case .status(let id, let status): self = .status(idReport: id, status)
        case .downloaded(let id, let bytes): self = .downloaded(idReport: id, bytes: bytes)
        case .importing(let id, let orders): self = .importing(idReport: id, orders: orders)
        case .imported(let id, let summary): self = .imported(idReport: id, orders: summary.orders, ids: summary.ids, skipped: summary.skipped)
        case .failed(let reason): self = .failed(reason)
        }
    }

    /// The run is over: its outcome takes the message line and the status bar lets it go.
    public var isFinal: Bool {
        switch self {
        case .imported, .failed: true
        default: false
        }
    }
}
