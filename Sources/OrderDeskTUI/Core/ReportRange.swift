import Foundation
import OrderKit

/// The report dialog's range, typed: `30` (the last 30 days), `2025-06-01` (from that day to
/// now) or `2025-05-01..2025-05-31` (both days whole). Typing beats one day per key press: 180
/// days is three keys, not 173.
public enum ReportRange: Equatable, Sendable {
    case days(Int)
    case dates(from: Date, to: Date?)

    /// The characters the field takes; anything else is not part of a range.
    static func accepts(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c == "-" || c == "." || c == " ") }

    public static func parse(_ text: String) -> ReportRange? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let days = Int(trimmed), days > 0 { return .days(days) }
        let parts = trimmed.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        let dates = (parts.count == 1 ? trimmed.split(separator: " ").map(String.init) : parts).filter { !$0.isEmpty }
        guard (1...2).contains(dates.count), dates.allSatisfy({ $0.count == 10 }) else { return nil }
        let parsed = dates.compactMap { WireDate.parse($0) }
        guard parsed.count == dates.count else { return nil }
        return .dates(from: parsed[0], to: parsed.count == 2 ? parsed[1] : nil)
    }

    /// The paid-date filter as Yuju's wall clock in `zone`: a `to` day is taken whole.
    public func filter(now: Date, zone: TimeZone) -> ReportRequest.DateRange {
        switch self {
        case .days(let days):
            return .init(from: WireDate.formatFilter(now.addingTimeInterval(-Double(days) * 86_400), in: zone),
                         to: WireDate.formatFilter(now, in: zone))
        case .dates(let from, let to):
            // Dates parse as wall clocks already (`WireDate`): no zone shift for them.
            let end = to.map { WireDate.formatFilter($0.addingTimeInterval(86_399)) } ?? WireDate.formatFilter(now, in: zone)
            return .init(from: WireDate.formatFilter(from), to: end)
        }
    }

    /// Whole days the filter covers (rounded up), to check against Yuju's 180 before a run is spent.
    public func spanDays(now: Date, zone: TimeZone) -> Int? {
        let range = filter(now: now, zone: zone)
        guard let from = range.from.flatMap(WireDate.parseFilter), let to = range.to.flatMap(WireDate.parseFilter) else { return nil }
        return Int((to.timeIntervalSince(from) / 86_400).rounded(.up))
    }
}
