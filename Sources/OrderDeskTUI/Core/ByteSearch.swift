#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over bytes. One byte: `memchr`. Longer: sixteen starts at a time whose last
/// two bytes are the needle's last two (two vector compares), `memcmp` for the whole. The last
/// two because a filter narrows as the operator types: every row still in play holds the query
/// typed so far, so the pair the last keystroke made is the one that tells rows apart ("sku-c",
/// over a million rows each holding "sku-", took 40 ms searched by "sk"). (glibc's `memmem` is
/// hidden behind `_GNU_SOURCE`, which Swift does not define.)
enum ByteSearch {
    static func find(_ base: UnsafePointer<UInt8>, count: Int, _ needle: UnsafePointer<UInt8>, _ needleCount: Int) -> Int? {
        guard needleCount > 0, count >= needleCount else { return needleCount == 0 ? 0 : nil }
        if needleCount == 1 {
            guard let hit = memchr(base, Int32(needle[0]), count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        let lastStart = count - needleCount
        let pair = needleCount - 2
        let first = needle[pair], second = needle[pair + 1]
        func matches(at start: Int) -> Bool { memcmp(base + start, needle, needleCount) == 0 }
        var start = 0
        let raw = UnsafeRawPointer(base)
        let firsts = SIMD16<UInt8>(repeating: first), seconds = SIMD16<UInt8>(repeating: second)
        // Starts start ..< start + 16; the second load reads up to start + pair + 16 ≤ count - 2.
        while start + 16 <= lastStart {
            let hits = (raw.loadUnaligned(fromByteOffset: start + pair, as: SIMD16<UInt8>.self) .== firsts)
                .& (raw.loadUnaligned(fromByteOffset: start + pair + 1, as: SIMD16<UInt8>.self) .== seconds)
            if any(hits) {
                for lane in 0..<16 where hits[lane] && matches(at: start + lane) { return start + lane }
            }
            start += 16
        }
        while start <= lastStart {
            if base[start + pair] == first, base[start + pair + 1] == second, matches(at: start) { return start }
            start += 1
        }
        return nil
    }
}
