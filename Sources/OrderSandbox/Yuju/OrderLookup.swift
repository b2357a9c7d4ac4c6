import Foundation
import OrderKit

/// `GET /orders/?id_channel=&id_order=`: one order in the normal structure.
extension SandboxState {
    func order(authorization: String?, idChannel: String?, idOrder: String?, statsKey: String) -> SandboxReply {
        if let refused = yujuGate(authorization: authorization, statsKey: statsKey) { return refused }
        guard let idOrder, !idOrder.isEmpty else { return .message(.badRequest, YujuText.idOrderRequired) }
        guard let channel = idChannel.flatMap({ Int($0) }) else { return .message(.badRequest, Assumed.idChannelRequired) }
        // 404 for a well-formed request naming no order (**assumed**; the pages document none).
        guard let order = yuju.orders[OrderKey(idChannel: channel, idOrder: idOrder)] else {
            return .message(.notFound, Assumed.orderNotFound)
        }
        return .json(.ok, order)
    }
}
