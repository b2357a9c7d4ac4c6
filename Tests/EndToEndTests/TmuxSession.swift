import Foundation

/// Drives a real terminal program inside a detached tmux session, as a person would: type keys,
/// read the screen, resize. Each session has its own tmux server socket so tests never touch the
/// user's tmux.
final class TmuxSession: @unchecked Sendable {
    let name: String
    private let socket: String
    private let statusFile: String

    enum Failure: Error, CustomStringConvertible {
        case tmux(String)
        case timeout(String, screen: String)
        var description: String {
            switch self {
            case .tmux(let text): "tmux: \(text)"
            case .timeout(let what, let screen): "timed out waiting for \(what); screen was:\n\(screen)"
            }
        }
    }

    /// Starts `command` (run by /bin/sh) in a new `width`×`height` session with `environment` added.
    init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "od\(UInt32.random(in: 0...UInt32.max))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(name).sock").path
        let exports = environment.sorted { $0.key < $1.key }
            .map { "export \($0.key)=\(Self.shellQuote($0.value));" }.joined(separator: " ")
        statusFile = socket + ".status"
        // The shell writes the exit status to a file: tmux itself sometimes misses the child's
        // exit (seen with tmux 3.3a: pane dead, #{pane_dead_status} never set). It then stays
        // alive, so the terminal state the program left behind can still be read.
        try run(["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                 "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                 "\(exports) \(command); echo $? > \(Self.shellQuote(statusFile)); sleep 60"])
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    @discardableResult
    private func run(_ args: [String]) throws -> String {
        let environment = ProcessInfo.processInfo.environment.merging(["TERM": "xterm-256color"]) { _, new in new }
        let result = try Spawn.run(["tmux", "-S", socket] + args, environment: environment)
        guard result.status == 0 else { throw Failure.tmux(result.error) }
        return result.output
    }

    /// Keys in tmux `send-keys` notation: "j", "Enter", "Escape", "Space", "C-c", "PageDown".
    func send(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }

    /// Literal text, typed character by character.
    func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    /// The screen as plain text.
    func screen() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    /// The screen with escape sequences for attributes (what a terminal really received, as tmux
    /// renders it back).
    func screenWithEscapes() throws -> String { try run(["capture-pane", "-p", "-e", "-t", name]) }

    /// A tmux format evaluated for the pane, e.g. "#{alternate_on}".
    func format(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Waits until `predicate` holds for the screen, polling every 100 ms on a thread of its own:
    /// the suite's cooperative pool (one thread per core, two here) can be held for many seconds
    /// by CPU-heavy tests, and polling there missed short-lived screens and expired deadlines
    /// before the program was even looked at.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, _ predicate: @escaping @Sendable (String) throws -> Bool) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.poll(what, timeout: timeout, predicate) }) }.start()
        }
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 20) async throws -> String {
        try await waitFor("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    private func poll(_ what: String, timeout: TimeInterval, _ predicate: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if try predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure.timeout(what, screen: last)
    }

    /// Waits for the program to exit and returns its exit status.
    func waitForExit(timeout: TimeInterval = 10) async throws -> Int32? {
        var clock = StarvationProofDeadline(timeout)
        while !clock.hasPassed() {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8), text.hasSuffix("\n") {
                return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure.timeout("the program to exit", screen: (try? screen()) ?? "")
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// A deadline that does not count the time this test could not run. The whole suite shares a
/// cooperative pool of one thread per core (two here); CPU-heavy tests beside an end-to-end one
/// can hold it for many seconds, and a wall-clock deadline then expired before the program
/// under test was even looked at (seen as "timed out waiting for SANDBOX" on a blank screen).
struct StarvationProofDeadline {
    private var deadline: Date
    private var lastLook = Date()

    init(_ timeout: TimeInterval) { deadline = Date().addingTimeInterval(timeout) }

    /// Call once per poll: a gap well over the poll interval since the last call is time the
    /// test was starved, and moves the deadline by as much.
    mutating func hasPassed() -> Bool {
        let now = Date()
        let gap = now.timeIntervalSince(lastLook)
        if gap > 1 { deadline = deadline.addingTimeInterval(gap) }
        lastLook = now
        return now >= deadline
    }
}
