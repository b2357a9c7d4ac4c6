/// A row's search text, as the list filter scans it: id, customer, e-mail, phone, SKUs and
/// outbound references, each folded (`SearchFold`), 0x01 between fields and 0x00 at the end, so
/// a match never spans two fields. Written once into the list index for every row, and for the
/// rows that change after it.
public enum ListSearchText {
    public static let fieldSeparator: UInt8 = 1
    public static let rowEnd: UInt8 = 0

    public static func bytes(_ summary: OrderSummary) -> [UInt8] {
        var bytes: [UInt8] = []
        append(summary, to: &bytes)
        return bytes
    }

    /// A phone is there twice, the second time as its digits alone, so `5512345678` finds
    /// "+52 55 1234 5678".
    public static func append(_ summary: OrderSummary, to bytes: inout [UInt8]) {
        SearchFold.append(summary.key.idOrder, to: &bytes)
        bytes.append(fieldSeparator)
        SearchFold.append(summary.customer, to: &bytes)
        if !summary.email.isEmpty {
            bytes.append(fieldSeparator)
            SearchFold.append(summary.email, to: &bytes)
        }
        if !summary.phone.isEmpty {
            bytes.append(fieldSeparator)
            let start = bytes.count
            SearchFold.append(summary.phone, to: &bytes)
            let digits = bytes[start...].filter { $0 &- 0x30 < 10 }
            if digits.count != bytes.count - start, !digits.isEmpty {
                bytes.append(fieldSeparator)
                bytes.append(contentsOf: digits)
            }
        }
        for sku in summary.skus {
            bytes.append(fieldSeparator)
            SearchFold.append(sku, to: &bytes)
        }
        for reference in summary.references {
            bytes.append(fieldSeparator)
            SearchFold.append(reference, to: &bytes)
        }
        bytes.append(rowEnd)
    }

    /// The fields the text is made of: a row whose fields are equal keeps its text.
    public static func sameFields(_ a: OrderSummary, _ b: OrderSummary) -> Bool {
        a.key.idOrder == b.key.idOrder && a.customer == b.customer && a.email == b.email && a.phone == b.phone
            && a.skus == b.skus && a.references == b.references
    }
}
