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

    /// `POST /ecommerce/v1/order/add` with the orders (an upsert by `id`).
    public func push(_ orders: [DatacrushOrder]) async throws {
        guard !orders.isEmpty else { return }
        for order in orders {
            do { try order.validate() } catch { throw ClientError.invalid(error) }
        }
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
        throw ClientError.rejected(.datacrush, endpoint: request.endpoint, status: response.status, message: message, code: code)
    }
}
