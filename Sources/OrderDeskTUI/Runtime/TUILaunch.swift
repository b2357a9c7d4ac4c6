import Foundation

/// A running UI whose backend may not exist yet. The CLI starts the UI first, so the first
/// frame (with a loading line) is on screen at once and keys typed meanwhile are the app's,
/// then tells it how start-up goes and hands it the backend when there is one.
public final class TUILaunch: Sendable {
    let inbox = Inbox()
    let slot = BackendSlot()
    private let outcome = Completion()

    init() {}

    /// A start-up step for the loading line.
    public func progress(_ step: StartupStep) { inbox.push(.startup(step)) }

    /// Something start-up has to say (a config warning): shown as a message, not written over
    /// the drawing.
    public func note(_ text: String, isError: Bool) { inbox.push(.event(.notice(.startup(text, isError: isError)))) }

    /// The backend: the UI loads the list from it and works on from there.
    public func attach(_ backend: any TUIBackend) { slot.put(backend) }

    /// Start-up failed: the UI ends and gives the terminal back, so the caller can say why.
    public func abandon() async {
        inbox.requestStop()
        _ = try? await finished()
    }

    /// Returns when the UI has ended (the user quit, or a signal), terminal restored.
    public func finished() async throws {
        try await outcome.wait()
    }

    /// The same, blocking the calling thread.
    public func waitUntilFinished() throws {
        let done = DispatchSemaphore(value: 0)
        Task.detached { [outcome] in
            _ = try? await outcome.wait()
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    func end(_ error: (any Error)?) { outcome.finish(error) }
}

/// The backend, once the launcher has it; read by the UI thread between polls.
final class BackendSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var backend: (any TUIBackend)?

    func put(_ backend: any TUIBackend) { lock.withLock { self.backend = backend } }

    /// The backend, once: later calls return nil.
    func take() -> (any TUIBackend)? {
        lock.withLock {
            defer { backend = nil }
            return backend
        }
    }
}

/// The UI's end, awaited by any number of callers, before or after it happened.
final class Completion: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private(set) var error: (any Error)?
    private var waiters: [CheckedContinuation<Void, any Error>] = []

    func finish(_ error: (any Error)?) {
        let waiting = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
            guard !done else { return [] }
            done = true
            self.error = error
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let result: (any Error)?? = lock.withLock {
                if done { return .some(error) }
                waiters.append(continuation)
                return .none
            }
            if case .some(let error) = result {
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }
}
