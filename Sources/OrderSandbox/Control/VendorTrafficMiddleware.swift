import Foundation
import Hummingbird
import NIOCore
import OrderKit

/// The three emulated systems, told apart by path prefix.
enum VendorSystem: Sendable {
    case yuju, bridge, datacrush

    init?(path: String) {
        if path.hasPrefix("/yuju/") { self = .yuju }
        else if path.hasPrefix("/bridge/") { self = .bridge }
        else if path.hasPrefix("/datacrush/") { self = .datacrush }
        else { return nil }
    }

    /// Each system's 500 body, so a client parses it like a real one.
    var injectedError: SandboxReply {
        switch self {
        case .yuju: .message(.internalServerError, SandboxText.injectedError)
        case .bridge: .ack(BridgeAck.unknown, BridgeText.unknownError, status: .internalServerError)
        case .datacrush: .datacrushFail(.internalServerError, code: DatacrushError.internalError.code, message: DatacrushError.internalError.message)
        }
    }

    var forced429: SandboxReply {
        var reply: SandboxReply = switch self {
        case .yuju: .message(.tooManyRequests, SandboxText.yujuRateLimited)
        case .bridge: .ack(BridgeAck.unknown, SandboxText.tooManyRequests, status: .tooManyRequests)
        case .datacrush: .datacrushFail(.tooManyRequests, code: SandboxText.datacrushRateLimitedCode, message: SandboxText.datacrushRateLimited)
        }
        reply.retryAfter = "1"
        return reply
    }
}

/// Counts vendor requests for `/_sandbox/stats` and injects the configured faults. Control
/// routes (`/_sandbox/*`) and report files pass untouched.
struct VendorTrafficMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let state: SandboxState

    /// Thrown after the connection is closed on purpose, so nothing more is written.
    struct DroppedConnection: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.decodedPath
        guard let system = VendorSystem(path: path) else { return try await next(request, context) }
        let key = "\(request.method.rawValue) \(path)"
        let (decision, latencyMs) = await state.admitVendorRequest(key)
        if latencyMs > 0 { try await Task.sleep(for: .milliseconds(latencyMs)) }
        switch decision {
        case .none:
            return try await next(request, context)
        case .forced429:
            return system.forced429.response
        case .error500:
            return system.injectedError.response
        case .dropBefore:
            try? await context.channel.close()
            throw DroppedConnection()
        case .dropAfter:
            _ = try await next(request, context)
            try? await context.channel.close()
            throw DroppedConnection()
        }
    }
}

extension SandboxState {
    /// Counts the request and rolls the faults for it.
    func admitVendorRequest(_ key: String) -> (FaultDecision, Int) {
        countRequest(key)
        let latency = faults.latencyMs
        if faults.force429 {
            countRateLimited(key)
            return (.forced429, latency)
        }
        if faults.errorRate > 0, faultGenerator.chance(faults.errorRate) { return (.error500, latency) }
        if faults.dropRate > 0, faultGenerator.chance(faults.dropRate) {
            return (faultGenerator.chance(0.5) ? .dropBefore : .dropAfter, latency)
        }
        return (.none, latency)
    }
}
