import Foundation
import OrderKit

/// Numbers, money and times as the operator reads them: one locale (`[ui] locale`, resolved by
/// `UISettings.resolvedLocale`) and one zone (`[yuju] timezone`), for every screen.
///
/// Foundation formats the numbers (es_AR writes 69.575,00, es_MX and en 69,575.00). The list
/// draws a few dozen amounts per frame at any size of cache, so formatters are made once here
/// and each amount's text is kept once made (a cell must not cost a NumberFormatter call per
/// frame).
public final class DisplayFormats: @unchecked Sendable {
    /// `es_MX`, `es_AR`, `en_US`.
    public let localeIdentifier: String
    public let locale: Locale
    private let lock = NSLock()
    private let integers: NumberFormatter
    private let decimals: NumberFormatter
    private var amounts: [UInt64: String] = [:]
    private var integerTexts: [Int: String] = [:]

    /// Past this many distinct amounts the memo starts over (a few MB at most).
    private static let memoLimit = 50_000

    public init(locale identifier: String) {
        localeIdentifier = identifier
        locale = Locale(identifier: identifier)
        integers = NumberFormatter()
        integers.locale = locale
        integers.numberStyle = .decimal
        integers.maximumFractionDigits = 0
        decimals = NumberFormatter()
        decimals.locale = locale
        decimals.numberStyle = .decimal
        decimals.minimumFractionDigits = 2
        decimals.maximumFractionDigits = 2
    }

    /// The usual locale of a language, when none is configured.
    public static func defaultLocale(for language: Language) -> String { language == .es ? "es_MX" : "en_US" }

    /// Argentina's Spanish: "transportista" where Mexico says "paquetería".
    public var isArgentine: Bool { localeIdentifier == "es_AR" }

    /// 100000 → "100,000" (es_AR "100.000").
    public func grouped(_ value: Int) -> String {
        lock.withLock {
            if let known = integerTexts[value] { return known }
            let text = integers.string(from: NSNumber(value: value)) ?? String(value)
            if integerTexts.count >= Self.memoLimit { integerTexts.removeAll(keepingCapacity: true) }
            integerTexts[value] = text
            return text
        }
    }

    /// 1234.5 → "1,234.50" (es_AR "1.234,50"); "" for none.
    public func amount(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return lock.withLock {
            if let known = amounts[value.bitPattern] { return known }
            // Past a trillion no order is real: exponent form keeps the cell short.
            let text = abs(value) < 1e12 ? (decimals.string(from: NSNumber(value: value)) ?? String(value)) : String(format: "%.3g", value)
            if amounts.count >= Self.memoLimit { amounts.removeAll(keepingCapacity: true) }
            amounts[value.bitPattern] = text
            return text
        }
    }

    /// An amount with its currency's ISO code after it: "69.575,00 ARS". MXN and ARS both write
    /// `$`, so the code, not the symbol, tells them apart.
    public func money(_ value: Double?, currency: String?) -> String {
        let number = amount(value)
        guard let currency, !currency.isEmpty, !number.isEmpty else { return number }
        return number + " " + currency
    }

    // MARK: Times: `2025-06-10 10:00 UTC-6`, everywhere

    /// The zone as shown after a time: `UTC-6`, `UTC-3`, `UTC+5:30`, `UTC`.
    public static func zoneLabel(_ zone: TimeZone, at date: Date) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        let sign = seconds < 0 ? "-" : "+"
        return "UTC" + sign + String(minutes / 60) + (minutes % 60 == 0 ? "" : ":" + String(format: "%02d", minutes % 60))
    }

    /// A moment, as the wall clock in `zone` shows it, with the zone.
    public static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        wallClock(WireDate.formatFilter(date, in: zone)) + " " + zoneLabel(zone, at: date)
    }

    /// A vendor's date: Yuju's (and BRIDGE's) carry no zone and are wall-clock times in `zone`;
    /// one ending in `Z` (or an offset) is a moment, shown in `zone`. Unreadable text is shown
    /// as sent.
    public static func timestamp(wire text: String?, in zone: TimeZone) -> String {
        guard let text, !text.isEmpty else { return "" }
        let normalized = text.count > 10 && text.dropFirst(10).first == " " ? text.prefix(10) + "T" + text.dropFirst(11) : Substring(text)
        guard let parsed = WireDate.parse(String(normalized)) else { return text }
        if text.hasSuffix("Z") || hasOffset(text) {
            // `parse` drops the zone; a `+hh:mm` offset is rare enough to be read as UTC too.
            return timestamp(parsed, in: zone)
        }
        let instant = parsed.addingTimeInterval(-Double(zone.secondsFromGMT(for: parsed)))
        return wallClock(String(normalized)) + " " + zoneLabel(zone, at: instant)
    }

    /// `2025-06-10T10:00:00…` → `2025-06-10 10:00`; the date alone when `dateOnly`.
    public static func wallClock(_ text: String, dateOnly: Bool = false) -> String {
        guard text.utf8.count >= 10 else { return text }
        if dateOnly || text.utf8.count < 16 { return String(text.prefix(10)) }
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    private static func hasOffset(_ text: String) -> Bool {
        guard text.count > 19 else { return false }
        let tail = text.dropFirst(19)
        return tail.contains("+") || tail.contains("-")
    }
}
