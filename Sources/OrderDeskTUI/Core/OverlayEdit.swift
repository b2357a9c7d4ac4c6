/// One case of `Overlay`, as a way to read its value out and put it back: what lets a single
/// helper edit whichever overlay is open.
struct OverlayKind<Value> {
    let extract: (Overlay) -> Value?
    let embed: (Value) -> Overlay

    static var changeStatus: OverlayKind<StatusDialog> {
        .init(extract: { if case .changeStatus(let dialog) = $0 { dialog } else { nil } }, embed: Overlay.changeStatus)
    }
    static var addOutbound: OverlayKind<OutboundDialog> {
        .init(extract: { if case .addOutbound(let dialog) = $0 { dialog } else { nil } }, embed: Overlay.addOutbound)
    }
    static var report: OverlayKind<ReportDialog> {
        .init(extract: { if case .report(let dialog) = $0 { dialog } else { nil } }, embed: Overlay.report)
    }
    static var facets: OverlayKind<FacetsPanel> {
        .init(extract: { if case .facets(let panel) = $0 { panel } else { nil } }, embed: Overlay.facets)
    }
    static var help: OverlayKind<Int> {
        .init(extract: { if case .help(let scroll) = $0 { scroll } else { nil } }, embed: { .help(scroll: $0) })
    }
    static var activity: OverlayKind<Int> {
        .init(extract: { if case .activity(let cursor) = $0 { cursor } else { nil } }, embed: { .activity(cursor: $0) })
    }
}

extension AppState {
    /// Edits the open overlay when it is of `kind` (else nothing happens). `edit` may close it,
    /// or open another: only an overlay still of `kind` takes the edited value back.
    @discardableResult
    mutating func editOverlay<Value>(_ kind: OverlayKind<Value>, _ edit: (inout AppState, inout Value) -> [Effect]) -> [Effect] {
        guard let open = overlay, var value = kind.extract(open) else { return [] }
        let effects = edit(&self, &value)
        if let after = overlay, kind.extract(after) != nil { overlay = kind.embed(value) }
        return effects
    }
}
