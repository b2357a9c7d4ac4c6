import Dispatch
import Foundation
import OrderKit

/// The UI thread's loop: poll a key (50 ms), apply it and whatever the backend sent, redraw
/// what changed, start the effects. Everything curses happens here, on one thread.
final class UILoop {
    private let launch: TUILaunch
    private let options: TUIOptions
    private var inbox: Inbox { launch.inbox }

    init(launch: TUILaunch, options: TUIOptions) {
        self.launch = launch
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
        // The backend's facts arrive with it (`backendReady`); until then a loading line.
        var state = AppState(width: size.width, height: size.height, language: language, keyMap: keyMap, locale: options.locale)
        state.startup = .starting
        let warnings = [terminal.localeWarning, themeWarning].compactMap { $0 } + keyMap.problems
        if !warnings.isEmpty { state.message = StatusMessage(text: warnings.joined(separator: " · "), isError: true) }

        var runner: EffectRunner?
        var streams: [Task<Void, Never>] = []
        defer { streams.forEach { $0.cancel() } }
        // Effects asked for before the backend is there wait for it.
        var waiting: [Effect] = []

        var previous: CellBuffer?
        var frame = CellBuffer(width: 0, height: 0)
        var lastTick = Date()
        var dirty = true
        // Benchmark hook (scripts/bench-tui.sh): after the first frame that shows the loaded list,
        // append "<CLOCK_REALTIME ns> <pid>" to this file. Unset: nothing happens.
        var firstFrameFile = ProcessInfo.processInfo.environment["ORDERDESK_FIRST_FRAME_FILE"]
        // Until the list has loaded (10 s at most), poll every millisecond: the rows arrive through
        // the inbox, which is only read between polls, and the first full frame should not wait.
        // Before the backend is there only keys and start-up steps come: the usual 50 ms (a
        // 1 ms poll would take CPU from the sandbox starting beside it on a small machine).
        terminal.setPollInterval(milliseconds: 50)
        var pollingFast = false
        var listJustLoaded = false
        var fastPollingEnds = Date()
        while !state.quitting && !inbox.shouldStop {
            var effects: [Effect] = []
            if runner == nil, let backend = launch.slot.take() {
                effects += Update.update(&state, .backendReady(BackendInfo(backend)))
                runner = EffectRunner(backend: backend, inbox: inbox, text: state.text)
                streams = startStreams(backend)
                effects += [.loadSummaries, .loadOutbox] + waiting
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
                if case .summariesLoaded = action { listJustLoaded = true }
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
                if let path = firstFrameFile, state.loaded {
                    firstFrameFile = nil
                    Self.markFirstFrame(path)
                }
                if listJustLoaded {
                    listJustLoaded = false
                    effects += Update.update(&state, .listDrawn)
                    // Loading 100,000 rows leaves several MiB freed but still held by malloc.
                    MallocTrim.releaseFreeMemory()
                }
            }
            for effect in effects where effect != .quit {
                if let runner { runner.run(effect) } else { waiting.append(effect) }
            }
        }
    }

    private static func markFirstFrame(_ path: String) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let line = "\(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)) \(getpid())\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        _ = line.withCString { write(fd, $0, strlen($0)) }
        close(fd)
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

/// glibc's `malloc_trim(0)`: gives freed heap pages back to the system. Looked up at run time
/// (Swift does not import <malloc.h>); a no-op where it does not exist.
enum MallocTrim {
    private typealias Function = @convention(c) (Int) -> Int32
    private static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    static func releaseFreeMemory() { _ = function?(0) }
}
