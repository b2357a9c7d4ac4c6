import Foundation
import Hummingbird
import OrderKit

/// The orders report (seed 002): runs limited to 5 per rolling 24 h, progress polled by id, and
/// the result served as a file at an absolute `url` that needs no token.
extension SandboxState {
    static let reportRunsPerWindow = 5

    /// `POST /std-orders-report` and `POST /orders-report`. They take no token from the 2 req/s
    /// bucket: the 5-per-24-h budget is theirs.
    func runReport(variant: ReportVariant, returnType: String?, authorization: String?, body: Data, statsKey: String) -> SandboxReply {
        guard isYujuAuthorized(authorization) else { return .message(.unauthorized, Assumed.yujuUnauthorized) }
        let now = now
        yuju.reportRuns.prune(now: now)
        if yuju.reportRuns.events.count >= Self.reportRunsPerWindow {
            countRateLimited(statsKey)
            let minutes = max(1, Int((yuju.reportRuns.secondsUntilFree(now: now) / 60).rounded(.up)))
            return .message(.tooManyRequests, YujuText.reportLimit(minutes: minutes))
        }
        let request = ReportRequest(filters: Self.readReportFilters(body))
        do throws(ValidationFailure) {
            try request.validate()
        } catch {
            if Assumed.rejectedReportCountsAsRun { recordReportRun(now) }
            return .message(.badRequest, error.message)
        }
        recordReportRun(now)
        let id = idGenerator.hex(32)
        yuju.reports[id] = StoredReport(id: id, variant: variant, returnType: ReportReturnType(query: returnType), filters: request.filters, createdAt: now)
        // Yuju's webhook topic is for the standard report (`std-orders-report`).
        if variant == .standard { notifyReportReady(id) }
        return .json(.created, ReportCreated(idReport: id))
    }

    private func recordReportRun(_ now: Date) {
        yuju.reportRuns.record(now)
        stats.reportRuns += 1
    }

    /// `GET /std-orders-report/{id}`: CREATED, then PROCESSING, then COMPLETED once
    /// `reportDelay` has passed on the sandbox clock.
    func reportProgress(variant: ReportVariant, id: String, authorization: String?, statsKey: String) -> SandboxReply {
        if let refused = yujuGate(authorization: authorization, statsKey: statsKey) { return refused }
        guard let report = yuju.reports[id], report.variant == variant else {
            return .message(.notFound, Assumed.reportNotFound)
        }
        let status = progress(of: report)
        let url = status == .completed ? baseURL + Self.reportFilePath(id: id) : nil
        return .json(.ok, ReportProgress(idReport: id, status: status, url: url))
    }

    private func progress(of report: StoredReport) -> ReportProgress.Status {
        let elapsed = now.timeIntervalSince(report.createdAt)
        let delay = options.reportDelay.seconds
        if elapsed >= delay { return .completed }
        return elapsed >= delay / 2 ? .processing : .created
    }

    nonisolated static func reportFilePath(id: String) -> String { "/files/reports/\(id).json" }

    /// The report's orders, once it is completed; nil for an unknown or unfinished report.
    func reportFile(id: String) -> (ReportReturnType, [YujuOrder])? {
        guard let report = yuju.reports[id], progress(of: report) == .completed else { return nil }
        return (report.returnType, orders(matching: report.filters))
    }

    func orders(matching filters: ReportRequest.Filters) -> [YujuOrder] {
        if let ids = filters.orderIds, !ids.isEmpty {
            return ids.compactMap { yuju.keyByIdOrder[$0].flatMap { yuju.orders[$0] } }
        }
        let from = filters.paymentAccreditedAt?.from ?? ""
        let to = filters.paymentAccreditedAt?.to ?? "9999"
        let channels = filters.channels.flatMap { $0.isEmpty ? nil : Set($0) }
        return yuju.keys.compactMap { key -> YujuOrder? in
            if let channels, !channels.contains(key.idChannel) { return nil }
            guard let order = yuju.orders[key], let paid = order.paymentAccreditedAt else { return nil }
            // Same fixed-width format on both sides, so text order is time order.
            guard paid >= from, paid <= to, Assumed.reportStatusFilter(filters.status, matches: order.status) else { return nil }
            return order
        }
    }

