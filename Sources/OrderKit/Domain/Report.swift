import Foundation

/// The two report endpoints of seed 002; they take the same body and behave alike.
public enum ReportVariant: String, Codable, Sendable, CaseIterable {
    /// `POST /std-orders-report` (standardised structure)
    case standard = "std-orders-report"
    /// `POST /orders-report` (the channel's normal structure)
    case normal = "orders-report"

    public var path: String { "/" + rawValue }
}

/// `return_type` of the report endpoints. Anything else, or nothing, is read as `basic` (seed 002).
public enum ReportReturnType: String, Codable, Sendable, CaseIterable {
    case onlyIds = "only_ids"
    case basic
    case complete

    public init(query: String?) {
        self = query.flatMap(ReportReturnType.init(rawValue:)) ?? .basic
    }
}

/// Body of a report request: `{"filters":{...}}`.
public struct ReportRequest: Codable, Hashable, Sendable {
    public var filters: Filters

    public init(filters: Filters) { self.filters = filters }

    public struct Filters: Codable, Hashable, Sendable {
        /// When present, every other filter is ignored.
        public var orderIds: [String]?
        public var paymentAccreditedAt: DateRange?
        public var channels: [Int]?
        /// `open` or `close`.
        public var status: String?

        public init(orderIds: [String]? = nil, paymentAccreditedAt: DateRange? = nil, channels: [Int]? = nil, status: String? = nil) {
            self.orderIds = orderIds
            self.paymentAccreditedAt = paymentAccreditedAt
            self.channels = channels
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case orderIds = "order_ids", paymentAccreditedAt = "payment_accredited_at", channels, status
        }
    }

    public struct DateRange: Codable, Hashable, Sendable {
        /// `YYYY-MM-DDTHH:mm:ss`
        public var from: String?
        public var to: String?
        public init(from: String?, to: String?) {
            self.from = from
            self.to = to
        }
    }

    public static let statusValues = ["open", "close"]
    public static let maxRangeDays = 180

    /// Refuses, with Yuju's own texts, every filter the server would answer 400, so no report run
    /// is ever spent on one.
    public func validate() throws(ValidationFailure) {
        if let ids = filters.orderIds, !ids.isEmpty { return }
        guard let range = filters.paymentAccreditedAt, range.from != nil || range.to != nil else {
            throw ValidationFailure(.yuju, YujuText.reportIdsOrRange, field: "payment_accredited_at")
        }
        guard let fromText = range.from, let toText = range.to,
              let from = WireDate.parseFilter(fromText), let to = WireDate.parseFilter(toText)
        else {
            throw ValidationFailure(.yuju, YujuText.reportDateFormat, field: "payment_accredited_at")
        }
        guard to > from else { throw ValidationFailure(.yuju, YujuText.reportEndBeforeStart, field: "payment_accredited_at") }
        guard to.timeIntervalSince(from) <= Double(Self.maxRangeDays) * 86_400 else {
            throw ValidationFailure(.yuju, YujuText.reportRangeTooLong, field: "payment_accredited_at")
        }
        if let status = filters.status, !Self.statusValues.contains(status) {
            throw ValidationFailure(.yuju, YujuText.reportStatusInvalid, field: "status")
        }
    }
}

/// 201 body of a report request.
public struct ReportCreated: Codable, Hashable, Sendable {
    public var message: String
    public var idReport: String

    public init(message: String = YujuText.reportStarted, idReport: String) {
        self.message = message
        self.idReport = idReport
    }

    enum CodingKeys: String, CodingKey { case message, idReport = "id_report" }
}

/// `GET /std-orders-report/{id_report}` (**assumed** shape, after Yuju's other async tasks).
public struct ReportProgress: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Sendable {
        case created = "CREATED", processing = "PROCESSING", completed = "COMPLETED", error = "ERROR"
        public var isDone: Bool { self == .completed || self == .error }
    }

    public var idReport: String
    public var status: Status
    /// Absolute address of the JSON file, fetched with no token; null until completed.
    public var url: String?

    public init(idReport: String, status: Status, url: String?) {
        self.idReport = idReport
        self.status = status
        self.url = url
    }

    enum CodingKeys: String, CodingKey { case idReport = "id_report", status, url }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(idReport, forKey: .idReport)
        try c.encode(status, forKey: .status)
        try c.encode(url, forKey: .url)
    }
}
