import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct ReportTests {
    // Seed 002's request examples, verbatim.
    static let seedIds = """
    {
        "filters": {
        "order_ids": [
                "2000006947183598",
                "12047438",
                "2000006962191394",
                "21972602301-A"
            ]
        }
    }
    """
    static let seedRange = """
    {
        "filters": {
            "payment_accredited_at": {
                "from": "2023-11-21T00:00:00",
                "to": "2023-11-25T23:59:59"
            },
            "channels": [1311],
            "status": "open"
        }
    }
    """

    /// A range covering the whole seeded data (the last 180 days).
    static let rangeEnd = Date().addingTimeInterval(3600)
    static let rangeStart = rangeEnd.addingTimeInterval(-179 * 86_400)
    static func inRange(_ order: YujuOrder) -> Bool {
        let paid = order.paymentAccreditedAt ?? ""
        return paid >= WireDate.formatFilter(rangeStart) && paid <= WireDate.formatFilter(rangeEnd)
    }

    static func recentRange(status: String? = nil, channels: [Int]? = nil) -> String {
        let (from, to) = (rangeStart, rangeEnd)
        var filters = #""payment_accredited_at":{"from":"\#(WireDate.formatFilter(from))","to":"\#(WireDate.formatFilter(to))"}"#
        if let status { filters += #","status":"\#(status)""# }
        if let channels { filters += #","channels":\#(channels)"# }
        return #"{"filters":{\#(filters)}}"#
    }

    @Test func seedExamplesAre201WithA32HexId() async throws {
        try await Harness.with { h in
            for (variant, body) in [("/std-orders-report", Self.seedIds), ("/orders-report", Self.seedRange)] {
                let reply = try await h.yuju(.POST, variant + "?return_type=complete", body: body)
                #expect(reply.status == 201)
                #expect(Set(reply.object.keys) == ["message", "id_report"])
                #expect(reply.message == YujuText.reportStarted)
                let id = try #require(reply.object["id_report"] as? String)
                #expect(id.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil)
            }
        }
    }

    @Test(arguments: [
        (#"{"filters":{}}"#, YujuText.reportIdsOrRange),
        ("{}", YujuText.reportIdsOrRange),
        (#"{"filters":{"payment_accredited_at":{"from":"2023-11-21","to":"2023-11-25T23:59:59"}}}"#, YujuText.reportDateFormat),
        (#"{"filters":{"payment_accredited_at":{"from":"2023-11-21T00:00:00"}}}"#, YujuText.reportDateFormat),
        (#"{"filters":{"payment_accredited_at":{"from":"2023-11-25T00:00:00","to":"2023-11-21T00:00:00"}}}"#, YujuText.reportEndBeforeStart),
        (#"{"filters":{"payment_accredited_at":{"from":"2023-01-01T00:00:00","to":"2023-12-31T00:00:00"}}}"#, YujuText.reportRangeTooLong),
        (#"{"filters":{"payment_accredited_at":{"from":"2023-11-21T00:00:00","to":"2023-11-25T23:59:59"},"status":"closed"}}"#, YujuText.reportStatusInvalid),
    ])
    func rejectedFiltersAre400AndCountAsRuns(body: String, text: String) async throws {
        try await Harness.with { h in
            let reply = try await h.yuju(.POST, "/std-orders-report", body: body)
            #expect(reply.status == 400)
            #expect(reply.message == text)
            #expect(try await h.stats()["report_runs"] as? Int == 1)
        }
    }

    @Test func fiveRunsPerRolling24HoursThen429WithTheRealMinutes() async throws {
        try await Harness.with { h in
            // Runs take nothing from the 2 req/s bucket: six in a row never see the bucket's 429.
            for index in 0..<5 {
                let variant = index.isMultiple(of: 2) ? "/std-orders-report" : "/orders-report"
                let body = index == 0 ? "{}" : Self.seedIds
                let reply = try await h.yuju(.POST, variant, body: body)
                #expect(reply.status == (index == 0 ? 400 : 201))
            }
            let limited = try await h.yuju(.POST, "/std-orders-report", body: Self.seedIds)
            #expect(limited.status == 429)
            #expect(limited.message == YujuText.reportLimit(minutes: 1440))
            // A polling GET still has its bucket tokens.
            #expect(try await h.yuju(.GET, "/orders/?id_channel=4308&id_order=12345").status == 200)

            try await h.advanceClock(seconds: 23 * 3600 + 59 * 60)
            let stillLimited = try await h.yuju(.POST, "/orders-report", body: Self.seedIds)
            #expect(stillLimited.status == 429)
            #expect(stillLimited.message == YujuText.reportLimit(minutes: 1))
            #expect(YujuText.minutesInReportLimit(stillLimited.message ?? "") == 1)

            try await h.advanceClock(seconds: 61)
            let allowed = try await h.yuju(.POST, "/orders-report", body: Self.seedIds)
            #expect(allowed.status == 201, "the oldest run left the window")
            let stats = try await h.stats()
            #expect(stats["report_runs"] as? Int == 6)
            #expect((stats["rate_limited"] as? [String: Int])?["POST /yuju/std-orders-report"] == 1)
        }
    }

    @Test func reportCompletesAndItsFileNeedsNoToken() async throws {
        try await Harness.with(Harness.frozen) { h in
            let created = try await h.yuju(.POST, "/std-orders-report?return_type=complete", body: Self.seedIds)
            let id = try #require(created.object["id_report"] as? String)
            let early = try await h.yuju(.GET, "/std-orders-report/\(id)")
            #expect(early.status == 200)
            #expect(Set(early.object.keys) == ["id_report", "status", "url"])
            #expect(early.object["status"] as? String == "CREATED", "not started before time moves")
            #expect(early.object["url"] is NSNull)
            try await h.advanceClock(seconds: 0.35)
            let done = try await h.yuju(.GET, "/std-orders-report/\(id)").decode(ReportProgress.self)
            #expect(done.status == .completed)
            let url = try #require(done.url)
            #expect(url.hasPrefix("http://127.0.0.1:\(h.server.port)/"))
            // Outside the bucket: drain it, then fetch the file without a token, several times.
            _ = try await h.yuju(.GET, "/std-orders-report/\(id)")
            _ = try await h.yuju(.GET, "/std-orders-report/\(id)")
            for _ in 0..<3 {
                let file = try await h.send(.GET, url)
                #expect(file.status == 200)
                let orders = try file.decode([YujuOrder].self)
                #expect(orders.map(\.idOrder) == ["21972602301-A"], "only the known id of seed 002's list")
                #expect(orders.first?.items?.isEmpty == false)
            }
            let other = try await h.yuju(.GET, "/orders-report/\(id)")
            #expect(other.status == 404 || other.status == 429)
            try await h.advanceClock(seconds: 1.05)
            let unknown = try await h.yuju(.GET, "/std-orders-report/0123456789abcdef0123456789abcdef")
            #expect(unknown.status == 404)
            #expect(unknown.message == Assumed.reportNotFound)
        }
    }

    @Test func returnTypesShapeTheFile() async throws {
        try await Harness.with { h in
            var urls: [String: String] = [:]
            for type in ["only_ids", "basic", "complete", "bogus"] {
                let created = try await h.yuju(.POST, "/orders-report?return_type=\(type)", body: Self.recentRange(status: "open", channels: [4301, 4308]))
                #expect(created.status == 201)
                urls[type] = try #require(created.object["id_report"] as? String)
            }
            try await h.advanceClock(seconds: 1)
            var files: [String: Reply] = [:]
            for (type, id) in urls {
                let progress = try await h.yuju(.GET, "/orders-report/\(id)").decode(ReportProgress.self)
                #expect(progress.status == .completed)
                files[type] = try await h.send(.GET, try #require(progress.url))
                try await h.waitForBucket()
            }
            #expect(await h.seeded { !Self.inRange($0) }.count > 0, "the seed spans more than the range")
            let expected = await h.seeded { [4301, 4308].contains($0.idChannel) && !$0.status.isFinal && Self.inRange($0) }.map(\.idOrder)
            #expect(!expected.isEmpty)
            let ids = try #require(files["only_ids"]).decode([String].self)
            #expect(ids == expected)
            let basic = try #require(files["basic"])
            #expect(basic.array.allSatisfy { ($0 as? [String: Any])?["items"] == nil })
            #expect(try basic.decode([YujuOrder].self).map(\.idOrder) == expected)
            #expect(try #require(files["bogus"]).body == basic.body, "unknown return_type reads as basic")
            let complete = try #require(files["complete"]).decode([YujuOrder].self)
            #expect(complete.allSatisfy { $0.items?.isEmpty == false })
            #expect(complete.allSatisfy { !$0.status.isFinal })
        }
    }

    @Test func closeStatusFilterListsFinalOrdersOnly() async throws {
        try await Harness.with { h in
            let created = try await h.yuju(.POST, "/std-orders-report?return_type=only_ids", body: Self.recentRange(status: "close"))
            let id = try #require(created.object["id_report"] as? String)
            try await h.advanceClock(seconds: 1)
            let progress = try await h.yuju(.GET, "/std-orders-report/\(id)").decode(ReportProgress.self)
            let ids = try await h.send(.GET, try #require(progress.url)).decode([String].self)
            let expected = await h.seeded { $0.status.isFinal && Self.inRange($0) }.map(\.idOrder)
            #expect(ids == expected)
        }
    }

    /// The file is streamed a chunk of orders at a time; joined, the chunks are byte for byte the
    /// array encoded in one piece, for every return type, across chunk boundaries and empty.
    @Test func chunkedReportFileIsTheOnePieceEncoding() {
        let (store, _) = Seeder(count: 2 * ReportFileEncoder.ordersPerChunk + 3, seed: 7, now: Date()).build()
        let orders = store.keys.compactMap { store.orders[$0] }
        for count in [0, 1, ReportFileEncoder.ordersPerChunk, orders.count] {
            let some = Array(orders.prefix(count))
            #expect(ReportFileEncoder.encode(some, as: .complete) == SandboxJSON.encode(some))
            #expect(ReportFileEncoder.encode(some, as: .onlyIds) == SandboxJSON.encode(some.map(\.idOrder)))
            let headers = some.map { order in
                var header = order
                header.items = nil
                return header
            }
            #expect(ReportFileEncoder.encode(some, as: .basic) == SandboxJSON.encode(headers))
        }
    }
}
