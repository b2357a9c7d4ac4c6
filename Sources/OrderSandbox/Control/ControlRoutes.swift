import Foundation
import Hummingbird
import OrderKit

/// `/_sandbox/*`: reset, clock, faults, stats, openapi.yaml, orders, webhooks. No authentication (loopback only),
/// never subject to faults.
enum ControlRoutes {
    /// A control route whose body is a JSON object; anything else is answered 400.
    private static func postObject(
        _ control: RouterGroup<SandboxRequestContext>, _ path: RouterPath,
        _ handle: @escaping @Sendable ([String: JSONValue]) async -> SandboxReply
    ) {
        control.post(path) { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            guard let fields = SandboxJSON.parse(body)?.objectValue else {
                return SandboxReply.message(.badRequest, SandboxText.badControlRequest).response
            }
            return await handle(fields).response
        }
    }

    static func register(on router: Router<SandboxRequestContext>, state: SandboxState) {
        let control = router.group("_sandbox")

        control.post("reset") { _, _ in
            await state.reset()
            return SandboxReply.json(.ok, ["ok": true]).response
        }

        control.post("clock") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            guard let seconds = SandboxJSON.parse(body)?["advance_seconds"]?.number, seconds >= 0, seconds.isFinite else {
                return SandboxReply.message(.badRequest, SandboxText.badControlRequest).response
            }
            return await state.advanceClock(seconds: seconds).response
        }

        postObject(control, "faults") { fields in await state.setFaults(fields) }

        postObject(control, "orders") { fields in await state.createOrders(fields) }

        postObject(control, "webhooks") { fields in await state.registerWebhook(fields) }

        control.get("stats") { _, _ in
            await state.statsReply().response
        }

        control.get("openapi.yaml") { _, _ in
            guard let yaml = OpenAPIDocument.yaml else {
                return SandboxReply.message(.internalServerError, "openapi.yaml is missing from the sandbox's resource bundle").response
            }
            var reply = SandboxReply(status: .ok, body: yaml)
            reply.contentType = "application/yaml; charset=utf-8"
            return reply.response
        }
    }
}

extension SandboxState {
    /// The clock moves at most a century ahead in all: past that, dates no longer fit the
    /// wire formats' arithmetic (schemathesis sent 1.6e308 and the sandbox trapped).
    static let maxClockOffset: Double = 100 * 365 * 86_400

    func advanceClock(seconds: Double) -> SandboxReply {
        guard clock.offset + seconds <= Self.maxClockOffset else { return .message(.badRequest, SandboxText.badControlRequest) }
        clock.advance(seconds: seconds)
        struct ClockState: Encodable {
            var offsetSeconds: Double
            var now: String
            enum CodingKeys: String, CodingKey { case offsetSeconds = "offset_seconds", now }
        }
        return .json(.ok, ClockState(offsetSeconds: clock.offset, now: WireTime.seconds(now)))
    }

    func setFaults(_ fields: [String: JSONValue]) -> SandboxReply {
        guard let updated = faults.merged(with: fields) else { return .message(.badRequest, SandboxText.badControlRequest) }
        faults = updated
        return .json(.ok, faults)
    }

    func statsReply() -> SandboxReply { .json(.ok, statsWithWebhooks()) }
}
