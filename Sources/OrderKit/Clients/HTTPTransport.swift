import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One HTTP exchange as the clients describe it.
public struct TransportRequest: Sendable {
    public var system: VendorSystem
    public var method: HTTPMethod
    /// Absolute URL; may hold a credential in its query (Datacrush), so it is only ever logged redacted.
    public var url: String
    /// `METHOD /path` without the query: safe for errors and logs.
    public var endpoint: String
    public var headers: HTTPHeaders
    public var body: Data?
    /// Whose work this is, for the budget: background requests wait behind the operator's.
    public var priority: RequestPriority

    public init(
        system: VendorSystem, method: HTTPMethod, url: String, endpoint: String, headers: HTTPHeaders = [:], body: Data? = nil,
        priority: RequestPriority = .operator
    ) {
        self.priority = priority
        self.system = system
        self.method = method
        self.url = url
        self.endpoint = endpoint
        self.headers = headers
        self.body = body
    }
}

public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The longest wait a `Retry-After` may ask for; a larger number is read as this.
    public static let maxRetryAfter: Double = 86_400

    /// `Retry-After` in seconds: a number (finite, not negative: `nan`, `inf` or `1e300` from a
    /// broken server must not reach a sleep or an Int), or an HTTP date (RFC 9110), read as the
    /// time until then (0 when it has passed). At most a day either way.
    public func retryAfter(now: Date = Date()) -> Double? {
        guard let text = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text) {
            guard seconds.isFinite, seconds >= 0 else { return nil }
            return min(seconds, Self.maxRetryAfter)
        }
        guard let date = Self.httpDate(text) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), Self.maxRetryAfter)
    }

    public var retryAfter: Double? { retryAfter() }

    /// `Wed, 21 Oct 2015 07:28:00 GMT` (IMF-fixdate, the form servers send).
    private static func httpDate(_ text: String) -> Date? {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: text)
    }
}

/// The one door to the network: every vendor call goes through one shared `HTTPClient`.
/// Maps every transport failure to `ClientError.transport` (retryable) and never lets a
/// credential reach a log line or an error.
public final class HTTPTransport: Sendable {
    public struct Options: Sendable {
        /// Whole-request deadline.
        public var requestTimeout: Double
        public var connectTimeout: Double
        /// Bodies larger than this are refused as malformed (report files are streamed instead).
        public var maxBodyBytes: Int

        public init(requestTimeout: Double = 30, connectTimeout: Double = 5, maxBodyBytes: Int = 32 << 20) {
            self.requestTimeout = requestTimeout
            self.connectTimeout = connectTimeout
            self.maxBodyBytes = maxBodyBytes
        }
    }

    private let client: HTTPClient
    public let options: Options
    public let redactor: Redactor
    private let logger: Logger

    public init(options: Options = Options(), redactor: Redactor, logger: Logger = Logger(label: "orderdesk.http")) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(options.connectTimeout * 1000)), read: .milliseconds(Int64(options.requestTimeout * 1000)))
        // A refused connection should fail now and be retried by our policy, with backoff we
        // control and count, rather than inside the pool until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.options = options
        self.redactor = redactor
        self.logger = logger
    }

    /// Must be called once when done (AsyncHTTPClient's rule).
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
            if !outgoing.headers.contains(name: "Content-Type") {
                outgoing.headers.add(name: "Content-Type", value: "application/json")
            }
        }
        outgoing.headers.replaceOrAdd(name: "Accept", value: "application/json")
        let started = ContinuousClock.now
        logger.trace("→ \(request.system.rawValue) \(request.method.rawValue) \(redactor.redact(request.url))")
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(options.requestTimeout * 1000)))
            let buffer: ByteBuffer
            do {
                buffer = try await response.body.collect(upTo: options.maxBodyBytes)
            } catch is NIOTooManyBytesError {
                // An answer, just not one any endpoint documents: malformed, not a network failure.
                throw ClientError.malformed(
                    request.system, endpoint: request.endpoint, status: Int(response.status.code),
                    snippet: "(body not read)", detail: "body larger than \(options.maxBodyBytes) bytes")
            }
            let body = Data(buffer.readableBytesView)
            logger.trace("← \(request.system.rawValue) \(request.endpoint) \(response.status.code) \(body.count) B in \(ContinuousClock.now - started)")
            return TransportResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            if error is CancellationError || error is ClientError { throw error }
            let failure = Self.classify(error)
            logger.debug("✗ \(request.system.rawValue) \(request.endpoint): \(redactor.redact(String(describing: failure)))")
            throw ClientError.transport(request.system, endpoint: request.endpoint, failure.redacted(by: redactor))
        }
    }

    /// Streams a body to a file (report files: possibly large). Sends no Authorization header.
    /// Returns the number of bytes written.
    public func download(system: VendorSystem, url: String, endpoint: String, to file: URL) async throws -> Int {
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = .GET
        logger.trace("→ \(system.rawValue) GET \(redactor.redact(url)) (download)")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: .seconds(600))
        } catch {
            if error is CancellationError { throw error }
            throw ClientError.transport(system, endpoint: endpoint, Self.classify(error).redacted(by: redactor))
        }
        let status = Int(response.status.code)
        guard status == 200 else {
            let head = (try? await response.body.collect(upTo: 4096)).map { Data($0.readableBytesView) } ?? Data()
            let snippet = BodySnippet.make(head, redactor: redactor)
            if status >= 500 { throw ClientError.serverError(system, endpoint: endpoint, status: status, snippet: snippet) }
            throw ClientError.rejected(system, endpoint: endpoint, status: status, message: snippet, code: nil)
        }
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var written = 0
        do {
            for try await chunk in response.body {
                try handle.write(contentsOf: Data(chunk.readableBytesView))
                written += chunk.readableBytes
            }
        } catch let error as ClientError {
            throw error
        } catch {
            if error is CancellationError { throw error }
            throw ClientError.transport(system, endpoint: endpoint, Self.classify(error).redacted(by: redactor))
        }
        return written
    }

    static func classify(_ error: any Error) -> TransportFailure {
        if let http = error as? HTTPClientError {
            switch http {
            // No connection yet: nothing was written.
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return .connectionFailed("timed out connecting")
            case .readTimeout, .writeTimeout, .deadlineExceeded, .tlsHandshakeTimeout:
                return .timeout
            case .remoteConnectionClosed, .cancelled:
                return .connectionClosed
            default:
                return .other(String(describing: http))
            }
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .connectionFailed("refused")
            case ECONNRESET, EPIPE: return .connectionClosed
            case ETIMEDOUT: return .timeout
            default: return .connectionFailed(io.description)
            }
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return .connectionFailed("timed out connecting")
            case .ioOnClosedChannel, .outputClosed, .inputClosed, .eof, .alreadyClosed: return .connectionClosed
            default: return .connectionFailed(String(describing: channel))
            }
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return .connectionFailed("refused") }
        if text.localizedCaseInsensitiveContains("reset") || text.localizedCaseInsensitiveContains("closed") { return .connectionClosed }
        return .connectionFailed(text)
    }
}

extension TransportFailure {
    func redacted(by redactor: Redactor) -> TransportFailure {
        switch self {
        case .connectionFailed(let text): .connectionFailed(redactor.redact(text))
        case .other(let text): .other(redactor.redact(text))
        default: self
        }
    }
}
