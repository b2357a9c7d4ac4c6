import Foundation
import OrderKit

/// A line of the detail body: coloured segments.
struct StyledLine {
    var segments: [(String, ThemeRole)]
    init(_ segments: [(String, ThemeRole)]) { self.segments = segments }
    init(_ text: String, _ role: ThemeRole = .normal) { segments = [(text, role)] }
}

/// The detail body as lines: the view draws them, and `update` scrolls by how many there are.
/// Data with roles, not drawing, so it lives with the model.
enum DetailLayout {
    static func lines(_ detail: DetailState, _ state: AppState) -> [StyledLine] { build(detail, state).lines }

    /// Where each outbound record starts in `lines`, in `detail.outbounds` order (to scroll the
    /// picked one into view).
    static func outboundLines(_ detail: DetailState, _ state: AppState) -> [Int] { build(detail, state).outboundStarts }

    private static func build(_ detail: DetailState, _ state: AppState) -> (lines: [StyledLine], outboundStarts: [Int]) {
        let t = state.text
        var lines: [StyledLine] = []
        var outboundStarts: [Int] = []
        let summary = state.orders.summary(for: detail.key)
        let order = detail.order
        // Header.
        lines.append(StyledLine(t[.header], .title))
        let status = order?.status ?? summary?.status
        lines.append(StyledLine([("  \(t[.colChannel]) \(state.channelLabel(detail.key.idChannel)) · \(t[.colId]) ", .normal), (detail.key.idOrder, .normal),
                                 (" · ", .normal), (status.map(t.status) ?? "", status.map(ThemeRole.forStatus) ?? .normal)]))
        let customer = order?.customer
        lines.append(StyledLine("  \(t[.customer]): " + (customer?.fullName ?? summary?.customer ?? "")))
        let contact = [customer?.email, customer?.phone].compactMap { $0 }.filter { !$0.isEmpty }
        if !contact.isEmpty { lines.append(StyledLine("  \(t[.email])/\(t[.phone]): " + contact.joined(separator: " · "))) }
        let paid = state.timestamp(wire: order?.paymentAccreditedAt ?? summary?.paidAt)
        let currency = order?.currency ?? summary?.currency
        let total = state.formats.money(order?.total ?? summary?.total, currency: currency)
        lines.append(StyledLine("  \(t[.paid]): \(paid) · \(t[.total]): \(total) · \(t[.carrier]): \(order?.carrier ?? summary?.carrier ?? "—")"))
        if let outbox = summary?.outboxState {
            lines.append(StyledLine([("  \(t[.colOutbox]): ", .normal), (t.describe(outbox), ThemeRole.forOutbox(outbox))]))
        }
        if let notes = order?.notes, !notes.isEmpty { lines.append(StyledLine("  \(t[.notes]): " + notes)) }
        lines.append(StyledLine(""))

        // Items.
        let items = order?.items ?? []
        lines.append(StyledLine("\(t[.items]) (\(items.count))", .title))
        if order == nil { lines.append(StyledLine("  " + t[.loading], .dim)) }
        for item in items {
            let qty = "×\(item.quantity ?? 1)"
            lines.append(StyledLine([("  \(item.sku ?? item.idItem)  ", .normal), (item.name ?? "", .normal),
                                     ("  \(qty)  \(state.formats.money(item.price, currency: currency))  ", .dim),
                                     (item.status.map(t.status) ?? "", item.status.map(ThemeRole.forStatus) ?? .normal)]))
        }
        lines.append(StyledLine(""))

        // Outbound history, newest first.
        var heading = "\(t[.outboundHistory]) (\(detail.outbounds.count))"
        if detail.fetching { heading += " · " + t[.fetching] }
        lines.append(StyledLine(heading, .title))
        if let error = detail.fetchError { lines.append(StyledLine("  \(t[.fetchFailed]): \(t.describe(error))", .error)) }
        if detail.outbounds.isEmpty && !detail.fetching { lines.append(StyledLine("  " + t[.none], .dim)) }
        let selected = detail.selectedOutboundIndex
        for (index, record) in detail.outbounds.enumerated() {
            outboundStarts.append(lines.count)
            // The record `e` edits (picked with Tab) is marked.
            let marker: (String, ThemeRole) = index == selected ? ("▸ ", .title) : ("  ", .dim)
            lines.append(StyledLine([marker, ("\(state.timestamp(wire: record.createdAt))  ", .dim), (record.status, .info), ("  " + record.message, .normal)]))
            var meta = "    \(t[.reference]): \(record.reference)"
            if let module = record.moduleName { meta += " · \(t[.module]): \(module)" }
            meta += " · \(t[.updated]): \(state.timestamp(wire: record.updatedAt))"
            lines.append(StyledLine(meta, .dim))
            if let extra = record.extra, !extra.isEmpty {
                lines.append(extraLine(extra, t))
            }
            for action in record.actions {
                lines.append(StyledLine("    \(t[.actions]): \(action.name) — \(action.message)", .dim))
            }
        }
        lines.append(StyledLine(""))

        // BRIDGE, where configured.
        if state.bridgeConfigured {
            lines.append(StyledLine(t[.bridgeHistory], .title))
            if let bridge = detail.bridge {
                // OrderDesk's own mirrors first (what was asked, how it ended), then BRIDGE's view.
                for change in bridge.changes {
                    let role: ThemeRole = change.state == .failed ? .error : (change.state == .notMirrored ? .dim : .info)
                    let number = change.internalNumber.map { "  \($0)" } ?? ""
                    lines.append(StyledLine([("  \(state.timestamp(change.requestedAt))  → \(change.targetState.rawValue)  ", .normal),
                                             (change.state.rawValue, role), (number, .dim)]))
                    if let detail = change.detail, !detail.isEmpty, change.state != .applied {
                        lines.append(StyledLine("    " + detail, .dim))
                    }
                }
                if let live = bridge.live {
                    lines.append(StyledLine("  \(t[.current]): \(live.currentStatus ?? "—") \(live.currentStatusName.map { "(\($0))" } ?? "")"))
                    for entry in live.history ?? [] {
                        lines.append(StyledLine("  \(state.timestamp(wire: entry.createdDate))  \(entry.initialState) → \(entry.finalState)"))
                    }
                } else if let error = bridge.liveError {
                    lines.append(StyledLine("  \(t[.fetchFailed]): \(error)", .error))
                }
            } else {
                lines.append(StyledLine("  " + t[.none], .dim))
            }
            lines.append(StyledLine(""))
        }

        // This order's audit trail.
        lines.append(StyledLine("\(t[.auditTrail]) (\(detail.audit.count))", .title))
        if detail.audit.isEmpty { lines.append(StyledLine("  " + t[.none], .dim)) }
        for entry in detail.audit {
            // The outcome before the action: a long item list must not push it off the line.
            lines.append(StyledLine([("  \(state.timestamp(entry.at))  \(entry.user)  ", .dim),
                                     (entry.outcome, entry.outcome.hasPrefix("failed") ? .error : .info), ("  " + entry.action, .normal)]))
        }
        return (lines, outboundStarts)
    }
}

extension DetailLayout {
    /// The record's own extra fields first (a tracking URL must not be cut off), then
    /// OrderDesk's technical `orderdesk_request_id`, shortened, at the end where a narrow
    /// screen cuts it first.
    static func extraLine(_ extra: [String: JSONValue], _ t: L10n) -> StyledLine {
        func text(_ key: String) -> String { extra[key]?.stringValue ?? extra[key]?.encodedString() ?? "" }
        let own = extra.keys.sorted().filter { $0 != Assumed.outboundRequestIdField }
        var segments: [(String, ThemeRole)] = [("    \(t[.extra]): " + own.map { "\($0)=\(text($0))" }.joined(separator: ", "), .dim)]
        if extra[Assumed.outboundRequestIdField] != nil {
            segments.append(((own.isEmpty ? "" : " · ") + "\(t[.orderDeskId]) \(text(Assumed.outboundRequestIdField).prefix(8))", .dim))
        }
        return StyledLine(segments)
    }
}
