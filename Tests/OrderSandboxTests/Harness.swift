import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OrderKit
@testable import OrderSandbox
import Testing

/// One answer from the sandbox, read whole.
struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) as? [String: Any] ?? [:] }
    var array: [Any] { (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) as? [Any] ?? [] }
    var message: String? { object["message"] as? String }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
}

/// A sandbox on a free loopback port, talked to over real HTTP.
struct Harness {
    let server: SandboxServer
    var base: String { server.baseURL }

    static let quick = SandboxOptions(orders: 300, reportDelay: .milliseconds(300), bridgeApplyDelay: .milliseconds(200))
    /// For rules that depend on elapsed time: the clock moves only through `advanceClock`.
    static var frozen: SandboxOptions {
        var options = quick
        options.freezeClock = true
        return options
    }

    static func with(_ options: SandboxOptions = quick, _ body: (Harness) async throws -> Void) async throws {
        let server = try await SandboxServer.start(options)
        do {
            try await body(Harness(server: server))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil, timeout: TimeAmount = .seconds(20)) async throws -> Reply {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    /// An authenticated Yuju call (raw token scheme).
    func yuju(_ method: HTTPMethod, _ path: String, body: String? = nil, token: String = SandboxCredentials.yujuToken) async throws -> Reply {
        try await send(method, "/yuju" + path, headers: [("Authorization", token)], body: body)
    }

    /// Yuju's bucket holds 2 tokens refilled at 2/s: waiting 1 s between bursts of 2 stays under it.
    func waitForBucket() async throws { try await Task.sleep(for: .milliseconds(1050)) }

    func stats() async throws -> [String: Any] { try await send(.GET, "/_sandbox/stats").object }

    func advanceClock(seconds: Double) async throws {
        let reply = try await send(.POST, "/_sandbox/clock", body: #"{"advance_seconds": \#(seconds)}"#)
        #expect(reply.status == 200)
    }

    func bridgeToken() async throws -> String {
        let reply = try await send(.POST, "/bridge/auth/login", body: #"{"clientId":"sandbox","clientSecret":"sandbox-secret"}"#)
        return try #require(reply.object["token"] as? String)
    }

    /// Seeded orders matching `predicate`, in seeding order, read from the server's own state.
    func seeded(where predicate: (YujuOrder) -> Bool) async -> [YujuOrder] {
        let store = await server.state.yuju
        return store.keys.compactMap { store.orders[$0] }.filter(predicate)
    }

    func firstOrder(status: OrderStatus, skipping: Int = 0) async throws -> YujuOrder {
        let found = await seeded { $0.status == status && ($0.items?.count ?? 0) >= 2 }
        return try #require(found.dropFirst(skipping).first)
    }
}

enum HarnessError: Error { case noOrder(String) }
