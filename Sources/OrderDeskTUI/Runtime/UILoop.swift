import Foundation
import OrderKit

/// The UI thread's loop: poll a key, apply it and whatever the backend sent, redraw what
/// changed, start the effects. It owns no process-wide concern (signals, the terminal's
/// lifetime, benchmark marks): the caller brings those, so a test can step the same loop on a
/// `RecordingTerminal`.
final class UILoop {
    private let launch: TUILaunch
    private let terminal: any Terminal
    private let hooks: LoopHooks
    private let theme: Theme
    private var inbox: Inbox { launch.inbox }
    private(set) var state: AppState

    private var runner: EffectRunner?
    private var streams: [Task<Void, Never>] = []
    /// Effects asked for before the backend is there wait for it.
    private var waiting: [Effect] = []
    private var previous: CellBuffer?
    private var frame = CellBuffer(width: 0, height: 0)
    private var lastTick = Date()
    private var dirty = true
    private var firstLoadedFrameSeen = false
    // Until the list has loaded (10 s at most), poll every millisecond: the rows arrive through
    // the inbox, which is only read between polls, and the first full frame should not wait.
    // Before the backend is there only keys and start-up steps come: the usual 50 ms (a 1 ms
    // poll would take CPU from the sandbox starting beside it on a small machine).
    private var pollingFast = false
    private var fastPollingEnds = Date()
    private var listJustLoaded = false
    /// Set by `Effect.quit`, the one way `update` ends the app.
    private var quitting = false

    init(launch: TUILaunch, options: TUIOptions, terminal: any Terminal, hooks: LoopHooks = LoopHooks()) {
        self.launch = launch
        self.terminal = terminal
        self.hooks = hooks
        let (loadedTheme, themeWarning) = Theme.load(options.theme)
        var colorMode = terminal.colorMode
        if loadedTheme.name == "monochrome" { colorMode = .monochrome }
        theme = loadedTheme.adapted(to: colorMode)
        let language = options.language ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
        let keyMap = KeyMap(overrides: options.keyBindings)
        let size = terminal.size
        // The backend's facts arrive with it (`backendReady`); until then a loading line.
        state = AppState(width: size.width, height: size.height, language: language, keyMap: keyMap, now: Date(), locale: options.locale)
        state.startup = .starting
        let warnings = [terminal.localeWarning, themeWarning].compactMap { $0 } + keyMap.problems
        if !warnings.isEmpty { state.message = StatusMessage(text: warnings.map { state.text.describe($0) }.joined(separator: " · "), isError: true) }
        terminal.setPollInterval(milliseconds: 50)
    }

    var isRunning: Bool { !quitting && !inbox.shouldStop }

    /// Until the user quits or the launcher asks it to stop.
    func run() {
        defer { stop() }
        while isRunning { step() }
    }

    /// The backend's streams end with the loop.
    func stop() {
        streams.forEach { $0.cancel() }
        streams = []
    }

    /// One poll: at most one key, everything the inbox holds, a redraw if anything changed,
    /// then the effects those asked for.
    func step() {
        var effects: [Effect] = []
        if runner == nil, let backend = launch.slot.take() {
            effects += Update.update(&state, .backendReady(BackendInfo(backend)))
            runner = EffectRunner(backend: backend, inbox: inbox)
            streams = startStreams(backend)
            effects += [.loadList, .loadOutbox] + waiting
            waiting = []
            terminal.setPollInterval(milliseconds: 1)
            pollingFast = true
            fastPollingEnds = Date().addingTimeInterval(10)
            dirty = true
        }
        if pollingFast && (state.loaded || Date() > fastPollingEnds) {
            pollingFast = false
            terminal.setPollInterval(milliseconds: 50)
        }
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
            if case .listLoaded = action { listJustLoaded = true }
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
            if state.loaded && !firstLoadedFrameSeen {
                firstLoadedFrameSeen = true
                hooks.firstLoadedFrame?()
            }
            if listJustLoaded {
                listJustLoaded = false
                hooks.listDrawn?()
            }
        }
        for effect in effects {
            // The loop stops after this step's other effects have started.
            if effect == .quit { quitting = true; continue }
            if let runner { runner.run(effect) } else { waiting.append(effect) }
        }
    }

    private func startStreams(_ backend: any TUIBackend) -> [Task<Void, Never>] {
        let inbox = inbox
        return [
            Task.detached {
                for await snapshots in backend.budgets() { inbox.push(.budgets(snapshots)) }
            },
            Task.detached {
                for await event in backend.events() { inbox.push(.event(event)) }
            },
        ]
    }
}

/// What the process around the loop wants to hear of it.
struct LoopHooks {
    /// After the first frame that shows the loaded list.
    var firstLoadedFrame: (() -> Void)?
    /// After a loaded list was drawn: a moment to give memory back.
    var listDrawn: (() -> Void)?
}
