import Foundation
import Logging

/// Sends one vendor request through its pacer and the retry policy. Returns the first answer
/// that is neither 429 nor 5xx (the client reads it); throws when retries are exhausted.
struct VendorCaller: Sendable {
    let transport: HTTPTransport
    let pacer: (any RequestPacer)?
    let retry: RetryPolicy
    let logger: Logger

    /// `retryRateLimit: false` hands a 429 back to the caller (report runs: their 429 means
    /// hours, not seconds).
    /// `retryUnknownOutcome: false` gives up at once after a timeout, dropped connection or 5xx:
    /// for requests that are not idempotent, whose caller must check before sending again.
    func call(_ request: TransportRequest, retryRateLimit: Bool = true, retryUnknownOutcome: Bool = true) async throws -> TransportResponse {
        var attempt = 0
        var rateLimitWaits = 0
        while true {
            attempt += 1
            if let pacer { try await acquire(pacer, for: request) }
            let failure: ClientError
            do {
                let response = try await transport.send(request)
                AttemptTracker.current?.sent()
                switch response.status {
                case 429 where retryRateLimit:
                    let message = VendorBody.message(in: response.body).map(transport.redactor.redact) ?? BodySnippet.make(response.body, redactor: transport.redactor)
                    let wait = response.retryAfter ?? Assumed.rateLimitFallbackSeconds
                    await pacer?.pause(for: wait, message: message)
                    failure = .rateLimited(request.system, endpoint: request.endpoint, retryAfter: response.retryAfter, message: message)
                case 500...599:
                    failure = .serverError(request.system, endpoint: request.endpoint, status: response.status, snippet: BodySnippet.make(response.body, redactor: transport.redactor))
                default:
                    return response
                }
            } catch let error as ClientError {
                failure = error
            }
            if failure.outcomeUnknown { AttemptTracker.current?.count() }
            if case .transport = failure, failure.mayHaveReachedServer { AttemptTracker.current?.sent() }
            if !retryUnknownOutcome, failure.outcomeUnknown { throw failure }
            switch retry.decide(failure, attempt: attempt, rateLimitWaits: rateLimitWaits) {
            case .giveUp:
                throw failure
            case .backoff(let delay):
                logger.debug("retrying \(request.system.rawValue) \(request.endpoint) in \(String(format: "%.2f", delay)) s after: \(failure)")
                try await retry.clock.sleep(delay)
            case .rateLimited(let wait):
                // The pacer already holds everyone back for `wait`; without one, wait here.
                rateLimitWaits += 1
                attempt -= 1
                logger.info("429 on \(request.system.rawValue) \(request.endpoint): waiting \(wait) s as told")
                if pacer == nil { try await retry.clock.sleep(wait) }
            }
        }
    }
}

extension VendorCaller {
    /// A shared budget that cannot be reached (the team's database is down) stops the request
    /// before it leaves, as a connection failure: retryable, and never a stray error type.
    private func acquire(_ pacer: any RequestPacer, for request: TransportRequest) async throws {
        do {
            try await pacer.acquire(priority: request.priority)
        } catch let error as ClientError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ClientError.transport(request.system, endpoint: request.endpoint, .connectionFailed("the shared budget cannot be reached: \(error)"))
        }
    }
}

/// Reads the human text out of any vendor's error body.
enum VendorBody {
    static func message(in body: Data) -> String? {
        guard let value = try? JSONDecoderFactory.make().decode(JSONValue.self, from: body) else { return nil }
        if let text = value["message"]?.stringValue, !text.isEmpty { return text }
        if let text = value["error"]?["message"]?.stringValue { return text }
        return nil
    }

    /// Decodes `T` or throws `.malformed` with the endpoint, status and the first bytes.
    static func decode<T: Decodable>(_ type: T.Type, _ response: TransportResponse, _ request: TransportRequest, redactor: Redactor) throws -> T {
        do {
            return try JSONDecoderFactory.make().decode(T.self, from: response.body)
        } catch {
            throw ClientError.malformed(
                request.system, endpoint: request.endpoint, status: response.status,
                snippet: BodySnippet.make(response.body, redactor: redactor), detail: "expected \(T.self): \(Self.reason(error))")
        }
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "undecodable"
        }
    }
}

/// Counts the requests of one logical operation: those whose outcome is unknown (timeout,
/// dropped connection, 5xx), so the outbox knows whether a later refusal answered a resend (the
/// first attempt may have landed) or a first try; and every request that reached the server or
/// may have, so a change shows how many it really took.
public final class AttemptTracker: @unchecked Sendable {
    @TaskLocal public static var current: AttemptTracker?
    private let lock = NSLock()
    private var uncertain = 0
    private var requests = 0

    public init() {}

    /// A request's outcome is unknown: it may have landed.
    public func count() { lock.withLock { uncertain += 1 } }
    /// A request reached the server, or may have.
    public func sent() { lock.withLock { requests += 1 } }
    public var uncertainAttempts: Int { lock.withLock { uncertain } }
    public var requestsSent: Int { lock.withLock { requests } }
}
