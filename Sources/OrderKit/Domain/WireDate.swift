import Foundation

/// The date and time formats vendors use on the wire, all without a zone. Parsed as if UTC,
/// which compares wall-clock times correctly (a 180-day range stays 180 days across a daylight
/// saving change); `formatFilter(_:in:)` turns a moment into Yuju's wall clock.
public enum WireDate {
    private static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        f.isLenient = false
        return f
    }

    /// `YYYY-MM-DDTHH:mm:ss`: report filters, order dates.
    private static let seconds = formatter("yyyy-MM-dd'T'HH:mm:ss")
    /// `2024-09-23T18:55:58.968371`: outbound record timestamps.
    private static let micro = formatter("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
    /// `YYYY-MM-DD`: Datacrush `created_at`.
    private static let day = formatter("yyyy-MM-dd")
    private static let lock = NSLock()

    /// Parses a report filter date; nil unless it is exactly `YYYY-MM-DDTHH:mm:ss` and a real date.
    public static func parseFilter(_ text: String) -> Date? {
        guard text.utf8.count == 19 else { return nil }
        return lock.withLock { seconds.date(from: text) }
    }

    /// Parses any of the order-date forms the vendors use (seconds, fractions, a trailing `Z`).
    public static func parse(_ text: String) -> Date? {
        var t = text
        if t.hasSuffix("Z") { t.removeLast() }
        if let plus = t.range(of: "+", options: .backwards), plus.lowerBound > t.index(t.startIndex, offsetBy: min(10, t.count)) {
            t = String(t[..<plus.lowerBound])
        }
        if t.count > 19, let dot = t.firstIndex(of: ".") {
            let head = String(t[..<dot])
            return lock.withLock { seconds.date(from: head) }
        }
        return lock.withLock { t.count == 10 ? day.date(from: t) : seconds.date(from: t) }
    }

    public static func formatFilter(_ date: Date) -> String { lock.withLock { seconds.string(from: date) } }
    /// `YYYY-MM-DDTHH:mm:ss` as a wall clock in `zone` shows it: Yuju's filters and the times
    /// OrderDesk shows beside Yuju's dates.
    public static func formatFilter(_ date: Date, in zone: TimeZone) -> String {
        let wallClock = date.addingTimeInterval(Double(zone.secondsFromGMT(for: date)))
        return lock.withLock { seconds.string(from: wallClock) }
    }
    public static func formatMicro(_ date: Date) -> String { lock.withLock { micro.string(from: date) } }
    public static func formatDay(_ date: Date) -> String { lock.withLock { day.string(from: date) } }
}
