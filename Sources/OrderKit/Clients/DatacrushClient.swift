import Foundation
import Logging
import NIOHTTP1

/// Datacrush (`spec/api.md`, seed 004). The `api_key` travels in the query string: the URL is
/// therefore never logged or stored unredacted, and errors name the endpoint without its query.
public struct DatacrushClient: Sendable {
    public let settings: DatacrushSettings
    let caller: VendorCaller
    let transport: HTTPTransport
    static let path = "/ecommerce/v1/order/add"

    public init(settings: DatacrushSettings, transport: HTTPTransport, pacer: any RequestPacer, retry: RetryPolicy = .standard, logger: Logger = Logger(label: "orderdesk.datacrush")) {
        self.settings = settings
        self.transport = transport
        self.caller = VendorCaller(transport: transport, pacer: pacer, retry: retry, logger: logger)
    }

    /// `POST /ecommerce/v1/order/add` with the orders (an upsert by `id`). The orders are not
    /// checked here: `DatacrushOrder(yuju:)` leaves out those that break a rule, and a refusal
    /// naming orders in `error_list` throws `DatacrushRefusal`.
    public func push(_ orders: [DatacrushOrder]) async throws {
        guard !orders.isEmpty else { return }
        guard let key = settings.apiKey, !key.isEmpty else {
            throw ClientError.notConfigured("Datacrush api_key (datacrush.api_key or ORDERDESK_DATACRUSH_API_KEY)")
        }
        let url = URLBuilder.make(settings.baseURL, Self.path, [("portal_id", String(settings.portalId)), ("api_key", key.exposedValue)])
        let body = try JSONEncoderFactory.make().encode(orders)
        let request = TransportRequest(system: .datacrush, method: .POST, url: url, endpoint: "POST \(Self.path)", body: body)
        let response = try await caller.call(request)
        guard let result = try? JSONDecoderFactory.make().decode(DatacrushResult.self, from: response.body) else {
            throw ClientError.malformed(.datacrush, endpoint: request.endpoint, status: response.status, snippet: BodySnippet.make(response.body, redactor: transport.redactor), detail: "expected {result}")
        }
        if result.isSuccess, (200...299).contains(response.status) { return }
        let code = result.error?.code ?? response.status
        let message = transport.redactor.redact(result.error?.message ?? result.result)
        if code == DatacrushError.unauthorized.code || code == DatacrushError.forbidden.code || response.status == 401 || response.status == 403 {
            throw ClientError.unauthorized(.datacrush, endpoint: request.endpoint, message: message)
        }
        let listed = (result.errorList ?? []).map { DatacrushListedError($0, redactor: transport.redactor) }
        if !listed.isEmpty { throw DatacrushRefusal(code: code, message: message, listed: listed) }
        throw ClientError.rejected(.datacrush, endpoint: request.endpoint, status: response.status, message: message, code: code)
    }
}

/// Datacrush refused a batch and said why in `error_list`; it stores nothing of such a batch.
public struct DatacrushRefusal: Error, Hashable, Sendable {
    public var code: Int
    public var message: String
    public var listed: [DatacrushListedError]

    /// The reasons given for one order, by its Datacrush id.
    public func reasons(forOrder id: Int) -> [String] { listed.filter { $0.orderId == id }.map(\.message) }
}

/// One entry of `error_list`, read as `Assumed.datacrushErrorListShape` says.
public struct DatacrushListedError: Hashable, Sendable {
    public var orderId: Int?
    public var message: String

    init(_ value: JSONValue, redactor: Redactor) {
        switch value {
        case .object:
            orderId = value["id"].flatMap { if case .int(let id) = $0 { Int(exactly: id) } else { nil } }
            message = redactor.redact(value["message"]?.stringValue ?? value.encodedString())
        default:
            orderId = nil
            message = redactor.redact(value.stringValue ?? value.encodedString())
        }
    }
}
