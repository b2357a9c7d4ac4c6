import Foundation
@testable import OrderKit
import OrderDeskTestSupport
import Testing

/// quality.md, "malformed / truncated / huge responses (fuzzed)", at the HTTP level: every
/// client call gets answers no vendor should send — garbage, the wrong shape, cut short,
/// oversized, not HTTP at all, absurd headers — and must end with a `ClientError` that names the
/// endpoint, holds no credential, and never traps.
@Suite struct FuzzedResponseTests {
    static let token = "fuzz-token-7f3a"
    static let secret = "fuzz-secret-91c2"
    static let apiKey = "fuzz-key-55d0"

    /// A kind of bad answer, as a function of the request line.
    struct Answer: CustomTestStringConvertible, Sendable {
        var name: String
        /// When the vendor's own text (kept verbatim by the clients) may carry control characters.
        var vendorText = false
        var bytes: @Sendable (String) -> [UInt8]
        var testDescription: String { name }
    }

    static let garbage: [UInt8] = {
        var random = SplitMix64(seed: 42)
        return (0..<3000).map { _ in UInt8(truncatingIfNeeded: random.next()) } + Array("\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J".utf8)
    }()

    static let answers: [Answer] = [
        Answer(name: "random bytes, status 200") { _ in ScriptedHTTPServer.http(200, garbage) },
        Answer(name: "HTML with escapes, status 200") { _ in ScriptedHTTPServer.http(200, "<html>\u{1B}[31mHola\u{9B}2J</html>", headers: ["Content-Type: text/html"]) },
        Answer(name: "JSON null") { _ in ScriptedHTTPServer.http(200, "null") },
        Answer(name: "JSON of the wrong shape") { _ in ScriptedHTTPServer.http(200, #"[{"ack":"0","ok":"yes","token":7,"id_report":[],"result":{}}]"#) },
        Answer(name: "JSON numbers at the edges") { _ in
            ScriptedHTTPServer.http(200, #"{"ack":9223372036854775808,"ok":1e400,"message":-0,"id_report":1e308,"status":"COMPLETED","result":null}"#)
        },
        Answer(name: "body cut short") { _ in ScriptedHTTPServer.http(200, Array(#"{"ack":0,"message":"El cambio de est"#.utf8), contentLength: 4000) },
        Answer(name: "body larger than the limit") { _ in
            ScriptedHTTPServer.http(200, Array(("[" + String(repeating: #"{"message":"ok"},"#, count: 40_000) + "{}]").utf8))
        },
        Answer(name: "not HTTP") { _ in Array("SSH-2.0-OpenSSH_9.2\r\n\u{1B}[2J\r\n\r\n".utf8) },
        Answer(name: "connection closed at once") { _ in [] },
        Answer(name: "impossible status line") { _ in Array("HTTP/1.1 999999 ¿?\r\nContent-Length: 2\r\n\r\n{}".utf8) },
        Answer(name: "chunked encoding with a bad chunk") { _ in
            Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n".utf8)
        },
        Answer(name: "a 100 kB header") { _ in ScriptedHTTPServer.http(200, "{}", headers: ["X-Junk: " + String(repeating: "a", count: 100_000)]) },
        Answer(name: "503 with an HTML page") { _ in ScriptedHTTPServer.http(503, "<h1>\u{1B}[5mDown</h1>", headers: ["Content-Type: text/html"]) },
        Answer(name: "429 with Retry-After NaN") { _ in ScriptedHTTPServer.http(429, #"{"message":"slow down"}"#, headers: ["Retry-After: nan"]) },
        Answer(name: "429 with Retry-After 1e300") { _ in ScriptedHTTPServer.http(429, #"{"message":"slow down"}"#, headers: ["Retry-After: 1e300"]) },
        Answer(name: "429 with Retry-After -5") { _ in ScriptedHTTPServer.http(429, "{}", headers: ["Retry-After: -5"]) },
        Answer(name: "400 whose text carries escapes and the token", vendorText: true) { _ in
            ScriptedHTTPServer.http(400, #"{"message":"Rechazado \u001b]52;c;ZXZpbA==\u0007 \#(token) \#(apiKey)","ack":9999,"result":"fail","error":{"code":403,"message":"x \#(secret)"}}"#)
        },
        Answer(name: "echo of the credentials in a 500") { request in
            ScriptedHTTPServer.http(500, "request was \(request) with \(token) and \(secret)")
        },
    ]

    /// Every client call OrderDesk makes, against `base`.
    struct Clients {
        let transport: HTTPTransport
        let yuju: YujuClient
        let bridge: BridgeClient
        let datacrush: DatacrushClient

        init(base: String, clock: FakeClock) {
            transport = HTTPTransport(
                options: .init(requestTimeout: 5, connectTimeout: 2, maxBodyBytes: 256 << 10),
                redactor: Redactor(secrets: [Secret(FuzzedResponseTests.token), Secret(FuzzedResponseTests.secret), Secret(FuzzedResponseTests.apiKey)]))
            // Waits (backoff, Retry-After) pass instantly on the fake clock.
            let retry = RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.01, maxRateLimitWaits: 2, clock: clock.wallClock)
            func pacer() -> IntervalPacer { IntervalPacer(kind: .yujuGeneral, perSecond: 1000, clock: clock.wallClock) }
            yuju = YujuClient(settings: YujuSettings(baseURL: base, token: Secret(FuzzedResponseTests.token)), transport: transport, pacer: pacer(), retry: retry)
            bridge = BridgeClient(settings: BridgeSettings(baseURL: base, clientId: "c", clientSecret: Secret(FuzzedResponseTests.secret)), transport: transport, pacer: pacer(), retry: retry)
            datacrush = DatacrushClient(settings: DatacrushSettings(baseURL: base, portalId: 1, apiKey: Secret(FuzzedResponseTests.apiKey)), transport: transport, pacer: pacer(), retry: retry)
        }

        var calls: [(String, () async throws -> Void)] {
            let key = OrderKey(idChannel: 4301, idOrder: "50032")
            let outbound = OutboundRequest(status: "ok", message: "Guía", reference: "G-1", channelId: 4301)
            let now = Date()
            let report = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(now.addingTimeInterval(-86_400)), to: WireDate.formatFilter(now))))
            let order = DatacrushOrder(id: 1, orderNumber: 1, status: "paid", currencyCode: "mxn", gateway: "g", total: 1, discountTotal: 0, shippingTotal: 0,
                                       taxTotal: 0, adminUrl: nil, financialStatus: "paid", source: "s", createdAt: "2026-01-01",
                                       items: [.init(id: 1, productId: 1, variantId: 1, quantity: 1, name: "x", price: 1)],
                                       customer: .init(id: 1, email: "a@b", firstName: "a", lastName: "b", source: "s"))
            return [
                ("GET /orders/", { _ = try await yuju.order(key) }),
                ("PUT /orders/status", { _ = try await yuju.changeStatus(StatusChangeRequest(idOrder: "50032", idChannel: 4301, status: .readyToShip)) }),
                ("GET /orders/outbounds", { _ = try await yuju.listOutbounds(key) }),
                ("POST /orders/outbounds", { _ = try await yuju.createOutbound(key, outbound) }),
                ("PUT /orders/outbounds", { _ = try await yuju.updateOutbound(key, pk: "0a1", outbound) }),
                ("POST /std-orders-report", { _ = try await yuju.runReport(.standard, returnType: .complete, report) }),
                ("GET /std-orders-report/", { _ = try await yuju.reportProgress(.standard, id: "7a96") }),
                ("POST /auth-generate-token", { _ = try await yuju.generateToken(clientId: "c", secretKey: Secret(FuzzedResponseTests.secret), code: Secret("123")) }),
                ("POST /auth/login", { _ = try await bridge.login() }),
                ("POST /order/status", { _ = try await bridge.status(internalNumber: "bridge0000000001") }),
                ("POST /order/change-status/state/change", { _ = try await bridge.changeState(BridgeChangeRequest(orderState: "readyToPick", internalNumber: "bridge0000000001")) }),
                ("POST /ecommerce/v1/order/add", { try await datacrush.push([order]) }),
            ]
        }
    }

    static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test(arguments: answers)
    func everyCallEndsWithAClearErrorNeverACrash(_ answer: Answer) async throws {
        let server = try ScriptedHTTPServer(answer.bytes)
        defer { server.stop() }
        let clients = Clients(base: server.baseURL, clock: FakeClock())
        for (endpoint, call) in clients.calls {
            do {
                try await call()
                Issue.record("\(endpoint) accepted “\(answer.name)”")
            } catch let error as ClientError {
                let text = error.description
                // BRIDGE calls log in first: a broken login answer is reported as the login.
                #expect(text.contains(endpoint) || text.contains("POST /auth/login"), "\(endpoint): \(text)")
                for credential in [Self.token, Self.secret, Self.apiKey] { #expect(!text.contains(credential), "\(endpoint): \(text)") }
                if !answer.vendorText { #expect(Self.isTerminalSafe(text), "\(endpoint): \(text.debugDescription)") }
                #expect(text.utf8.count < 2_000, "\(endpoint): an error is a line, not a dump")
            } catch {
                Issue.record("\(endpoint) threw \(type(of: error)) for “\(answer.name)”: \(error)")
            }
        }
        await clients.transport.shutdown()
    }

    @Test func anOversizedBodyIsMalformedAndNotRetried() async throws {
        let server = try ScriptedHTTPServer(Self.answers.first { $0.name == "body larger than the limit" }!.bytes)
        defer { server.stop() }
        let clients = Clients(base: server.baseURL, clock: FakeClock())
        do {
            _ = try await clients.yuju.listOutbounds(OrderKey(idChannel: 4301, idOrder: "50032"))
            Issue.record("expected an error")
        } catch let error as ClientError {
            guard case .malformed(_, let endpoint, let status, _, let detail) = error else { Issue.record("\(error)"); return }
            #expect(endpoint == "GET /orders/outbounds" && status == 200)
            #expect(detail.contains("262144"), "says the limit: \(detail)")
        }
        #expect(server.requests.count == 1, "the same oversized answer is not fetched again")
        await clients.transport.shutdown()
    }

    /// Report files are streamed to disk and imported element by element: a fuzzed file costs
    /// its bad elements (or stops at a cut) with a message, never a crash.
    @Test func fuzzedReportFilesImportOrFailWithAReason() throws {
        let orders = (0..<3).map { StoreTestSupport.orderJSON(id: "5003\($0)", carrier: "DHL") }
        let valid = Array(("[" + orders.joined(separator: ",") + "]").utf8)
        var random = SplitMix64(seed: 2024 &+ FuzzedDecoderTests.seed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("od-fuzz-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.json")
        var imported = 0, refused = 0
        var inputs: [[UInt8]] = (0..<valid.count).filter { $0 % 7 == 0 }.map { Array(valid[..<$0]) }
        inputs += (0..<max(250, FuzzedDecoderTests.iterations / 10)).map { _ in FuzzedDecoderTests.mutate(valid, &random) }
        inputs += [Self.garbage, Array("[\"a\",1,null,{},[],\"\u{1B}[2J\"]".utf8), Array((String(repeating: "[", count: 100_000)).utf8)]
        for input in inputs {
            try Data(input).write(to: file)
            let store = try OrderStore.inMemory()
            do {
                let summary = try store.importReportFile(at: file, chunkSize: 64, progress: nil)
                imported += 1
                #expect(summary.errors.allSatisfy { !$0.isEmpty })
                _ = try store.allSummaries()
            } catch let error as ReportImportError {
                refused += 1
                #expect(error.description.contains(file.path))
            }
        }
        #expect(imported > 0 && refused > 0)
    }
}
