/// Draws the whole frame for a state: the screen underneath, then any overlay, then the
/// message line and the budgets bar.
public enum ScreenView {
    public static func render(_ state: AppState, theme: Theme) -> CellBuffer {
        var buffer = CellBuffer(width: state.width, height: state.height, style: theme.style(.normal))
        render(state, theme: theme, into: &buffer)
        return buffer
    }

    /// Draws into an existing buffer of the right size (the runtime reuses one).
    public static func render(_ state: AppState, theme: Theme, into buffer: inout CellBuffer) {
        if buffer.width != state.width || buffer.height != state.height {
            buffer = CellBuffer(width: state.width, height: state.height, style: theme.style(.normal))
        } else {
            buffer.fill(y: 0, height: buffer.height, style: theme.style(.normal))
        }
        if let detail = state.detail {
            DetailView.render(detail, state, theme, into: &buffer)
        } else {
            ListView.render(state, theme, into: &buffer)
        }
        switch state.overlay {
        case .none: break
        case .help(let scroll): HelpView.render(scroll: scroll, state, theme, into: &buffer)
        case .budgets: BudgetsView.render(state, theme, into: &buffer)
        case .activity(let cursor): ActivityView.render(cursor: cursor, state, theme, into: &buffer)
        case .facets(let panel): FacetsView.render(panel, state, theme, into: &buffer)
        case .changeStatus(let dialog): StatusDialogView.render(dialog, state, theme, into: &buffer)
        case .addOutbound(let dialog): OutboundDialogView.render(dialog, state, theme, into: &buffer)
        case .report(let dialog): ReportDialogView.render(dialog, state, theme, into: &buffer)
        case .confirmQuit(let unsent): ConfirmQuitView.render(unsent: unsent, state, theme, into: &buffer)
        }
        StatusBarView.renderMessageLine(state, theme, into: &buffer)
        StatusBarView.renderBudgets(state, theme, into: &buffer)
    }
}
