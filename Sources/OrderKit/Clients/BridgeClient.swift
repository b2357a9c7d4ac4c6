import Foundation
import Logging
import NIOHTTP1

/// Napse BRIDGE (`spec/api.md`): logs in with client id and secret, sends the token in
/// `x-access-token`, and when the token is refused logs in again once and retries.
public final class BridgeClient: Sendable {
    public let settings: BridgeSettings
    let caller: VendorCaller
    let transport: HTTPTransport
    private let session = TokenBox()
    private let logger: Logger

    public init(settings: BridgeSettings, transport: HTTPTransport, pacer: any RequestPacer, retry: RetryPolicy = .standard, logger: Logger = Logger(label: "orderdesk.bridge")) {
        self.settings = settings
        self.transport = transport
        self.caller = VendorCaller(transport: transport, pacer: pacer, retry: retry, logger: logger)
        self.logger = logger
    }

    /// `POST /auth/login` → token, kept for the next calls.
    @discardableResult
    public func login() async throws -> Secret {
        guard let secret = settings.clientSecret, !secret.isEmpty else {
            throw ClientError.notConfigured("BRIDGE client secret (bridge.client_secret or ORDERDESK_BRIDGE_CLIENT_SECRET)")
        }
        struct Body: Encodable { let clientId: String; let clientSecret: String }
        struct Answer: Decodable { let ack: Int; let token: String?; let message: String? }
        let request = makeRequest("/auth/login", body: Body(clientId: settings.clientId, clientSecret: secret.exposedValue), token: nil)
        // A login is not an attempt of the change it serves: kept out of that change's count.
        let response = try await AttemptTracker.$current.withValue(nil) { try await caller.call(request) }
        guard let answer = try? JSONDecoderFactory.make().decode(Answer.self, from: response.body) else {
            throw ClientError.malformed(.bridge, endpoint: request.endpoint, status: response.status, snippet: BodySnippet.make(response.body, redactor: transport.redactor), detail: "expected {ack, token}")
        }
        guard response.status == 200, answer.ack == BridgeAck.success, let token = answer.token, !token.isEmpty else {
            throw ClientError.unauthorized(.bridge, endpoint: request.endpoint, message: transport.redactor.redact(answer.message ?? Assumed.bridgeLoginRefused))
        }
        let value = Secret(token)
        await session.set(value)
        return value
    }

    /// `POST /order/change-status/state/change`. Success is `ack` 0; any other ack is thrown
    /// as `.rejected` with the code and BRIDGE's text (1021: already in that state).
    public func changeState(_ change: BridgeChangeRequest) async throws -> BridgeAckResponse {
        do { _ = try change.validate() } catch { throw ClientError.invalid(error) }
        return try await authenticated("/order/change-status/state/change", body: change, as: BridgeAckResponse.self)
    }

    /// `POST /order/status`: current state and history.
    public func status(internalNumber: String) async throws -> BridgeStatusResponse {
        guard !internalNumber.isEmpty else {
            throw ClientError.invalid(ValidationFailure(.bridge, BridgeText.orderCodeRequired, code: BridgeAck.orderCodeRequired, field: "internalOrderNumber"))
        }
        return try await authenticated("/order/status", body: BridgeStatusQuery(internalOrderNumber: internalNumber), as: BridgeStatusResponse.self)
    }

    // MARK: Plumbing


    private func authenticated<Body: Encodable & Sendable, Answer: Decodable>(_ path: String, body: Body, as: Answer.Type) async throws -> Answer {
        var relogged = false
        var token: Secret
        if let current = await session.current { token = current } else { token = try await login(); relogged = true }
        while true {
            let request = makeRequest(path, body: body, token: token)
            let response = try await caller.call(request)
            let ack = try? JSONDecoderFactory.make().decode(BridgeAckResponse.self, from: response.body)
            let refused = response.status == 401 || response.status == 403 || ack?.ack == BridgeAck.unauthorized
            if refused {
                guard !relogged else {
                    throw ClientError.unauthorized(.bridge, endpoint: request.endpoint, message: transport.redactor.redact(ack?.message ?? Assumed.bridgeUnauthorized))
                }
                logger.info("BRIDGE token refused on \(request.endpoint): logging in again")
                await session.clear()
                token = try await login()
                relogged = true
                continue
            }
            guard let ack else {
                throw ClientError.malformed(.bridge, endpoint: request.endpoint, status: response.status, snippet: BodySnippet.make(response.body, redactor: transport.redactor), detail: "expected {ack, message}")
            }
            guard ack.ack == BridgeAck.success else {
                throw ClientError.rejected(.bridge, endpoint: request.endpoint, status: response.status, message: transport.redactor.redact(ack.message), code: ack.ack)
            }
            return try VendorBody.decode(Answer.self, response, request, redactor: transport.redactor)
        }
    }

    private func makeRequest<Body: Encodable>(_ path: String, body: Body, token: Secret?) -> TransportRequest {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "x-access-token", value: token.exposedValue) }
        let data = try? JSONEncoderFactory.make().encode(body)
        return TransportRequest(system: .bridge, method: .POST, url: URLBuilder.make(settings.baseURL, path), endpoint: "POST \(path)", headers: headers, body: data, caFile: settings.caFile)
    }
}

/// The current BRIDGE session token.
actor TokenBox {
    private(set) var current: Secret?
    func set(_ token: Secret) { current = token }
    func clear() { current = nil }
}
