import OrderKit

/// The dot on rows a webhook notification changed since the operator last looked: set when a
/// notified row arrives, cleared once the operator's cursor is on it or its detail is open.
enum LiveMarks {
    static func mark(_ state: inout AppState, _ summaries: [OrderSummary]) {
        for summary in summaries { state.notified.insert(summary.key) }
    }

    /// After each key: what the operator is looking at is no longer news.
    static func looked(_ state: inout AppState) {
        guard !state.notified.isEmpty else { return }
        if let key = state.detail?.key { state.notified.remove(key) }
        if let key = state.currentSummary?.key { state.notified.remove(key) }
    }
}
