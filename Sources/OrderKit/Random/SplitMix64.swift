/// A small, fast, seedable generator: the sandbox's data, the TUI's preview orders and the
/// fuzz tests' mutations must be the same for the same seed on every machine and Swift version,
/// which `SystemRandomNumberGenerator` cannot promise. The constants are Steele, Lea and
/// Flood's (Java's `SplittableRandom`); a mistyped one still looks random but is no longer
/// SplitMix64, which is how two copies drifted apart before there was one.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n, or 0 when `n` is not positive (an empty list to pick from is the caller's case to
    /// handle, not a trap here). The modulo bias is irrelevant at these sizes.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    /// Lowercase hex of `count` random nibbles (report ids, tokens).
    public mutating func hex(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        let digits = Array("0123456789abcdef")
        for _ in 0..<count { text.append(digits[Int(next() & 0xF)]) }
        return text
    }

    /// A lowercase version-4 UUID, as Yuju's outbound keys look (seed 000).
    public mutating func uuid() -> String {
        var raw = Array(hex(32))
        raw[12] = "4"
        raw[16] = Array("89ab")[Int(next() & 3)]
        let s = String(raw)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    public mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + below(range.count) }

    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }
}
