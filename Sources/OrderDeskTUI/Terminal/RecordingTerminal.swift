/// A terminal in memory: it hands out the keys a test queued, one per poll, and keeps what was
/// drawn as a cell buffer, so a test reads the screen the user would see. Like ratatui's
/// `TestBackend`, it lets the real loop run without a tty.
final class RecordingTerminal: Terminal {
    private(set) var size: (width: Int, height: Int)
    let colorMode = ColorMode.monochrome
    let localeWarning: SetupWarning? = nil
    /// What is on screen after the last `draw`.
    private(set) var screen: CellBuffer
    private var pending: [TerminalInput] = []

    init(width: Int, height: Int) {
        size = (width, height)
        screen = CellBuffer(width: width, height: height)
    }

    func queue(_ inputs: [TerminalInput]) { pending += inputs }

    /// The window changes size; the loop hears of it at its next poll.
    func resize(width: Int, height: Int) {
        size = (width, height)
        pending.append(.resize)
    }

    var hasQueuedInput: Bool { !pending.isEmpty }

    /// Polls never wait: the test decides when the loop steps.
    func setPollInterval(milliseconds: Int32) {}

    func readKey() -> TerminalInput? { pending.isEmpty ? nil : pending.removeFirst() }

    func draw(_ runs: [CellRun], fullRedraw: Bool) {
        if fullRedraw || screen.width != size.width || screen.height != size.height {
            screen = CellBuffer(width: size.width, height: size.height)
        }
        for run in runs { _ = screen.put(run.text, x: run.x, y: run.y, style: run.style) }
    }

    func shutdown() {}
}
