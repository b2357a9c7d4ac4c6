import Foundation
import HTTPTypes
import Hummingbird

/// BRIDGE's routes under `/bridge`.
enum BridgeRoutes {
    static func register(on router: Router<SandboxRequestContext>, state: SandboxState) {
        let bridge = router.group("bridge")

        bridge.post("auth/login") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.bridgeLogin(body: body).response
        }

        bridge.post("order/change-status/state/change") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.bridgeChangeState(token: request.headers[accessToken], body: body).response
        }

        bridge.post("order/status") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.bridgeStatus(token: request.headers[accessToken], body: body).response
        }
    }

    static let accessToken = HTTPField.Name("x-access-token")!
}
