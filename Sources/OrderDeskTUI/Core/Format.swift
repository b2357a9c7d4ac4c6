import Foundation

/// Small, allocation-light formatting shared by the views and the detail's layout (numbers,
/// money and times in the operator's locale and zone: `DisplayFormats`).
enum Format {
    /// Seconds as "4s", "3m05s", "2h14m".
    static func duration(_ seconds: Double) -> String {
        // Clamped to ten years, so a far-off date (or nan) never traps converting to Int.
        let total = seconds.isFinite ? max(0, Int(min(seconds, 315_360_000).rounded(.up))) : 0
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m"
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
