import Foundation
import OrderKit

/// What one process tells the team about a budget it spent, on the `orderdesk_budgets` channel,
/// so every colleague's status bar shows the team's budget within a notification's delay.
///
/// Payloads are `<kind> start <seconds from now> <origin>` (a reservation on the shared
/// schedule, possibly ahead of now), `<kind> pause <origin>` (a 429 paused it) and
/// `<kind> changed <origin>` (the report ledger's count moved). The SQL that sends them writes
/// the same words (`PostgresSlotSchedules`, `TeamReportLedger`).
public struct TeamBudgetNotice: Equatable, Sendable {
    public static let channel = "orderdesk_budgets"

    public enum Event: Equatable, Sendable {
        case start(secondsFromNow: Double)
        case pause
        case changed
    }

    public var kind: BudgetKind
    public var event: Event
    public var origin: String

    public init(kind: BudgetKind, event: Event, origin: String) {
        self.kind = kind
        self.event = event
        self.origin = origin
    }

    /// Nil for anything else: a newer colleague's payload is ignored, not misread.
    public init?(payload: String) {
        let words = payload.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 2, let kind = BudgetKind(rawValue: words[0]) else { return nil }
        switch words[1] {
        case "start":
            guard words.count == 4, let seconds = Double(words[2]), seconds.isFinite else { return nil }
            self.init(kind: kind, event: .start(secondsFromNow: seconds), origin: words[3])
        case "pause" where words.count == 3:
            self.init(kind: kind, event: .pause, origin: words[2])
        case "changed" where words.count == 3:
            self.init(kind: kind, event: .changed, origin: words[2])
        default:
            return nil
        }
    }

    public var payload: String {
        switch event {
        case .start(let seconds): "\(kind.rawValue) start \(seconds) \(origin)"
        case .pause: "\(kind.rawValue) pause \(origin)"
        case .changed: "\(kind.rawValue) changed \(origin)"
        }
    }
}
