import Foundation

/// Small, allocation-light formatting shared by the views and the detail's layout.
enum Format {
    /// 100000 → "100,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        guard digits.count > 3 else { return value < 0 ? "-" + digits : digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// 1234.5 → "1,234.50".
    static func amount(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        // Past a trillion the cents no longer fit an Int (and no order costs that): exponent form.
        guard abs(value) < 1e12 else { return String(format: "%.3g", value) }
        let cents = Int((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + grouped(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// "2025-03-04T12:30:59" → "2025-03-04 12:30" (or the date alone when narrow).
    static func wireDate(_ text: String?, dateOnly: Bool = false) -> String {
        guard let text, text.utf8.count >= 10 else { return text ?? "" }
        if dateOnly || text.utf8.count < 16 { return String(text.prefix(10)) }
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    /// Seconds as "4s", "3m05s", "2h14m".
    static func duration(_ seconds: Double) -> String {
        // Clamped to ten years, so a far-off date (or nan) never traps converting to Int.
        let total = seconds.isFinite ? max(0, Int(min(seconds, 315_360_000).rounded(.up))) : 0
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m"
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    /// At most `width` characters, cut with "…" (for our own one-column texts, e.g. headers).
    static func truncate(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        return width <= 0 ? "" : String(text.prefix(width - 1)) + "…"
    }

    /// Pads (or lets `put` clip) to a fixed width, right-aligned.
    static func right(_ text: String, _ width: Int) -> String {
        let w = text.count
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }
}
