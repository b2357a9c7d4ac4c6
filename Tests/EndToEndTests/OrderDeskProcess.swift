import Foundation
import OrderDeskTestSupport

/// The built `orderdesk` binary and the isolated environment each end-to-end test runs it in.
enum OrderDeskBinary {
    static var url: URL { ProcessRunner.orderdesk }

    /// Fresh config and state folders, so a test never reads or writes the user's.
    static func isolatedEnvironment(extra: [String: String] = [:]) throws -> [String: String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-e2e-\(UUID().uuidString)")
        for sub in ["config", "state", "home"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        return [
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_STATE_HOME": root.appendingPathComponent("state").path,
            "HOME": root.appendingPathComponent("home").path,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        ].merging(extra) { _, new in new }
    }

    /// Removes the folders `isolatedEnvironment` made (each run leaves a few MiB of state).
    static func removeIsolated(_ environment: [String: String]) {
        guard let state = environment["XDG_STATE_HOME"] else { return }
        let root = URL(fileURLWithPath: state).deletingLastPathComponent()
        guard root.lastPathComponent.hasPrefix("orderdesk-e2e-") else { return }
        try? FileManager.default.removeItem(at: root)
    }

    /// Fills the cache as a script would: one `report run --wait` over the last 179 days.
    static func fillCache(environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let now = Date()
        return try run(["report", "run", "--from", format.string(from: now.addingTimeInterval(-179 * 86_400)), "--to", format.string(from: now), "--wait"],
                       environment: environment)
    }

    /// Runs `orderdesk args...` to completion, with the test's environment under `environment`.
    static func run(_ args: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ProcessRunner.runBlocking(url, args, environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
        return (result.status, result.out, result.err)
    }
}

/// `orderdesk sandbox` running as its own process, for tests that need to see the sandbox's
/// counters while OrderDesk talks to it.
final class SandboxProcess: @unchecked Sendable {
    let process = Process()
    private(set) var baseURL = ""

    init(orders: Int = 500, seed: Int = 7) throws {
        process.executableURL = OrderDeskBinary.url
        process.arguments = ["sandbox", "--port", "0", "--orders", String(orders), "--seed", String(seed)]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "listening on http://127.0.0.1:N".
        var line = Data()
        let handle = out.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://127.0.0.1:") else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "sandbox said: \(text)"])
        }
        baseURL = String(text[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// GET or POST a control route and decode the JSON answer.
    func control(_ method: String, _ path: String, body: String? = nil) throws -> Any {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let result = try SyncHTTP.send(request)
        return try JSONSerialization.jsonObject(with: result)
    }
}

import FoundationNetworking

/// A blocking HTTP call for test set-up: these tests run on threads of their own.
enum SyncHTTP {
    static func send(_ request: URLRequest) throws -> Data {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Data, Error> = .failure(URLError(.unknown))
        URLSession.shared.dataTask(with: request) { data, _, error in
            result = error.map { .failure($0) } ?? .success(data ?? Data())
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return try result.get()
    }
}
