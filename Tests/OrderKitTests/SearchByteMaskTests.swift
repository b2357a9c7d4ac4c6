import Testing
@testable import OrderKit

/// The mask a filter trusts: a row lacking one of the query's bits lacks that byte, and for a
/// letter or digit the bit alone says whether the row holds it.
@Suite struct SearchByteMaskTests {
    static let texts: [[UInt8]] = ["", "ana núñez", "sku-caf-001", "+52 55 1234 5678", "(011) 4321", "σοφια", "日本語", "zoë@example.mx", "\u{1}\u{0}$\\"]
        .map { Array($0.utf8) }

    @Test func aRowHoldingAByteHasItsBit() {
        for text in Self.texts {
            let mask = SearchByteMask.mask(text)
            for byte in text { #expect(mask & SearchByteMask.bit(byte) != 0) }
        }
    }

    @Test func lettersAndDigitsHaveBitsOfTheirOwn() {
        for byte in UInt8.min...UInt8.max where SearchByteMask.isExact(byte) {
            for text in Self.texts {
                #expect((SearchByteMask.mask(text) & SearchByteMask.bit(byte) != 0) == text.contains(byte),
                        "byte \(byte) in \(String(decoding: text, as: UTF8.self))")
            }
        }
        #expect((UInt8.min...UInt8.max).count(where: SearchByteMask.isExact) == 36)
        let exactBits = (UInt8.min...UInt8.max).filter(SearchByteMask.isExact).map(SearchByteMask.bit)
        #expect(Set(exactBits).count == 36, "one bit each")
        #expect(!(UInt8.min...UInt8.max).contains { !SearchByteMask.isExact($0) && exactBits.contains(SearchByteMask.bit($0)) },
                "no other byte shares a letter's or digit's bit")
    }
}
