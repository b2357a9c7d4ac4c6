import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderKit
import OrderSandbox
import Testing

/// quality.md, "secrets never in logs, errors, `--json`" and "hostile strings … nothing but
/// printable text reaches the terminal", for the real `orderdesk` binary: a configured profile
/// (config file and environment variables, not the sandbox shortcut) runs the commands that
/// use each credential at `--log-level trace`, through faults, refusals, bad credentials and a
/// dead server; and a vendor that answers with escape sequences in its texts and fields. Every
/// other command, and crash reports, are swept by `scripts/reliability-secrets.sh`.
@Suite(.serialized) struct CLISecretsAndHostileTextTests {
    struct Run { var status: Int32; var out: String; var err: String; var all: String { out + err } }

    static let secrets = [SandboxCredentials.yujuToken, SandboxCredentials.bridgeClientSecret, SandboxCredentials.datacrushApiKey]

    /// The process runs and is waited for on a thread of its own: blocking the cooperative pool
    /// (two threads here) would starve the in-process sandboxes of this and other tests.
    static func run(_ arguments: [String], home: String, environment: [String: String] = [:]) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(arguments, home: home, environment: environment) }) }.start()
        }
    }

    /// The binary with `arguments`, in `home` (its config and state under it), not started.
    static func process(_ arguments: [String], home: String, environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = CLICommandTests.binary
        process.arguments = arguments
        process.environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config", "PATH": "/usr/bin:/bin"]
            .merging(environment) { _, new in new }
        return process
    }

    static func runBlocking(_ arguments: [String], home: String, environment: [String: String]) throws -> Run {
        let process = process(arguments, home: home, environment: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    /// A config file naming every credential, owner-only as it should be.
    static func writeConfig(home: String, base: String, token: String? = SandboxCredentials.yujuToken,
                            secret: String? = SandboxCredentials.bridgeClientSecret, key: String? = SandboxCredentials.datacrushApiKey) throws {
        let folder = home + "/config/orderdesk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = "[yuju]\nbase_url = \"\(base)/yuju\"\n"
        if let token { text += "token = \"\(token)\"\n" }
        text += "[bridge]\nbase_url = \"\(base)/bridge\"\nclient_id = \"\(SandboxCredentials.bridgeClientId)\"\n"
        if let secret { text += "client_secret = \"\(secret)\"\n" }
        text += "channel_codes = { \"4301\" = \"YJ4301\", \"4308\" = \"YJ4308\", \"4312\" = \"YJ4312\", \"1311\" = \"YJ1311\" }\n"
        text += "[datacrush]\nbase_url = \"\(base)/datacrush\"\nportal_id = \(SandboxCredentials.datacrushPortalId)\n"
        if let key { text += "api_key = \"\(key)\"\n" }
        text += "[retry]\nmax_attempts = 4\nbase_delay_seconds = 0.05\nmax_delay_seconds = 0.2\n"
        let path = folder + "/config.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    static func faults(_ server: SandboxServer, _ body: String) async throws {
        var request = URLRequest(url: URL(string: server.baseURL + "/_sandbox/faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        _ = try await URLSession.shared.data(for: request)
    }

    @Test func noCommandEverPrintsACredential() async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 200, reportDelay: .milliseconds(200), bridgeApplyDelay: .milliseconds(100)))
        let home = NSTemporaryDirectory() + "od-secrets-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        var runs: [(String, Run)] = []
        func od(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
            let result = try await Self.run(arguments + ["--log-level", "trace"], home: home, environment: environment)
            runs.append((arguments.joined(separator: " "), result))
            return result
        }
        do {
            try Self.writeConfig(home: home, base: server.baseURL)
            let now = Date()
            let report = try await od(["report", "run", "--from", WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400)), "--to", WireDate.formatFilter(now), "--wait"])
            #expect(report.status == 0, "\(report.err.suffix(500))")
            #expect(report.err.contains("→ yuju"), "trace lines were written")
            let list = try await od(["orders", "list", "--status", "pending", "--json"])
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
            let numeric = try #require(orders.first { Int("\($0["id_order"]!)") != nil })
            let (id, channel) = ("\(numeric["id_order"]!)", "\(numeric["id_channel"]!)")
            let set = try await od(["status", "set", id, "--channel", channel, "--status", "ready_to_ship", "--carrier", "DHL", "--bridge"])
            #expect(set.status == 0, "\(set.err.suffix(500))")
            #expect(try await od(["status", "set", id, "--channel", channel, "--status", "delivered"]).status != 0)
            _ = try await od(["outbound", "add", id, "--channel", channel, "--status", "created", "--message", "m", "--reference", "R-1"])
            _ = try await od(["bridge", "status", "bridge0000000001", "--json"])
            _ = try await od(["datacrush", "push", id, "--channel", channel])
            // Faults: retries, drops and 5xx are logged at trace and debug (the api_key's URL too).
            try await Self.faults(server, #"{"error_rate": 0.5, "drop_rate": 0.3}"#)
            _ = try await od(["datacrush", "push", id, "--channel", channel])
            try await Self.faults(server, #"{"latency_ms": 0, "error_rate": 0, "drop_rate": 0, "force_429": false}"#)
            // Credentials from the environment instead of the file.
            try Self.writeConfig(home: home, base: server.baseURL, token: nil, secret: nil, key: nil)
            let environment = ["ORDERDESK_YUJU_TOKEN": SandboxCredentials.yujuToken, "ORDERDESK_BRIDGE_CLIENT_SECRET": SandboxCredentials.bridgeClientSecret,
                               "ORDERDESK_DATACRUSH_API_KEY": SandboxCredentials.datacrushApiKey]
            #expect(try await od(["orders", "refresh", id, "--channel", channel], environment: environment).status == 0)
            // Wrong credentials: refused, and the wrong ones are not printed either.
            try Self.writeConfig(home: home, base: server.baseURL, token: "wrong-token-1a2b", secret: "wrong-secret-3c4d", key: "wrong-key-5e6f")
            #expect(try await od(["orders", "refresh", id, "--channel", channel]).status != 0)
            #expect(try await od(["bridge", "status", "bridge0000000001"]).status != 0)
            #expect(try await od(["datacrush", "push", id, "--channel", channel]).status != 0)
            // A dead server: transport errors name the endpoint, not the URL with its api_key.
            try Self.writeConfig(home: home, base: "http://127.0.0.1:9")
            #expect(try await od(["datacrush", "push", id, "--channel", channel]).status != 0)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        #expect(runs.count >= 13)
        for (command, run) in runs {
            for secret in Self.secrets + ["wrong-token-1a2b", "wrong-secret-3c4d", "wrong-key-5e6f", "sbx."] {
                #expect(!run.all.contains(secret), "“\(secret)” printed by orderdesk \(command)")
                if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                    #expect(!run.all.contains(encoded), "“\(encoded)” printed by orderdesk \(command)")
                }
            }
        }
    }

    static func terminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || scalar.properties.generalCategory == .format
        }
    }

    /// A vendor whose error texts and order fields carry escape sequences: what the CLI prints
    /// for people (tables, progress, errors) is plain text, and `--json` escapes them.
    @Test func hostileVendorTextNeverReachesTheTerminalRaw() async throws {
        let hostile = #"Rechazado \u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u009b31m \u202eolleh\u202c \u0000 \u200bfin"#
        let order = #"{"id_shop":1,"id_channel":4301,"id_order":"777","status":"pending","total":1e300,"currency":"MX\u001b[5mN","#
            + #""payment_accredited_at":"2026-01-01T00:00:00","notes":"\#(hostile)","carrier":"\#(hostile)","#
            + #""customer":{"first_name":"\#(hostile)","last_name":"\u009b2J","email":"a@b"},"#
            + #""items":[{"id_item":"1","sku":"\#(hostile)","name":"\#(hostile)","quantity":9223372036854775807,"price":1,"status":"pending"},"#
            + #"{"id_item":"2","sku":"S2","name":"n","quantity":9223372036854775807,"price":1,"status":"pending"}]}"#
        let outbounds = #"[{"order_int_external_pk":"\#(hostile)","created_at":"2026-01-01T00:00:00.000000","id_channel":4301,"id_order":"777","#
            + #""module_name":"\#(hostile)","extra":{"\#(hostile)":"\#(hostile)"},"reference":"\#(hostile)","message":"\#(hostile)","status":"\#(hostile)","#
            + #""type":"order","actions":[]}]"#
        let server = try ScriptedHTTPServer { request in
            if request.hasPrefix("PUT /yuju/orders/status") { return ScriptedHTTPServer.http(400, #"{"message":"\#(hostile)"}"#) }
            if request.hasPrefix("GET /yuju/orders/outbounds") { return ScriptedHTTPServer.http(200, outbounds) }
            if request.hasPrefix("GET /yuju/orders/") { return ScriptedHTTPServer.http(200, order) }
            return ScriptedHTTPServer.http(503, "<h1>\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J caído</h1>")
        }
        defer { server.stop() }
        let home = NSTemporaryDirectory() + "od-hostile-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        try Self.writeConfig(home: home, base: server.baseURL)

        // At trace level, so the log lines (which quote vendor texts too) are checked as well.
        let refused = try await Self.run(["status", "set", "777", "--channel", "4301", "--status", "ready_to_ship", "--log-level", "trace"], home: home)
        #expect(refused.status != 0)
        #expect(refused.err.contains("Rechazado"), "the vendor's text is shown: \(refused.err)")
        let refreshed = try await Self.run(["orders", "refresh", "777", "--channel", "4301", "--log-level", "trace"], home: home)
        #expect(refreshed.status == 0, "\(refreshed.err)")
        var shown: [(String, Run)] = [("status set", refused), ("orders refresh", refreshed)]
        for arguments in [["orders", "list"], ["orders", "show", "777", "--channel", "4301"], ["outbound", "list", "777", "--channel", "4301"],
                          ["orders", "list", "--json"], ["orders", "show", "777", "--channel", "4301", "--json"],
                          ["outbound", "list", "777", "--channel", "4301", "--json"], ["queue"], ["queue", "--json"], ["budget"],
                          ["datacrush", "push", "777", "--channel", "4301"], ["bridge", "status", "bridge0000000001"]] {
            shown.append((arguments.joined(separator: " "), try await Self.run(arguments + ["--log-level", "trace"], home: home)))
        }
        for (command, run) in shown {
            #expect(Self.terminalSafe(run.all), "orderdesk \(command) printed \(run.all.unicodeScalars.filter { !Self.terminalSafe(String($0)) }.map { String($0.value, radix: 16) })")
            #expect(!run.all.contains("Fatal error"), "orderdesk \(command) crashed: \(run.err.prefix(300))")
        }
        // --json keeps the vendor's value: escaped, so a JSON reader gets it back exactly.
        let json = try #require(shown.first { $0.0 == "orders show 777 --channel 4301 --json" }?.1.out)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["notes"] as? String)?.contains("\u{202E}olleh\u{202C}") == true)
        #expect((object["notes"] as? String)?.contains("\u{9B}31m") == true)
    }
}
