import Foundation

/// Hands every value to any number of subscribers, each through its own `AsyncStream`.
/// A subscriber that falls behind keeps only the newest values.
public final class Broadcaster<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuations: [UUID: AsyncStream<Element>.Continuation] = [:]
    private var latest: Element?
    private let buffer: Int

    public init(buffer: Int = 64) { self.buffer = buffer }

    /// A new stream; it starts with the latest value, if any.
    public func subscribe() -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream<Element>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        let id = UUID()
        let current: Element? = lock.withLock {
            continuations[id] = continuation
            return latest
        }
        if let current { continuation.yield(current) }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ value: Element) {
        let targets = lock.withLock {
            latest = value
            return Array(continuations.values)
        }
        for continuation in targets { continuation.yield(value) }
    }

    public func finish() {
        let targets = lock.withLock {
            defer { continuations.removeAll() }
            return Array(continuations.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
