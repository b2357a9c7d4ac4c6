import Foundation

/// What the list filter (and `orders list --search`) compares: text lowercased, canonically decomposed, with the combining
/// diacritical marks (U+0300–U+036F) dropped, so `ramon` finds "Ramón" and `quinon` "Quiñones"
/// — and "é" typed one way finds it stored the other. Letters that are not a base letter plus a
/// mark (æ, ø, ß, ð, þ) stay as they are. The rows' text and the query are folded the same way.
public enum SearchFold {
    /// The definition, over Unicode scalars; `append` gives the same bytes faster for the text
    /// operators actually type (ASCII and Latin-1).
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Appends `fold(text)` as UTF-8. Worked on the bytes when every character is below U+0100
    /// (ids, SKUs, e-mails, phones, Spanish names); other text goes through `fold`.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        let end: Int? = bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            var read = start, write = start
            while read < buffer.count {
                let byte = buffer[read]
                if byte < 0x80 {
                    buffer[write] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                    read += 1
                    write += 1
                } else if byte == 0xC2 {
                    // U+0080–U+00BF: symbols and signs, none with a lower case or a decomposition.
                    // (A String is valid UTF-8: a continuation byte always follows.)
                    buffer[write] = byte
                    buffer[write + 1] = buffer[read + 1]
                    read += 2
                    write += 2
                } else if byte == 0xC3 {
                    let next = buffer[read + 1]
                    let base = latin1Letters[Int(next & 0x3F)]
                    if base != 0 {
                        buffer[write] = base
                        write += 1
                    } else {
                        buffer[write] = byte
                        // À–Þ lower by +0x20, except × (0x97); ß and the lower half stay.
                        buffer[write + 1] = next <= 0x9E && next != 0x97 ? next + 0x20 : next
                        write += 2
                    }
                    read += 2
                } else {
                    return nil
                }
            }
            return write
        }
        if let end {
            bytes.removeSubrange(end...)
        } else {
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: fold(text).utf8)
        }
    }

    public static func bytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return bytes
    }

    /// For U+00C0–U+00FF (by the low 6 bits of the second UTF-8 byte): the ASCII letter it folds
    /// to, or 0 when it keeps its own (lowercased) form.
    private static let latin1Letters: [UInt8] = {
        let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
        let n = UInt8(ascii: "n"), o = UInt8(ascii: "o"), u = UInt8(ascii: "u"), y = UInt8(ascii: "y")
        // À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
        let upper: [UInt8] = [a, a, a, a, a, a, 0, c, e, e, e, e, i, i, i, i, 0, n, o, o, o, o, o, 0, 0, u, u, u, u, y, 0, 0]
        // à á â ã ä å æ ç è é ê ë ì í î ï ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
        let lower: [UInt8] = [a, a, a, a, a, a, 0, c, e, e, e, e, i, i, i, i, 0, n, o, o, o, o, o, 0, 0, u, u, u, u, y, 0, y]
        return upper + lower
    }()
}