    /// Reads the filters leniently so a wrongly typed field gets Yuju's own 400 text rather than
    /// a decoding error.
    nonisolated static func readReportFilters(_ body: Data) -> ReportRequest.Filters {
        let fields = SandboxJSON.parse(body)?["filters"]?.objectValue ?? [:]
        var filters = ReportRequest.Filters()
        filters.orderIds = fields["order_ids"]?.arrayValue?.compactMap(\.lenientString)
        switch fields["payment_accredited_at"] {
        case nil, .null?: break
        case .object(let range)?:
            func bound(_ name: String) -> String? {
                guard let value = range[name], value != .null else { return nil }
                return value.lenientString ?? ""
            }
            filters.paymentAccreditedAt = .init(from: bound("from"), to: bound("to"))
        default:
            filters.paymentAccreditedAt = .init(from: "", to: "")
        }
        filters.channels = fields["channels"]?.arrayValue?.compactMap(\.lenientInt)
        switch fields["status"] {
        case nil, .null?: break
        case .string(let text)?: filters.status = text
        default: filters.status = "\u{0}"
        }
        return filters
    }
}

/// Encodes a report file off the actor, a slice of orders at a time: a report of 500,000
/// orders is ~480 MB of JSON, and encoding it in one piece held every order's encoded tree plus
/// the whole body (several GB) at once. The chunks joined are byte for byte the one-piece
/// encoding (`[a,b]` + `[c]` → `[a,b,c]`, sorted keys), so the file does not change.
enum ReportFileEncoder {
    /// Orders encoded per chunk (a few MB of JSON).
    static let ordersPerChunk = 2_000

    static func encode(_ orders: [YujuOrder], as returnType: ReportReturnType) -> Data {
        var data = Data()
        forEachChunk(orders, as: returnType) { data.append($0) }
        return data
    }

    /// The file as a streamed response body: memory bounded by one chunk, not by the report.
    static func body(_ orders: [YujuOrder], as returnType: ReportReturnType) -> ResponseBody {
        ResponseBody { writer in
            var pending: [Data] = []
            var start = 0
            repeat {
                let end = min(orders.count, start + ordersPerChunk)
                pending.removeAll(keepingCapacity: true)
                chunk(orders, start..<end, total: orders.count, as: returnType) { pending.append($0) }
                for piece in pending { try await writer.write(ByteBuffer(bytes: piece)) }
                start = end
            } while start < orders.count
            try await writer.finish(nil)
        }
    }

    /// Calls `write` with the file's bytes in order, one chunk of orders at a time.
    static func forEachChunk(_ orders: [YujuOrder], as returnType: ReportReturnType, _ write: (Data) -> Void) {
        var start = 0
        repeat {
            let end = min(orders.count, start + ordersPerChunk)
            chunk(orders, start..<end, total: orders.count, as: returnType, write)
            start = end
        } while start < orders.count
    }

    /// The bytes of `orders[range]` inside the whole array: `[` before the first, `,` between
    /// chunks, `]` after the last (an empty report is `[]`).
    private static func chunk(_ orders: [YujuOrder], _ range: Range<Int>, total: Int, as returnType: ReportReturnType, _ write: (Data) -> Void) {
        let slice = orders[range]
        let encoded: Data = switch returnType {
        case .onlyIds: SandboxJSON.encode(slice.map(\.idOrder))
        case .complete: SandboxJSON.encode(Array(slice))
        case .basic: SandboxJSON.encode(slice.map { order in
            var header = order
            header.items = nil
            return header
        })
        }
        // `encoded` is `[...]`: keep the inside, and put the array's own brackets and commas around it.
        let inner = encoded.count >= 2 ? encoded[(encoded.startIndex + 1)..<(encoded.endIndex - 1)] : Data()
        var piece = Data(capacity: inner.count + 2)
        piece.append(UInt8(ascii: range.lowerBound == 0 ? "[" : ","))
        piece.append(contentsOf: inner)
        if range.upperBound >= total { piece.append(UInt8(ascii: "]")) }
        write(piece)
    }
}
