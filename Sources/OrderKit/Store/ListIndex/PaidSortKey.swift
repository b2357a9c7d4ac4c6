/// The list's default sort key, the paid date (`paidAt ?? createdAt ?? ""`), as an integer with
/// the same order as the text when the text is "" or a `YYYY-MM-DDTHH:mm:ss` whose fields are in
/// range: the separators then sit at the same places in every value, and the fields, each
/// bounded, pack into fewer than 40 bits. Integers sort without a comparison closure (with the
/// row beside them in one UInt64) and sit in the list index as a column.
public enum PaidSortKey {
    /// The key of an empty text: before every date.
    public static let empty: Int64 = -1
    /// The key of a text of another shape: such rows are sorted by their text instead.
    public static let unpackable: Int64 = .min

    public static func text(_ summary: OrderSummary) -> String { summary.paidAt ?? summary.createdAt ?? "" }

    public static func key(_ summary: OrderSummary) -> Int64 { key(text(summary)) }

    /// Below 2^40: a row number of up to 24 bits fits beside it in a UInt64.
    public static let bits = 40

    public static func key(_ text: String) -> Int64 {
        var text = text
        return text.withUTF8 { bytes -> Int64 in
            if bytes.isEmpty { return empty }
            guard bytes.count == 19, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A
            else { return unpackable }
            var valid = true
            func number(_ from: Int, _ count: Int) -> Int64 {
                var value: Int64 = 0
                for position in from..<(from + count) {
                    let digit = bytes[position] &- 0x30
                    if digit >= 10 { valid = false }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            let year = number(0, 4), month = number(5, 2), day = number(8, 2)
            let hour = number(11, 2), minute = number(14, 2), second = number(17, 2)
            guard valid, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return unpackable }
            // Each field bounded, so the mixed radix keeps the text's order (Feb 31 included).
            let days = year * 372 + (month - 1) * 31 + (day - 1)
            return days * 86_400 + hour * 3_600 + minute * 60 + second
        }
    }
}
