import OrderKit
import Testing

@Suite struct SplitMix64Tests {
    /// The reference outputs for seed 0 (Vigna's `splitmix64.c`): a mistyped constant still
    /// looks random, so only known values catch it (a copy with `…1CE5_E9B9` went unnoticed).
    @Test func matchesTheReferenceOutputs() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func theSameSeedGivesTheSameSequence() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        #expect((0..<100).map { _ in a.below(1_000) } == (0..<100).map { _ in b.below(1_000) })
        #expect(a.below(0) == 0 && a.below(-3) == 0)
    }
}
