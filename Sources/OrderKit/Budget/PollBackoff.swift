/// Waits between polls that double from `first` up to `max`: a slow report is asked about less
/// and less often, so polling never takes a fixed share of the request budget.
public struct PollBackoff: Sendable {
    private var current: Double
    private let max: Double

    public init(first: Double, max: Double) {
        current = Swift.max(0, first)
        self.max = Swift.max(current, max)
    }

    /// The next wait, in seconds.
    public mutating func next() -> Double {
        defer { current = Swift.min(current * 2, max) }
        return current
    }
}
