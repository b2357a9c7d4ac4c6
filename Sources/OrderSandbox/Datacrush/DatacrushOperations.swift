import Foundation
import OrderKit

/// Datacrush's order upload (seed 004): key, portal, rate limit, decoding, then an upsert of
/// the whole batch — a batch with one bad order changes nothing.
extension SandboxState {
    func datacrushAddOrders(portalId: String?, apiKey: String?, body: Data) -> SandboxReply {
        guard apiKey == SandboxCredentials.datacrushApiKey else {
            return .datacrushFail(.unauthorized, code: DatacrushError.unauthorized.code, message: DatacrushError.unauthorized.message)
        }
        guard portalId.flatMap({ Int($0) }) == SandboxCredentials.datacrushPortalId else {
            return .datacrushFail(.forbidden, code: DatacrushError.forbidden.code, message: DatacrushError.forbidden.message)
        }
        let now = now
        datacrush.calls.prune(now: now)
        guard datacrush.calls.events.count < Assumed.datacrushCallsPerMinute else {
            countRateLimited("POST /datacrush/ecommerce/v1/order/add")
            var reply = SandboxReply.datacrushFail(.tooManyRequests, code: SandboxText.datacrushRateLimitedCode, message: SandboxText.datacrushRateLimited)
            reply.retryAfter = String(max(1, Int(datacrush.calls.secondsUntilFree(now: now).rounded(.up))))
            return reply
        }
        datacrush.calls.record(now)
        guard let orders = try? JSONDecoder().decode([DatacrushOrder].self, from: body) else {
            return .datacrushFail(.badRequest, code: DatacrushError.decode.code, message: DatacrushError.decode.message)
        }
        var reasons: [JSONValue] = []
        for order in orders {
            do throws(ValidationFailure) { try order.validate() } catch {
                // Assumed.datacrushErrorListShape
                let message = error.field.map { "\(error.message) (\($0))" } ?? error.message
                reasons.append(.object(["id": .int(Int64(order.id)), "message": .string(message)]))
            }
        }
        guard reasons.isEmpty else {
            return .datacrushFail(.badRequest, code: Assumed.datacrushInvalidOrderCode, message: DatacrushError.decode.message, errorList: reasons)
        }
        for order in orders { datacrush.orders[order.id] = order }
        return .json(.ok, DatacrushResult.success)
    }

    /// The uploaded orders, for tests.
    func datacrushOrders() -> [Int: DatacrushOrder] { datacrush.orders }
}
