import Foundation
import OrderKit

/// `PUT /orders/status` (seed 001): validation with Yuju's texts, the lifecycle, per-item changes.
extension SandboxState {
    func changeStatus(authorization: String?, body: Data, statsKey: String) -> SandboxReply {
        if let refused = yujuGate(authorization: authorization, statsKey: statsKey) { return refused }
        let request: StatusChangeRequest
        switch Self.readStatusChange(body) {
        case .failure(let failure): return .message(.badRequest, failure.message)
        case .success(let parsed): request = parsed
        }
        guard var order = yuju.orders[request.key] else { return .message(.badRequest, Assumed.orderNotFound) }
        var items = order.items ?? []

        // Which items change: the named ones (by SKU or id_item), or every item still alive.
        var targets: [Int] = []
        if let wanted = request.idItems {
            for wire in wanted {
                guard let index = items.firstIndex(where: { $0.sku == wire || $0.idItem == wire }) else {
                    return .message(.badRequest, Assumed.itemNotInOrder(wire))
                }
                if !targets.contains(index) { targets.append(index) }
            }
        } else {
            guard OrderLifecycle.canTransition(from: order.status, to: request.status) else {
                return .message(.badRequest, Assumed.transitionRefused(from: order.status.rawValue, to: request.status.rawValue))
            }
            targets = items.indices.filter { items[$0].status != .canceled || order.status == .canceled }
        }
        for index in targets {
            let current = items[index].status ?? order.status
            guard OrderLifecycle.canTransition(from: current, to: request.status) else {
                return .message(.badRequest, Assumed.transitionRefused(from: current.rawValue, to: request.status.rawValue))
            }
        }

        let changed = targets.filter { (items[$0].status ?? order.status) != request.status }
        guard !changed.isEmpty || (request.idItems == nil && order.status != request.status) else {
            stats.noopStatusPuts += 1
            return .json(.ok, StatusChangeResponse())
        }
        for index in changed { items[index].status = request.status }
        let before = order.status
        let carrier = request.carrier ?? SandboxText.defaultCarrier
        order.items = items
        order.status = items.isEmpty ? request.status : OrderLifecycle.orderStatus(fromItems: items.map { $0.status ?? before })
        order.carrier = carrier
        order.orderUpdatedAt = WireTime.seconds(now)
        yuju.orders[request.key] = order
        stats.transitions[request.key.description, default: []].append(.init(
            from: before.rawValue, to: request.status.rawValue,
            items: changed.map { items[$0].wireId }, carrier: carrier, at: WireTime.micro(now)))
        notifyOrder(.updatedOrder, request.key)
        return .json(.ok, StatusChangeResponse())
    }

    /// Reads the raw body leniently (ids as strings or numbers) and applies the shared
    /// validation, so the texts are the ones the client checks before sending.
    nonisolated static func readStatusChange(_ body: Data) -> Result<StatusChangeRequest, ValidationFailure> {
        let fields = SandboxJSON.parse(body)?.objectValue ?? [:]
        let idOrder = fields["id_order"]?.lenientString
        let idChannel = fields["id_channel"]?.lenientInt
        let status = fields["status"]?.lenientString
        do throws(ValidationFailure) {
            try StatusChangeRequest.validate(idOrder: idOrder, idChannel: idChannel, status: status)
            var carrier: String?
            switch fields["carrier"] {
            case nil, .null?: carrier = nil
            case .string(let text)?: carrier = text
            default: carrier = ""
            }
            var idItems: [String]?
            switch fields["id_items"] {
            case nil, .null?: idItems = nil
            case .array(let values)?: idItems = values.map { $0.lenientString ?? "" }
            default: idItems = []
            }
            let request = StatusChangeRequest(
                idOrder: idOrder ?? "", idChannel: idChannel ?? 0, status: OrderStatus(status ?? ""),
                carrier: carrier, idItems: idItems)
            try request.validate()
            return .success(request)
        } catch {
            return .failure(error)
        }
    }
}
