import Dispatch
import Foundation
import OrderKit

/// The UI thread's loop: poll a key (50 ms), apply it and whatever the backend sent, redraw
/// what changed, start the effects. Everything curses happens here, on one thread.
final class UILoop {
    private let backend: any TUIBackend
    private let options: TUIOptions
    private let inbox = Inbox()

    init(backend: any TUIBackend, options: TUIOptions) {
        self.backend = backend
        self.options = options
    }

    func run() throws {
        let signals = installSignalHandlers()
        defer { restoreSignals(signals) }
        let terminal = try CursesTerminal(requestedMode: options.colorMode)
        defer { terminal.shutdown() }

        let (loadedTheme, themeWarning) = Theme.load(options.theme)
        var colorMode = terminal.colorMode
        if loadedTheme.name == "monochrome" { colorMode = .monochrome }
        let theme = loadedTheme.adapted(to: colorMode)
        let language = options.language ?? Language.fromEnvironment()
        let keyMap = KeyMap(overrides: options.keyBindings)
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, language: language, keyMap: keyMap,
                             isSandbox: backend.isSandbox, bridgeConfigured: backend.bridgeConfigured,
                             carriers: backend.carriers, defaultCarrier: backend.defaultCarrier)
        let warnings = [terminal.localeWarning, themeWarning].compactMap { $0 } + keyMap.problems
        if !warnings.isEmpty { state.message = StatusMessage(text: warnings.joined(separator: " · "), isError: true) }

        let runner = EffectRunner(backend: backend, inbox: inbox, text: state.text)
        let streams = startStreams()
        defer { streams.forEach { $0.cancel() } }
        for effect in [Effect.loadSummaries, .loadOutbox] { runner.run(effect) }

        var previous: CellBuffer?
        var frame = CellBuffer(width: 0, height: 0)
        var lastTick = Date()
        var dirty = true
        while !state.quitting && !inbox.shouldStop {
            var effects: [Effect] = []
            switch terminal.readKey() {
            case .key(let key)?:
                effects += Update.update(&state, .key(key))
                dirty = true
            case .resize?:
                let size = terminal.size
                effects += Update.update(&state, .resize(width: size.width, height: size.height))
                previous = nil
                dirty = true
            case nil:
                break
            }
            for action in inbox.drain() {
                effects += Update.update(&state, action)
                dirty = true
            }
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                effects += Update.update(&state, .tick(now))
                dirty = true
            }
            if dirty {
                ScreenView.render(state, theme: theme, into: &frame)
                terminal.draw(FrameDiff.runs(from: previous, to: frame), fullRedraw: previous == nil)
                previous = frame
                dirty = false
            }
            for effect in effects where effect != .quit { runner.run(effect) }
        }
    }

    private func startStreams() -> [Task<Void, Never>] {
        let backend = backend, inbox = inbox
        return [
            Task.detached {
                for await snapshots in backend.budgets() { inbox.push(.budgets(snapshots)) }
            },
            Task.detached {
                for await event in backend.events() { inbox.push(.event(event)) }
            },
        ]
    }

    /// Ctrl-C, `kill` and a closed terminal end the loop normally, so `endwin` always runs.
    private func installSignalHandlers() -> [DispatchSourceSignal] {
        let inbox = inbox
        return [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { inbox.requestStop() }
            source.resume()
            return source
        }
    }

    private func restoreSignals(_ sources: [DispatchSourceSignal]) {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }
}
