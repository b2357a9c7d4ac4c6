import Foundation
import Logging
@testable import OrderKit
import OrderDeskTestSupport
import Testing

/// issue 14, item 5: an outbound POST whose outcome is unknown is looked for with the assumed
/// `GET /orders/outbounds` before it is posted again. A Yuju without that endpoint (404 or 405)
/// must not lose the record forever: the delivery posts once more unchecked (saying so), and
/// when that is unknown too it fails with the reason, for the operator's `queue retry`.
@Suite(.serialized) struct OutboundResendWithoutListTests {
    static let key = OrderKey(idChannel: 4301, idOrder: "50032")

    /// A Yuju whose list endpoint answers `listStatus`, and whose POSTs answer in turn from
    /// `posts` (the last one repeats).
    final class Yuju: @unchecked Sendable {
        let listStatus: Int
        private let lock = NSLock()
        private var posts: [Int]
        private(set) var server: ScriptedHTTPServer!

        init(listStatus: Int, posts: [Int]) throws {
            self.listStatus = listStatus
            self.posts = posts
            server = try ScriptedHTTPServer { [unowned self] line in self.answer(line) }
        }

        func answer(_ line: String) -> [UInt8] {
            if line.hasPrefix("GET /orders/outbounds") {
                // A real 404 carries a JSON text (a client would keep it as the vendor's refusal);
                // a 405 often has no body at all.
                return listStatus == 404 ? ScriptedHTTPServer.http(404, #"{"message":"Not Found"}"#) : ScriptedHTTPServer.http(405, [], headers: [])
            }
            guard line.hasPrefix("POST /orders/outbounds") else { return ScriptedHTTPServer.http(400, #"{"message":"Error."}"#) }
            let status = lock.withLock { posts.count > 1 ? posts.removeFirst() : posts[0] }
            return status == 200 ? ScriptedHTTPServer.http(200, Self.record) : ScriptedHTTPServer.http(status, "<h1>upstream error</h1>", headers: ["Content-Type: text/html"])
        }

        var requests: [String] { server.requests.map { $0.split(separator: "?")[0].description } }

        static let record = #"""
            {"module_name":null,"order_int_external_pk":"90bbb472-4177-4545-9141-8183b1cfc6d4","updated_at":"2024-09-23T18:55:58.968371",
             "actions":[],"id_channel":4301,"id_order":"50032","id_shop":307,"extra":{"orderdesk_request_id":"x"},"reference":"G-1",
             "message":"Guía","status":"ok","type":"order","created_at":"2024-09-23T18:55:58.968371"}
            """#
    }

    static func services(_ yuju: Yuju) throws -> OrderDeskServices {
        let config = OrderDeskConfig(
            yuju: YujuSettings(baseURL: yuju.server.baseURL, token: Secret("scripted-token"), requestsPerSecond: 50),
            statePath: NSTemporaryDirectory() + "od-resend-\(UUID().uuidString).sqlite")
        return OrderDeskServices(config: config, store: try OrderStore.inMemory(), retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.02))
    }

    static let outbound = OutboundRequest(status: "ok", message: "Guía", reference: "G-1", channelId: 4301)

    @Test(arguments: [404, 405]) func anUnknownPostIsPostedOnceMoreWhenTheListIsMissing(listStatus: Int) async throws {
        let yuju = try Yuju(listStatus: listStatus, posts: [502, 200])
        let services = try Self.services(yuju)
        let entry = try await services.addOutbound(Self.key, Self.outbound)
        await services.drainOutbox()
        let after = try #require(try services.store.outboxEntry(id: entry.id))
        await services.shutdown()
        #expect(after.state == .sent, "\(after.state): \(after.lastError ?? "")")
        #expect(yuju.requests == ["POST /orders/outbounds", "GET /orders/outbounds", "POST /orders/outbounds"])
        let response = try #require(after.response)
        #expect(response.contains("posted again without checking for an earlier copy (GET /orders/outbounds answered \(listStatus))"))
        #expect(response.contains("orderdesk_request_id"))
    }

    @Test(arguments: [404, 405]) func aSecondUnknownPostFailsForTheOperatorWhoseRetryPostsOnceMore(listStatus: Int) async throws {
        let yuju = try Yuju(listStatus: listStatus, posts: [502, 502, 200])
        let services = try Self.services(yuju)
        let entry = try await services.addOutbound(Self.key, Self.outbound)
        await services.drainOutbox()
        let failed = try #require(try services.store.outboxEntry(id: entry.id))
        #expect(failed.state == .failed)
        #expect(failed.lastError?.contains("not posted again automatically: queue retry posts it once more") == true, "\(failed.lastError ?? "")")
        #expect(yuju.requests.filter { $0.hasPrefix("POST") }.count == 2, "no third post without the operator: \(yuju.requests)")

        #expect(try await services.retry() == [entry.id])
        await services.drainOutbox()
        let sent = try #require(try services.store.outboxEntry(id: entry.id))
        await services.shutdown()
        #expect(sent.state == .sent, "\(sent.state): \(sent.lastError ?? "")")
        #expect(yuju.requests.suffix(2) == ["GET /orders/outbounds", "POST /orders/outbounds"], "a retry checks first, then posts once")
    }

    @Test func anInterruptedPostIsResumedWithOneUncheckedPost() async throws {
        let yuju = try Yuju(listStatus: 405, posts: [200])
        let services = try Self.services(yuju)
        let requestId = "req-interrupted"
        let entry = try services.store.enqueue([.outbound(Self.key, Self.outbound, requestId: requestId)], user: "t", at: Date())[0]
        try services.store.markSending(id: entry.id, at: Date())
        await services.resumeOutbox()
        await services.drainOutbox()
        let after = try #require(try services.store.outboxEntry(id: entry.id))
        await services.shutdown()
        #expect(after.state == .sent, "\(after.state): \(after.lastError ?? "")")
        #expect(yuju.requests == ["GET /orders/outbounds", "POST /orders/outbounds"])
    }
}
