import OrderKit

/// Row number of each order key in `OrderIndex.rows`: open addressing over 32-bit row numbers,
/// the keys themselves read from the rows. At 100,000 rows a `[OrderKey: Int]` keeps 8 MiB of
/// buckets (24-byte keys, 8-byte values, 262,144 of them); this keeps 1 MiB.
struct RowTable: Sendable {
    private var slots: [Int32] = []
    private var mask = 0
    private(set) var count = 0

    init() {}

    /// Every row's key; when a key repeats, its first row.
    init(_ rows: [OrderSummary]) {
        allocate(forCount: rows.count)
        rows.withUnsafeBufferPointer { rows in
            for row in rows.indices { insertIfAbsent(row, rows) }
        }
    }

    func row(of key: OrderKey, in rows: [OrderSummary]) -> Int? {
        guard count > 0 else { return nil }
        var slot = key.hashValue & mask
        while true {
            let row = slots[slot]
            if row < 0 { return nil }
            if rows[Int(row)].key == key { return Int(row) }
            slot = (slot + 1) & mask
        }
    }

    /// Records `row` (already in `rows`) under its key, unless the key has a row already.
    mutating func insert(_ row: Int, in rows: [OrderSummary]) {
        if (count + 1) * 4 > slots.count * 3 {
            // Past three quarters full: twice the slots, every row placed again.
            let previous = slots
            allocate(forCount: max(count + 1, slots.count))
            rows.withUnsafeBufferPointer { rows in
                for old in previous where old >= 0 { insertIfAbsent(Int(old), rows) }
            }
        }
        rows.withUnsafeBufferPointer { insertIfAbsent(row, $0) }
    }

    private mutating func allocate(forCount count: Int) {
        var capacity = 16
        while capacity * 3 < count * 4 + 4 { capacity <<= 1 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        self.count = 0
    }

    private mutating func insertIfAbsent(_ row: Int, _ rows: UnsafeBufferPointer<OrderSummary>) {
        let key = rows[row].key
        var slot = key.hashValue & mask
        while slots[slot] >= 0 {
            if rows[Int(slots[slot])].key == key { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(row)
        count += 1
    }
}
