/// Which screen the keys go to: what the hint bar and `?` describe. An overlay takes the keys
/// from the screen under it, so it is the screen while it is open.
public enum Screen: String, CaseIterable, Sendable {
    case list, detail, changeStatus, outboundDialog, reportDialog, help, budgets, activity, facets, confirmQuit
}

extension AppState {
    public var screen: Screen {
        switch overlay {
        case .none: detail == nil ? .list : .detail
        case .help: .help
        case .budgets: .budgets
        case .activity: .activity
        case .facets: .facets
        case .changeStatus: .changeStatus
        case .addOutbound: .outboundDialog
        case .report: .reportDialog
        case .confirmQuit: .confirmQuit
        }
    }

    /// The screen `?` describes: the list or the detail under the help overlay.
    public var helpSubject: Screen { detail == nil ? .list : .detail }
}
