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
    /// `es_MX`, `es_AR`, `en_US` (`UISettings.resolvedLocale`); nil: the language's usual one.
    public var locale: String?

    public init(theme: String? = nil, language: Language? = nil, keyBindings: [String: String] = [:], colorMode: ColorMode? = nil,
                locale: String? = nil) {
        self.locale = locale
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
        let launch = launch(options: options)
        launch.attach(backend)
        try launch.waitUntilFinished()
    }

    public static func run(backend: any TUIBackend, options: TUIOptions) async throws {
        let launch = launch(options: options)
        launch.attach(backend)
        try await launch.finished()
    }

    /// Starts the UI now, before there is a backend: it draws a loading line from the first
    /// frame and keeps the keys typed meanwhile. Hand it the backend with `attach`.
    public static func launch(options: TUIOptions) -> TUILaunch {
        let launch = TUILaunch()
        let thread = Thread {
            // The terminal is given back and the signals restored before anyone hears the UI ended.
            let signals = StopSignals(stopping: launch.inbox)
            var failure: (any Error)?
            do {
                let terminal = try CursesTerminal(requestedMode: options.colorMode)
                UILoop(launch: launch, options: options, terminal: terminal, hooks: .process()).run()
                terminal.shutdown()
            } catch {
                failure = error
            }
            signals.restore()
            launch.end(failure)
        }
        thread.name = "orderdesk-curses"
        thread.stackSize = 8 << 20
        thread.start()
        return launch
    }
}
