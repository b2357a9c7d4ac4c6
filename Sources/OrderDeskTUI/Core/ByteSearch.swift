#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over bytes: `memchr` finds candidates for the first byte, `memcmp` checks
/// the rest. (glibc's `memmem` is hidden behind `_GNU_SOURCE`, which Swift does not define.)
enum ByteSearch {
    static func find(_ base: UnsafePointer<UInt8>, count: Int, _ needle: UnsafePointer<UInt8>, _ needleCount: Int) -> Int? {
        guard needleCount > 0, count >= needleCount else { return needleCount == 0 ? 0 : nil }
        let first = Int32(needle[0])
        let lastStart = count - needleCount
        var offset = 0
        while offset <= lastStart {
            guard let hit = memchr(base + offset, first, lastStart - offset + 1) else { return nil }
            let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if needleCount == 1 || memcmp(base + position + 1, needle + 1, needleCount - 1) == 0 { return position }
            offset = position + 1
        }
        return nil
    }
}
