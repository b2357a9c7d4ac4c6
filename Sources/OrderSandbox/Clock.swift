import Foundation
import OrderKit

/// The sandbox's notion of "now": real time plus an offset that `POST /_sandbox/clock` moves
/// forward. Every time-based rule reads this, never `Date()` directly, so a test can cross a
/// 24-hour window or a token expiry without waiting. A frozen clock moves only when told, so
/// tests of time-based rules do not depend on how busy the machine is.
struct SandboxClock: Sendable {
    private(set) var offset: TimeInterval = 0
    private let frozenAt: Date?

    init(frozen: Bool = false) { frozenAt = frozen ? Date() : nil }

    func now() -> Date { (frozenAt ?? Date()).addingTimeInterval(offset) }

    mutating func advance(seconds: TimeInterval) { offset += seconds }
    mutating func reset() { offset = 0 }
}

/// Fast formatting of the vendors' zone-less UTC timestamps. `DateFormatter` is far too slow
/// for seeding 100,000 orders, and these formats are fixed-width, so plain arithmetic does.
enum WireTime {
    /// `YYYY-MM-DDTHH:mm:ss`
    static func seconds(_ date: Date) -> String {
        let (day, secondOfDay, _) = split(date)
        return civilDate(day) + "T" + clock(secondOfDay)
    }

    /// `YYYY-MM-DDTHH:mm:ss.ffffff` (outbound records, as in seed 000)
    static func micro(_ date: Date) -> String {
        let (day, secondOfDay, micros) = split(date)
        return civilDate(day) + "T" + clock(secondOfDay) + "." + pad(micros, 6)
    }

    /// `YYYY-MM-DD`
    static func day(_ date: Date) -> String { civilDate(split(date).0) }

    /// Yuju writes wall-clock times of its own zone (`Assumed.yujuTimeZone`).
    private static func split(_ date: Date) -> (Int, Int, Int) {
        let local = date.timeIntervalSince1970 + Double(Assumed.yujuTimeZone.secondsFromGMT(for: date))
        let totalMicros = Int((local * 1_000_000).rounded(.down))
        let totalSeconds = totalMicros >= 0 ? totalMicros / 1_000_000 : (totalMicros - 999_999) / 1_000_000
        let micros = totalMicros - totalSeconds * 1_000_000
        let day = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        return (day, totalSeconds - day * 86_400, micros)
    }

    private static func clock(_ secondOfDay: Int) -> String {
        pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civilDate(_ daysSinceEpoch: Int) -> String {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
