import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

extension ReliabilityEndToEndTests {
    /// quality.md, "hostile strings in any remote field (CSI, OSC 52, OSC 8, C1, bidi, NUL, 10 kB
    /// lines) → nothing but printable, width-correct text reaches the terminal", with the real
    /// binary: the sandbox's seeded hostile orders (names, notes, an outbound message) plus an
    /// outbound record and a carrier written with escape sequences in every field, shown in the list
    /// and in each order's detail. Checked three ways: every byte the program wrote (recorded by
    /// `script` between it and tmux), the screen as tmux drew it, and the list's column alignment.
    /// Also: no credential on any screen (list, detail, budgets, activity).
    @Suite struct HostileDataTests {
        static let payloads = ["ZWNobyBwd25lZA==", "ZXZpbA==", "evil.example", "[31m", "[2J", "[5m", "\u{202E}"]
        static let secrets = ["sandbox-token", "sandbox-secret", "sandbox-key"]

        @Test func hostileFieldsReachTheTerminalAsPlainAlignedText() async throws {
            // Seed 4: its eight hostile orders were all created within the 179 days the cache is
            // filled over (with seed 7 one is 193 days old since SplitMix64's constant was fixed),
            // and order 3, whose carrier is changed below, is pending.
            let sandbox = try await ReliabilityEndToEndTests.offThePool { try SandboxProcess(orders: 300, seed: 4) }
            let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_SANDBOX_URL": sandbox.baseURL])
            defer { OrderDeskBinary.removeIsolated(env) }
            let report = try await ReliabilityEndToEndTests.offThePool { try OrderDeskBinary.fillCache(environment: env) }
            #expect(report.status == 0, "report run: \(report.stderr)")

            // The seeder puts its hostile strings into orders 3 to 10 of the seeding order, whose
            // ids are 10000030…10000109 (order 7 is 21972000007-A).
            let listed = try await ReliabilityEndToEndTests.offThePool { try OrderDeskBinary.run(["orders", "list", "--json"], environment: env) }
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let hostile: [(id: String, channel: Int)] = orders.compactMap { order in
                guard let id = order["id_order"] as? String, let channel = order["id_channel"] as? Int else { return nil }
                let index = Int(id).map { ($0 - 10_000_000) / 10 }
                return (3...10).contains(index ?? -1) || id == "21972000007-A" ? (id, channel) : nil
            }.sorted { $0.id < $1.id }
            #expect(hostile.count == 8, "\(hostile)")

            // More remote fields, written through the vendor API: every outbound field of one order,
            // and the carrier of another.
            let target = try #require(hostile.first { $0.id.hasPrefix("1000004") })
            let carrierOrder = try #require(hostile.first)
            let escape = #"\u001b"#
            let outbound = #"{"status":"\#(escape)[5mX\u009b2J","message":"Guía \#(escape)]52;c;ZXZpbA==\u0007 \u202eolleh\u202c","type":"order","#
                + #""reference":"R\u0000\u200b-1","channel_id":\#(target.channel),"#
                + #""module_name":"\#(escape)]8;;https://evil.example/\#(escape)\\mod\#(escape)]8;;\#(escape)\\","#
                + #""extra":{"\#(escape)[2Jk":"v\#(escape)[31m \#(String(repeating: "x", count: 10_000))"},"#
                + #""actions":[{"message":"\#(escape)[1mA","params":{"a":"\#(escape)[2J"},"name":"n\u009b"}]}"#
            let carrier = #"{"id_order":"\#(carrierOrder.id)","id_channel":\#(carrierOrder.channel),"status":"ready_to_ship","carrier":"DHL \#(escape)]52;c;ZXZpbA==\u0007\u202eX"}"#
            let refreshed = try await ReliabilityEndToEndTests.offThePool {
                let answers = [try Self.yuju(sandbox, "POST", "/yuju/orders/outbounds?id_channel=\(target.channel)&id_order=\(target.id)", outbound),
                               try Self.yuju(sandbox, "PUT", "/yuju/orders/status", carrier)]
                return (answers, try OrderDeskBinary.run(["orders", "refresh", carrierOrder.id, "--channel", String(carrierOrder.channel)], environment: env))
            }
            for answer in refreshed.0 { #expect(!answer.contains("\"message\":\"Error"), "\(answer)") }
            #expect(refreshed.1.status == 0, "\(refreshed.1.stderr)")

            let log = FileManager.default.temporaryDirectory.appendingPathComponent("od-hostile-\(UUID().uuidString).log").path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let tui = try TmuxSession(command: TerminalBytes.recordingCommand(log: log), width: 120, height: 40, environment: env)
            try await tui.waitFor("the order list") { $0.contains("SANDBOX") && $0.contains("orders") && $0.contains("pending") }
            var screens: [(String, String)] = []

            // The hostile orders side by side: ids 100000xx. Every status word sits under “Status”.
            try tui.send("/")
            try tui.type("100000")
            try tui.send("Enter")
            let list = try await tui.waitFor("the hostile rows") { screen in
                let rows = screen.split(separator: "\n").filter { $0.contains("  100000") }
                return rows.count >= 5 && screen.contains("Rojo")
            }
            screens.append(("list", list))
            let lines = list.split(separator: "\n", omittingEmptySubsequences: false)
            let header = try #require(lines.first { $0.contains("Status") && $0.contains("Order") })
            let statusColumn = try #require(TerminalBytes.column(of: "Status", in: header))
            #expect(lines.filter { $0.contains("  100000") }.count >= 5)
            for line in lines where line.contains("  100000") {
                let word = ["pending", "ready_to_ship", "shipped", "delivered", "canceled"].first { line.contains(" \($0)") }
                let column = word.flatMap { TerminalBytes.column(of: " \($0)", in: line) }.map { $0 + 1 }
                #expect(column == statusColumn, "status out of its column in \(line.debugDescription)")
            }

            // Each order's detail: header, items, notes, outbound history.
            for order in hostile {
                // Esc clears the filter (a lone Esc: sent with the next key, curses could read Alt+key).
                try tui.send("Escape")
                try await tui.waitFor("the unfiltered list") { !$0.contains(" / ") }
                try tui.send("/")
                try tui.type(order.id)
                try tui.send("Enter", "Enter")
                var detail = try await tui.waitFor("the detail of \(order.id)") { screen in
                    screen.contains("\(order.channel)/\(order.id)") && screen.contains("Outbound history") && screen.contains("SANDBOX")
                }
                if order == target { detail = try await tui.waitFor("the injected record") { $0.contains("olleh") } }
                screens.append((order.id, detail))
                screens.append((order.id + " with attributes", try tui.screenWithEscapes()))
                try tui.send("Escape")
                try await tui.waitFor("the list again") { !$0.contains("Outbound history") }
            }
            for (key, title) in [("b", "Budgets"), ("a", "Activity")] {
                try tui.send(key)
                screens.append((title, try await tui.waitFor("the \(title) panel") { $0.localizedCaseInsensitiveContains(title) }))
                try tui.send("Escape")
                try await tui.waitFor("the panel closed") { !$0.localizedCaseInsensitiveContains(title) }
            }
            try tui.send("q")
            #expect(try await tui.waitForExit() == 0)

            for (name, screen) in screens {
                for payload in Self.payloads + Self.secrets { #expect(!screen.contains(payload), "\(name) shows “\(payload)”") }
                let plain = screen.replacingOccurrences(of: #"\x1B\[[0-9;]*m"#, with: "", options: .regularExpression)
                let rows = plain.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(rows.count <= 41, "\(name): \(rows.count) lines")
                for row in rows { #expect(TerminalBytes.columns(row) <= 120, "\(name): \(TerminalBytes.columns(row)) columns in \(row.debugDescription)") }
                #expect(rows.contains { $0.hasPrefix(" SANDBOX") }, "\(name): the status bar is on screen, not pushed off: \(rows.suffix(3))")
            }
            let bytes = try TerminalBytes.read(log)
            #expect(bytes.count > 10_000, "the recording holds the session")
            let problems = TerminalBytes.problems(in: bytes)
            #expect(problems.isEmpty, "\(problems.count) unexpected sequences, e.g. \(problems.prefix(10))")
            let text = String(decoding: bytes, as: UTF8.self)
            for payload in Self.payloads + Self.secrets { #expect(!text.contains(payload), "the program wrote “\(payload)”") }
        }

        /// The byte check itself: it does see what it must refuse.
        @Test func theByteCheckRefusesWhatItMust() {
            for bad in ["a\u{1B}]52;c;eA==\u{07}", "\u{1B}]8;;http://x\u{1B}\\", "\u{1B}P1$r\u{1B}\\", "\u{1B}_x", "x\u{9B}2J", "\u{202E}", "n\u{0}",
                        "\u{1B}[31;1;4;5Q", "\u{7F}", "\u{200B}"] {
                #expect(!TerminalBytes.problems(in: Array(bad.utf8)).isEmpty, "\(bad.debugDescription)")
            }
            let curses = "\u{1B}[?1049h\u{1B}[1;1H\u{1B}[0;1;7m\u{1B}[39;49m\u{1B}[K\u{1B}(B\u{1B})0\u{0F}\u{1B}[2;38r\u{1B}M\u{1B}=Peña 日本 �\r\n"
            #expect(TerminalBytes.problems(in: Array(curses.utf8)).isEmpty)
        }

        /// An authenticated call to the sandbox's Yuju API, as a vendor-side change would be.
        static func yuju(_ sandbox: SandboxProcess, _ method: String, _ path: String, _ body: String) throws -> String {
            var request = URLRequest(url: URL(string: sandbox.baseURL + path)!)
            request.httpMethod = method
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("sandbox-token", forHTTPHeaderField: "Authorization")
            return "\(method) \(path): " + String(decoding: try SyncHTTP.send(request), as: UTF8.self)
        }
    }
}
