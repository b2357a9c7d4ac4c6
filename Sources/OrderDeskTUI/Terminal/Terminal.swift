/// What the UI loop needs of a terminal. `CursesTerminal` is the real one; `RecordingTerminal`
/// stands in for it in tests, so the whole loop (key → effect → backend → frame) runs in process.
protocol Terminal: AnyObject {
    var size: (width: Int, height: Int) { get }
    var colorMode: ColorMode { get }
    /// Why text may show wrong (a locale that is not UTF-8); nil when all is well.
    var localeWarning: String? { get }
    /// How long `readKey` waits for a key, in milliseconds.
    func setPollInterval(milliseconds: Int32)
    /// One key or a resize, or nil when none came within the poll interval.
    func readKey() -> TerminalInput?
    /// Writes the runs of one frame and shows them in one update.
    func draw(_ runs: [CellRun], fullRedraw: Bool)
    /// Gives the terminal back as it was; called once, at the end.
    func shutdown()
}

/// What the terminal delivers besides keys.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize
}
