import Foundation
import Logging
import NIOHTTP1

/// One order as fetched: decoded, plus the vendor's JSON as sent (unknown fields kept).
public struct FetchedOrder: Sendable, Hashable {
    public var order: YujuOrder
    public var raw: Data
}

/// Yuju's API (`spec/api.md`). Every call but the report run and the report file spends the
/// general 2 req/s budget through `pacer`. Input is validated locally first, so a request the
/// server would refuse for its shape is never sent.
public struct YujuClient: Sendable {
    public let settings: YujuSettings
    /// Every Yuju call, report runs included: they spend the same 2 req/s (their own 5 per 24 h
    /// is the ledger's, on top).
    let caller: VendorCaller
    let transport: HTTPTransport

    public init(settings: YujuSettings, transport: HTTPTransport, pacer: any RequestPacer, retry: RetryPolicy = .standard, logger: Logger = Logger(label: "orderdesk.yuju")) {
        self.settings = settings
        self.transport = transport
        self.caller = VendorCaller(transport: transport, pacer: pacer, retry: retry, logger: logger)
    }

    // MARK: Auth

    /// `POST /auth-generate-token` → the token (not stored here: the caller decides).
    public func generateToken(clientId: String, secretKey: Secret, code: Secret) async throws -> Secret {
        struct Body: Encodable { let client_id: String; let secret_key: String; let code: String }
        struct Answer: Decodable { let token: String }
        let body = Body(client_id: clientId, secret_key: secretKey.exposedValue, code: code.exposedValue)
        let request = try makeRequest(.POST, "/auth-generate-token", body: body, authenticated: false)
        let response = try await caller.call(request)
        try check(response, request, expect: [200, 201])
        return Secret(try decode(Answer.self, response, request).token)
    }

    // MARK: Status

    /// `PUT /orders/status`.
    public func changeStatus(_ change: StatusChangeRequest) async throws -> StatusChangeResponse {
        do { try change.validate() } catch { throw ClientError.invalid(error) }
        let request = try makeRequest(.PUT, "/orders/status", body: change)
        let response = try await caller.call(request)
        try check(response, request)
        return try decode(StatusChangeResponse.self, response, request)
    }

    // MARK: One order

    /// `GET /orders/?id_channel=&id_order=`. `.background` for refreshes nobody is looking at.
    public func order(_ key: OrderKey, priority: RequestPriority = .operator) async throws -> FetchedOrder {
        var request = try makeRequest(.GET, "/orders/", query: keyQuery(key))
        request.priority = priority
        let response = try await caller.call(request)
        try check(response, request)
        let order = try decode(YujuOrder.self, response, request)
        return FetchedOrder(order: order, raw: response.body)
    }

    // MARK: Outbounds

    /// `POST /orders/outbounds` → the stored record. Not idempotent: after a timeout, a dropped
    /// connection or a 5xx this throws at once instead of posting again (the record may exist;
    /// the outbox looks for it by its request id first).
    public func createOutbound(_ key: OrderKey, _ outbound: OutboundRequest) async throws -> OutboundRecord {
        do { try outbound.validate() } catch { throw ClientError.invalid(error) }
        let request = try makeRequest(.POST, "/orders/outbounds", query: keyQuery(key), body: outbound)
        let response = try await caller.call(request, retryUnknownOutcome: false)
        try check(response, request, expect: [200, 201])
        return try decode(OutboundRecord.self, response, request)
    }

    /// `GET /orders/outbounds` → the order's records, oldest first.
    public func listOutbounds(_ key: OrderKey) async throws -> [OutboundRecord] {
        let request = try makeRequest(.GET, "/orders/outbounds", query: keyQuery(key))
        let response = try await caller.call(request)
        try check(response, request)
        return try decode([OutboundRecord].self, response, request)
    }

    /// `PUT /orders/outbounds?...&order_int_external_pk=` → the updated record.
    public func updateOutbound(_ key: OrderKey, pk: String, _ outbound: OutboundRequest) async throws -> OutboundRecord {
        do { try outbound.validate() } catch { throw ClientError.invalid(error) }
        let request = try makeRequest(.PUT, "/orders/outbounds", query: keyQuery(key) + [("order_int_external_pk", pk)], body: outbound)
        let response = try await caller.call(request)
        try check(response, request)
        return try decode(OutboundRecord.self, response, request)
    }

    // MARK: Reports

