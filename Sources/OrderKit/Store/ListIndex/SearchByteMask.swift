/// Which bytes a row's search text holds, as 64 bits: one bit for each of a–z and 0–9 (folded
/// text has no capitals), the other bytes sharing the remaining 28. A filter keeps only the rows
/// holding every byte of the query, and a one-letter or one-digit query is answered by the bit
/// alone, without reading any text.
public enum SearchByteMask {
    public static func bit(_ byte: UInt8) -> UInt64 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 1 << UInt64(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 1 << UInt64(26 + byte - UInt8(ascii: "0"))
        default: 1 << UInt64(36 + byte % 28)
        }
    }

    /// The byte has a bit of its own: a row's bit for it set means the row holds it.
    public static func isExact(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    public static func mask<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var mask: UInt64 = 0
        for byte in bytes { mask |= bit(byte) }
        return mask
    }
}
