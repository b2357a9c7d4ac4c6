import Foundation

/// The real UI loop, with a real backend, on a terminal in memory, stepped by a test: key →
/// update → effect → backend → inbox → frame, all in process. What the screen shows is read as
/// text, as the user would read it.
public final class TUIHarness {
    private let launch = TUILaunch()
    private let terminal: RecordingTerminal
    private let loop: UILoop

    public init(backend: any TUIBackend, options: TUIOptions = TUIOptions(language: .en), width: Int = 120, height: Int = 40) {
        terminal = RecordingTerminal(width: width, height: height)
        loop = UILoop(launch: launch, options: options, terminal: terminal)
        launch.attach(backend)
    }

    deinit { loop.stop() }

    /// Keys, read one per poll as from a keyboard.
    public func press(_ keys: Key...) { terminal.queue(keys.map(TerminalInput.key)) }

    /// Text, one key per character.
    public func type(_ text: String) { terminal.queue(text.map { .key(.char($0)) }) }

    public func resize(width: Int, height: Int) { terminal.resize(width: width, height: height) }

    /// The screen as text, one line per row.
    public var screen: String { terminal.screen.text }

    /// Steps the loop until every queued key is read and `condition` holds for the screen, or
    /// `timeout` passes (then the last screen is for the failure message). Between polls with
    /// nothing to read it sleeps a little, as the real poll waits.
    @discardableResult
    public func run(until condition: (String) -> Bool, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            loop.step()
            let idle = !terminal.hasQueuedInput
            if idle, condition(screen) { return true }
            if ContinuousClock.now >= deadline || !loop.isRunning { return false }
            if idle { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    /// The loop's streams end; the backend is the caller's to shut down.
    public func stop() { loop.stop() }
}