    /// `POST /std-orders-report` or `/orders-report`. Spends one of the 5 daily runs: the caller
    /// reserves it in the ledger first. A 429 is returned as `.rateLimited` at once (its wait is
    /// in minutes, in the text), never retried here; nor is a timeout, a dropped connection or a
    /// 5xx, since the run may have been spent: sending again could spend a second one.
    public func runReport(_ variant: ReportVariant, returnType: ReportReturnType, _ report: ReportRequest) async throws -> ReportCreated {
        do { try report.validate() } catch { throw ClientError.invalid(error) }
        let request = try makeRequest(.POST, variant.path, query: [("return_type", returnType.rawValue)], body: report)
        let response = try await caller.call(request, retryRateLimit: false, retryUnknownOutcome: false)
        if response.status == 429 {
            let message = VendorBody.message(in: response.body).map(transport.redactor.redact) ?? BodySnippet.make(response.body, redactor: transport.redactor)
            throw ClientError.rateLimited(.yuju, endpoint: request.endpoint, retryAfter: response.retryAfter, message: message)
        }
        try check(response, request, expect: [200, 201])
        return try decode(ReportCreated.self, response, request)
    }

    /// `GET /std-orders-report/{id}`. A poll is background work: it waits behind the operator's.
    public func reportProgress(_ variant: ReportVariant, id: String) async throws -> ReportProgress {
        let safe = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
        var request = try makeRequest(.GET, variant.path + "/" + safe)
        request.priority = .background
        let response = try await caller.call(request)
        try check(response, request)
        return try decode(ReportProgress.self, response, request)
    }

    /// Streams the report file at `url` (a pre-signed link) to `file`: no Authorization header,
    /// outside the 2 req/s budget. Returns the bytes written.
    public func downloadReport(url: String, to file: URL) async throws -> Int {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await transport.download(system: .yuju, url: url, endpoint: "GET report file", to: file)
            } catch let error as ClientError {
                guard case .backoff(let delay) = caller.retry.decide(error, attempt: attempt, rateLimitWaits: 0) else { throw error }
                try await caller.retry.clock.sleep(delay)
            }
        }
    }

    // MARK: Plumbing

    private func keyQuery(_ key: OrderKey) -> [(String, String)] {
        [("id_channel", String(key.idChannel)), ("id_order", key.idOrder)]
    }

    private func makeRequest(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], authenticated: Bool = true) throws -> TransportRequest {
        try makeRequest(method, path, query: query, body: Optional<Int>.none, authenticated: authenticated)
    }

    private func makeRequest<Body: Encodable>(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Body?, authenticated: Bool = true) throws -> TransportRequest {
        var headers = HTTPHeaders()
        if authenticated {
            guard let token = settings.token, !token.isEmpty else {
                throw ClientError.notConfigured("Yuju token (yuju.token or ORDERDESK_YUJU_TOKEN)")
            }
            headers.add(name: "Authorization", value: settings.authScheme.headerValue(token.exposedValue))
        }
        let data = try body.map { try JSONEncoderFactory.make().encode($0) }
        return TransportRequest(system: .yuju, method: method, url: URLBuilder.make(settings.baseURL, path, query), endpoint: "\(method.rawValue) \(path)", headers: headers, body: data)
    }

    /// Turns every non-success answer into the error that carries the vendor's text verbatim.
    private func check(_ response: TransportResponse, _ request: TransportRequest, expect: Set<Int> = [200]) throws {
        if expect.contains(response.status) { return }
        let text = VendorBody.message(in: response.body)
        switch response.status {
        case 401, 403:
            throw ClientError.unauthorized(.yuju, endpoint: request.endpoint, message: text.map(transport.redactor.redact) ?? BodySnippet.make(response.body, redactor: transport.redactor))
        case 400...499:
            guard let text else {
                throw ClientError.malformed(.yuju, endpoint: request.endpoint, status: response.status, snippet: BodySnippet.make(response.body, redactor: transport.redactor), detail: "no message in the error body")
            }
            throw ClientError.rejected(.yuju, endpoint: request.endpoint, status: response.status, message: transport.redactor.redact(text), code: nil)
        default:
            throw ClientError.malformed(.yuju, endpoint: request.endpoint, status: response.status, snippet: BodySnippet.make(response.body, redactor: transport.redactor), detail: "unexpected status")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: TransportResponse, _ request: TransportRequest) throws -> T {
        try VendorBody.decode(type, response, request, redactor: transport.redactor)
    }
}
