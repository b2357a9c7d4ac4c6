import Foundation
import OrderKit

/// The backlog since the outbox was last empty: what the status bar and the activity panel
/// count (`7/20 accepted · 1 failed · ~7 s`). "Accepted" is only what the server said yes to.
/// Once everything has an outcome it stays as a summary until dismissed or a new batch starts.
public struct OutboxProgress: Equatable, Sendable {
    public private(set) var entries: Set<Int64> = []
    public private(set) var accepted: Set<Int64> = []
    /// Failed or refused.
    public private(set) var notAccepted: Set<Int64> = []

    public var total: Int { entries.count }
    public var done: Int { accepted.count + notAccepted.count }
    public var remaining: Int { total - done }
    public var isFinished: Bool { remaining == 0 }

    /// Applies one entry's new state. False when the entry is new work but this batch is over:
    /// the caller starts a new batch.
    mutating func record(_ id: Int64, _ state: OutboxState) -> Bool {
        if !entries.contains(id) {
            // An outcome for an entry never seen queued or sending is not work of this batch.
            if state.isFinal { return true }
            if isFinished && total > 0 { return false }
            entries.insert(id)
        }
        accepted.remove(id)
        notAccepted.remove(id)
        switch state {
        case .sent: accepted.insert(id)
        case .failed, .refused: notAccepted.insert(id)
        case .queued, .sending: break
        }
        return true
    }

    /// Seconds until the backlog drains at `perSecond` requests a second.
    func secondsLeft(perSecond: Double) -> Double {
        perSecond > 0 ? Double(remaining) / perSecond : 0
    }
}

extension ActivityUpdate {
    /// Counts an entry's new state in the current batch, starting a new batch when the last one
    /// had finished and this entry is new work.
    static func count(_ state: inout AppState, _ entry: OutboxActivity) {
        var progress = state.progress ?? OutboxProgress()
        if !progress.record(entry.id, entry.state) {
            progress = OutboxProgress()
            _ = progress.record(entry.id, entry.state)
        }
        state.progress = progress.total > 0 ? progress : state.progress
        if state.progress?.isFinished == true, state.message?.aboutQueuedChanges == true { state.message = nil }
    }
}
