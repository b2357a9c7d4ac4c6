import Foundation
import OrderKit

/// `/orders/outbounds` (seed 000): create, list (oldest first) and update an order's records.
/// Every failure is Yuju's bare 400 `{"message":"Error."}`.
extension SandboxState {
    func createOutbound(authorization: String?, idChannel: String?, idOrder: String?, body: Data, statsKey: String) -> SandboxReply {
        if let refused = yujuGate(authorization: authorization, statsKey: statsKey) { return refused }
        guard let key = orderKey(idChannel: idChannel, idOrder: idOrder), let order = yuju.orders[key],
              let request = Self.readOutbound(body)
        else { return .message(.badRequest, YujuText.outboundError) }
        let stamp = WireTime.micro(now)
        let record = OutboundRecord(
            orderIntExternalPk: idGenerator.uuid(), createdAt: stamp, updatedAt: stamp,
            idChannel: key.idChannel, idOrder: key.idOrder, idShop: order.idShop,
            moduleName: request.moduleName, extra: request.extra ?? [:], reference: request.reference,
            message: request.message, status: request.status, type: request.type,
            actions: Self.storedActions(request.actions))
        yuju.appendOutbound(record, to: key)
        notifyOrder(.updatedOrder, key)
        return .json(.ok, record)
    }

    func listOutbounds(authorization: String?, idChannel: String?, idOrder: String?, statsKey: String) -> SandboxReply {
        if let refused = yujuGate(authorization: authorization, statsKey: statsKey) { return refused }
        guard let key = orderKey(idChannel: idChannel, idOrder: idOrder), yuju.orders[key] != nil else {
            return .message(.badRequest, YujuText.outboundError)
        }
        // Records are appended as created, so storage order is already oldest first.
        return .json(.ok, yuju.outbounds[key] ?? [])
    }

    func updateOutbound(authorization: String?, idChannel: String?, idOrder: String?, pk: String?, body: Data, statsKey: String) -> SandboxReply {
        if let refused = yujuGate(authorization: authorization, statsKey: statsKey) { return refused }
        guard let key = orderKey(idChannel: idChannel, idOrder: idOrder), let pk,
              yuju.outboundOwner[pk] == key,
              let index = yuju.outbounds[key]?.firstIndex(where: { $0.orderIntExternalPk == pk }),
              let request = Self.readOutbound(body)
        else { return .message(.badRequest, YujuText.outboundError) }
        var record = yuju.outbounds[key]![index]
        record.status = request.status
        record.message = request.message
        record.type = request.type
        record.reference = request.reference
        record.moduleName = request.moduleName
        record.extra = request.extra ?? [:]
        record.actions = Self.storedActions(request.actions)
        record.updatedAt = WireTime.micro(now)
        yuju.outbounds[key]![index] = record
        notifyOrder(.updatedOrder, key)
        return .json(.ok, record)
    }

    func orderKey(idChannel: String?, idOrder: String?) -> OrderKey? {
        guard let idChannel = idChannel.flatMap({ Int($0) }), let idOrder, !idOrder.isEmpty else { return nil }
        return OrderKey(idChannel: idChannel, idOrder: idOrder)
    }

    nonisolated static func readOutbound(_ body: Data) -> OutboundRequest? {
        guard let request = try? JSONDecoder().decode(OutboundRequest.self, from: body) else { return nil }
        do { try request.validate() } catch { return nil }
        return request
    }

    /// Each action's `params` is stored and returned as a JSON-encoded string (seed 000).
    nonisolated static func storedActions(_ actions: [OutboundRequest.Action]?) -> [OutboundRecord.Action] {
        (actions ?? []).map { action in
            let params = if case .string(let text) = action.params { text } else { StoredParamsText.encode(action.params) }
            return OutboundRecord.Action(params: params, message: action.message, name: action.name)
        }
    }
}
