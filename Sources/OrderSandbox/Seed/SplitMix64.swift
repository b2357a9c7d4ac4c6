/// A small, fast, seedable generator: the sandbox's data must be the same for the same seed on
/// every machine and Swift version, which `SystemRandomNumberGenerator` cannot promise.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Lowercase hex of `count` random nibbles (report ids, tokens).
    mutating func hex(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        let digits = Array("0123456789abcdef")
        for _ in 0..<count { text.append(digits[Int(next() & 0xF)]) }
        return text
    }

    /// A lowercase version-4 UUID, as Yuju's outbound keys look (seed 000).
    mutating func uuid() -> String {
        var raw = Array(hex(32))
        raw[12] = "4"
        raw[16] = Array("89ab")[Int(next() & 3)]
        let s = String(raw)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }
}
