import Foundation

/// Timings in milliseconds and what the tables print about them.
struct Samples {
    private(set) var values: [Double] = []

    init(capacity: Int = 0) { values.reserveCapacity(capacity) }

    mutating func append(_ value: Double) { values.append(value) }
    mutating func append(contentsOf other: Samples) { values.append(contentsOf: other.values) }

    var count: Int { values.count }

    /// Nearest-rank percentile: the smallest sample with at least `p` of the samples at or below it.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }

    var median: Double { percentile(50) }
    var max: Double { values.max() ?? .nan }
    var min: Double { values.min() ?? .nan }
}

extension Duration {
    var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
    }
}

/// Times `body` in milliseconds on the monotonic clock.
@inline(__always)
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return (ContinuousClock.now - start).milliseconds
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double, _ decimals: Int = 3) -> String {
    value.isNaN ? "-" : String(format: "%.\(decimals)f", value)
}

/// Progress and notes go to stderr so `--json` stays clean on stdout.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
