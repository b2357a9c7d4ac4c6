import Foundation
import OrderKit

/// `POST /_sandbox/orders`: new pending orders, paid now, seeded like the rest (BRIDGE twin
/// included), each announced with `new-std-order`. `updates` (for burst tests) then touches the
/// new orders that many times in turn, each touch a real change announced with
/// `updated-std-order`, as fast as the sandbox sends.
extension SandboxState {
    static let maxNewOrders = 1_000
    static let maxUpdates = 10_000

    func createOrders(_ fields: [String: JSONValue]) -> SandboxReply {
        guard let count = fields["count"]?.lenientInt, (1...Self.maxNewOrders).contains(count) else {
            return .message(.badRequest, SandboxText.badControlRequest)
        }
        var updates = 0
        if let value = fields["updates"] {
            guard let n = value.lenientInt, (0...Self.maxUpdates).contains(n) else { return .message(.badRequest, SandboxText.badControlRequest) }
            updates = n
        }
        let seeder = Seeder(count: 0, seed: options.seed, now: now)
        var created: [OrderKey] = []
        for _ in 0..<count {
            let index = yuju.keys.count
            let order = seeder.newPendingOrder(index: index, rng: &idGenerator)
            yuju.insert(order)
            bridge.insert(BridgeOrder(
                internalNumber: BridgeStore.internalNumber(sequence: index + 1),
                externalNumber: order.idOrder,
                channel: BridgeStore.channelCode(forYujuChannel: order.idChannel),
                state: SystemMapping.defaultBridgeStates[order.status] ?? .confirmed))
            created.append(order.id)
            notifyOrder(.newOrder, order.id)
        }
        for touch in 0..<updates {
            let key = created[touch % created.count]
            guard var order = yuju.orders[key] else { continue }
            order.notes = "Nota del cliente, cambio \(touch / created.count + 1)"
            order.orderUpdatedAt = WireTime.seconds(now)
            yuju.orders[key] = order
            notifyOrder(.updatedOrder, key)
        }
        struct Created: Encodable {
            struct Key: Encodable {
                var idChannel: Int
                var idOrder: String
                enum CodingKeys: String, CodingKey { case idChannel = "id_channel", idOrder = "id_order" }
            }
            var orders: [Key]
        }
        return .json(.ok, Created(orders: created.map { .init(idChannel: $0.idChannel, idOrder: $0.idOrder) }))
    }
}
