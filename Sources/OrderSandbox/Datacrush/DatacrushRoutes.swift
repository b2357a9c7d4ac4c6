import Foundation
import Hummingbird

/// Datacrush's route under `/datacrush`. The api_key arrives in the query string: it is read
/// here and compared, never logged or echoed.
enum DatacrushRoutes {
    static func register(on router: Router<SandboxRequestContext>, state: SandboxState) {
        router.group("datacrush").post("ecommerce/v1/order/add") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.datacrushAddOrders(
                portalId: request.query("portal_id"), apiKey: request.query("api_key"), body: body
            ).response
        }
    }
}
