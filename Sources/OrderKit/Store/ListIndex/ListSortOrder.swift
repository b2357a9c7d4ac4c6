/// Row orders for the list's integer sort keys (`PaidSortKey`), shared by the index builder and
/// the TUI's list.
public enum ListSortOrder {
    /// Rows ascending by key (descending when asked), equal keys in `tieLess` order (row order
    /// when nil), and reversed as a whole for descending: ties then come in reverse `tieLess`
    /// order, as a comparison sort with the tie-break flipped gives. Key and row share one
    /// UInt64, so the sort compares plain integers. nil when a key is `PaidSortKey.unpackable`
    /// or the rows do not fit beside the keys.
    public static func byKey(_ keys: UnsafeBufferPointer<Int64>, descending: Bool, tieLess: ((Int32, Int32) -> Bool)? = nil) -> [Int32]? {
        let count = keys.count
        let rowBits = max(1, Int.bitWidth - max(0, count - 1).leadingZeroBitCount)
        guard rowBits + PaidSortKey.bits + 1 <= 64 else { return nil }
        let rowMask: UInt64 = (1 << UInt64(rowBits)) - 1
        var packed = [UInt64](repeating: 0, count: count)
        let ok = packed.withUnsafeMutableBufferPointer { packed -> Bool in
            for row in 0..<count {
                let key = keys[row]
                guard key >= -1, key + 1 < 1 << Int64(PaidSortKey.bits) else { return false }
                packed[row] = UInt64(key + 1) << UInt64(rowBits) | UInt64(row)
            }
            return true
        }
        guard ok else { return nil }
        packed.sort()
        var order = packed.map { Int32(truncatingIfNeeded: $0 & rowMask) }
        if let tieLess {
            var start = 0
            while start < packed.count {
                var end = start + 1
                while end < packed.count && packed[end] >> UInt64(rowBits) == packed[start] >> UInt64(rowBits) { end += 1 }
                if end - start > 1 { order[start..<end].sort(by: tieLess) }
                start = end
            }
        }
        if descending { order.reverse() }
        return order
    }

    /// The same order for any comparable key (a comparison sort): rows ascending by key, ties by
    /// `tieLess`, both flipped for descending.
    public static func byComparable<Key: Comparable>(_ keys: [Key], descending: Bool, tieLess: (Int32, Int32) -> Bool) -> [Int32] {
        var order = Array(0..<Int32(keys.count))
        keys.withUnsafeBufferPointer { keys in
            order.sort { l, r in
                let a = Int(l), b = Int(r)
                if keys[a] != keys[b] { return (keys[a] < keys[b]) != descending }
                return descending ? tieLess(r, l) : tieLess(l, r)
            }
        }
        return order
    }
}
