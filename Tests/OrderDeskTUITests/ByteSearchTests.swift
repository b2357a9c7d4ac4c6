import Testing
@testable import OrderDeskTUI

/// The vector search finds the first occurrence wherever it falls: in a vector step, across two,
/// in the scalar tail, at the very end; over a small alphabet, so candidates abound.
@Suite struct ByteSearchTests {
    static func naive(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func findsTheFirstOccurrenceAsAPlainSearchDoes() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("ab1".utf8)
        for _ in 0..<20_000 {
            let haystack = (0..<Int.random(in: 0...70, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let needle = (0..<Int.random(in: 1...5, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let found = haystack.withUnsafeBufferPointer { h in
                needle.withUnsafeBufferPointer { n in ByteSearch.find(h.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: h.count, n.baseAddress!, n.count) }
            }
            #expect(found == Self.naive(haystack, needle), "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: haystack, as: UTF8.self))")
            if found != Self.naive(haystack, needle) { return }
        }
    }
}
