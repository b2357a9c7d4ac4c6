import Foundation

/// Runs a program to completion and collects what it printed: the built `orderdesk` for the CLI
/// and end-to-end tests, `openssl` for test certificates.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
        public var all: String { out + err }
    }

    /// The built `orderdesk`: `swift test` runs the test bundle from the build products folder,
    /// where the executable sits too (on macOS a few folders up, outside the `.xctest` bundle).
    public static var orderdesk: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("orderdesk").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("orderdesk")
    }

    /// Waited for on a thread of its own: blocking the cooperative pool (two threads on the
    /// build machines) would starve the in-process sandboxes of this and other tests.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: String? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result {
                    try runBlocking(executable, arguments, environment: environment, currentDirectory: currentDirectory)
                })
            }.start()
        }
    }

    /// For callers already on a thread of their own. `environment` nil inherits the test's.
    public static func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                                   currentDirectory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes at once: a child that fills one while the other is read would block forever.
        let errData = ReadToEnd(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData.wait(), as: UTF8.self))
    }
}

/// A pipe read to its end on a thread of its own.
private final class ReadToEnd: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// The semaphore orders the reader's write before this read.
    func wait() -> Data {
        done.wait()
        return data
    }
}
