import Foundation
import OrderKit

/// How the TUI looks and reads; the CLI fills this from the config file and flags.
public struct TUIOptions: Sendable {
    /// A name in `themes/` or a path to a `.toml` file; nil for the built-in default.
    public var theme: String?
    /// nil: from `LANG`.
    public var language: Language?
    /// Action name → key(s), e.g. `["change_status": "C", "quit": "x"]` (see `Command`).
    public var keyBindings: [String: String]
    /// nil: detect (256, 8, or none with `NO_COLOR`).
    public var colorMode: ColorMode?

    public init(theme: String? = nil, language: Language? = nil, keyBindings: [String: String] = [:], colorMode: ColorMode? = nil) {
        self.theme = theme
        self.language = language
        self.keyBindings = keyBindings
        self.colorMode = colorMode
    }
}

/// The TUI's entry point.
public enum OrderDeskTUIApp {
    /// Runs the console until the user quits (or SIGINT/SIGTERM/SIGHUP), then restores the
    /// terminal. Curses runs on its own thread; this call blocks the calling thread. From an
    /// async context use the `async` overload, which blocks no cooperative thread.
    public static func run(backend: any TUIBackend, options: TUIOptions) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        start(backend: backend, options: options) { error in
            outcome.error = error
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    public static func run(backend: any TUIBackend, options: TUIOptions) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            start(backend: backend, options: options) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    private final class Outcome: @unchecked Sendable { var error: (any Error)? }

    private static func start(backend: any TUIBackend, options: TUIOptions, finished: @escaping @Sendable ((any Error)?) -> Void) {
        let thread = Thread {
            do {
                try UILoop(backend: backend, options: options).run()
                finished(nil)
            } catch {
                finished(error)
            }
        }
        thread.name = "orderdesk-curses"
        thread.stackSize = 8 << 20
        thread.start()
    }
}
