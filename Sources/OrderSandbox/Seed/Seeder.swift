import Foundation
import OrderKit

/// Builds the sandbox's data from a seed: the same seed and order count always give the same
/// orders (dates are relative to `now`, the sandbox clock at seeding).
struct Seeder {
    struct Channel {
        var id: Int
        var shop: Int
        var currency: String
        var phonePrefix: String
    }

    static let channels = [
        Channel(id: 4301, shop: 307, currency: "MXN", phonePrefix: "+52 55 "),
        Channel(id: 4308, shop: 512, currency: "MXN", phonePrefix: "+52 33 "),
        Channel(id: 4312, shop: 733, currency: "ARS", phonePrefix: "+54 11 "),
        Channel(id: 1311, shop: 1083, currency: "ARS", phonePrefix: "+54 351 "),
    ]

    /// Orders the seed pages' own examples address, so each example works against the sandbox:
    /// seed 001's `12345`/4308 with item `sku1`, seed 000's `50032`/4301, seed 002's `21972602301-A`.
    static let fixtureIds: [(id: String, channel: Int)] = [("12345", 4308), ("50032", 4301), ("21972602301-A", 1311)]

    /// Where the hostile strings go, from the fourth order on.
    private enum HostileField { case firstName, lastName, notes, outboundMessage }
    private static let hostilePlacement: [(String, HostileField)] = [
        (HostileText.csi, .firstName), (HostileText.osc52, .notes), (HostileText.osc8, .lastName),
        (HostileText.c1, .notes), (HostileText.bidi, .lastName), (HostileText.nul, .outboundMessage),
        (HostileText.zeroWidth, .firstName), (HostileText.longNote, .notes),
    ]

    let count: Int
    let seed: UInt64
    let now: Date

    func build() -> (YujuStore, BridgeStore) {
        var rng = SplitMix64(seed: seed)
        var yuju = YujuStore()
        var bridge = BridgeStore()
        yuju.orders.reserveCapacity(count)
        yuju.keys.reserveCapacity(count)
        yuju.keyByIdOrder.reserveCapacity(count)
        var nextItemId = 1
        for index in 0..<count {
            var (order, outbounds) = makeOrder(index: index, rng: &rng, nextItemId: &nextItemId)
            let hostile = index >= 3 ? Self.hostilePlacement[safe: index - 3] : nil
            if let (text, field) = hostile {
                switch field {
                case .firstName: order.customer?.firstName = text
                case .lastName: order.customer?.lastName = text
                case .notes: order.notes = text
                case .outboundMessage:
                    if outbounds.isEmpty { outbounds = [makeOutbound(for: order, after: now.addingTimeInterval(-3600), rng: &rng)] }
                    outbounds[0].message = text
                }
            }
            yuju.insert(order)
            for record in outbounds { yuju.appendOutbound(record, to: order.id) }
            bridge.insert(BridgeOrder(
                internalNumber: BridgeStore.internalNumber(sequence: index + 1),
                externalNumber: order.idOrder,
                channel: BridgeStore.channelCode(forYujuChannel: order.idChannel),
                state: SystemMapping.defaultBridgeStates[order.status] ?? .confirmed))
        }
        return (yuju, bridge)
    }

    /// A new order for `POST /_sandbox/orders`: seeded like the others (`index` continues the
    /// sequence, so its id is unique), but pending, with pending items, paid and updated now.
    func newPendingOrder(index: Int, rng: inout SplitMix64) -> YujuOrder {
        // Item ids far above the seeded ones (fewer than 6 per order), 10 per new order.
        var nextItemId = 50_000_000 + index * 10
        var (order, _) = makeOrder(index: max(index, Self.fixtureIds.count), rng: &rng, nextItemId: &nextItemId)
        let stamp = WireTime.seconds(now)
        order.status = .pending
        order.items = order.items?.map { item in
            var item = item
            item.status = .pending
            return item
        }
        order.carrier = nil
        order.orderCreatedAt = stamp
        order.paymentAccreditedAt = stamp
        order.orderUpdatedAt = stamp
        return order
    }

    private func makeOrder(index: Int, rng: inout SplitMix64, nextItemId: inout Int) -> (YujuOrder, [OutboundRecord]) {
        let fixture = Self.fixtureIds[safe: index]
        let channel = fixture.flatMap { f in Self.channels.first { $0.id == f.channel } } ?? rng.pick(Self.channels)
        let idOrder: String
        if let fixture {
            idOrder = fixture.id
        } else if index % 50 == 7 {
            idOrder = "21972" + Self.pad(index, 6) + "-A"
        } else {
            idOrder = String(10_000_000 + index * 10 + rng.int(0..<10))
        }

        let roll = rng.int(0..<100)
        let status: OrderStatus = fixture != nil ? .pending
            : roll < 36 ? .pending : roll < 50 ? .readyToShip : roll < 68 ? .shipped : roll < 88 ? .delivered : .canceled

        // Items: distinct SKUs within the order.
        let itemCount = fixture?.id == "12345" ? 2 : rng.int(1..<6)
        var productIndexes: [Int] = []
        while productIndexes.count < itemCount {
            let candidate = rng.int(0..<SeedCatalog.products.count)
            if !productIndexes.contains(candidate) { productIndexes.append(candidate) }
        }
        // A shipped or delivered order sometimes lost one item to a cancellation.
        let canceledItem = (status == .shipped || status == .delivered) && itemCount > 1 && rng.chance(0.1) ? rng.int(0..<itemCount) : -1
        var items: [YujuOrder.Item] = []
        var subtotal = 0.0
        for (position, productIndex) in productIndexes.enumerated() {
            let product = SeedCatalog.products[productIndex]
            let quantity = rng.chance(0.8) ? 1 : rng.int(2..<5)
            let price = (product.2 * (channel.currency == "ARS" ? 55 : 1) * 100).rounded() / 100
            subtotal += price * Double(quantity)
            let sku = fixture?.id == "12345" ? "sku\(position + 1)" : product.0
            items.append(YujuOrder.Item(
                idItem: String(nextItemId), sku: sku, name: product.1, quantity: quantity, price: price,
                status: position == canceledItem ? .canceled : status))
            nextItemId += 1
        }

        let first = rng.pick(SeedCatalog.firstNames)
        let last = rng.pick(SeedCatalog.lastNames)
        let email = "\(first.1).\(last.1)\(rng.int(1..<999))@\(rng.pick(SeedCatalog.mailDomains))"
        let phone = channel.phonePrefix + String(rng.int(1000..<10000)) + " " + String(rng.int(1000..<10000))

        let created = now.addingTimeInterval(-Double(rng.int(3600..<(200 * 86_400))))
        let accredited = min(now, created.addingTimeInterval(Double(rng.int(60..<7200))))
        let updated = status == .pending ? accredited : min(now, accredited.addingTimeInterval(Double(rng.int(3600..<(5 * 86_400)))))
        let shipping = (Double(rng.int(0..<20)) * 10 * (channel.currency == "ARS" ? 55 : 1))
        let total = ((subtotal + shipping) * 100).rounded() / 100

        let billing: JSONValue = .object([
            "first_name": .string(first.0), "last_name": .string(last.0),
            "address1": .string("\(rng.pick(SeedCatalog.streets)) \(rng.int(1..<3000))"),
            "city": .string(rng.pick(SeedCatalog.cities)),
            "zip": .string(String(rng.int(10000..<99999))),
            "country": .string(channel.currency == "MXN" ? "MX" : "AR"),
        ])
        let order = YujuOrder(
            idShop: channel.shop, idChannel: channel.id, idOrder: idOrder, status: status,
            orderCreatedAt: WireTime.seconds(created), orderUpdatedAt: WireTime.seconds(updated),
            paymentAccreditedAt: WireTime.seconds(accredited), currency: channel.currency,
            total: total, paidTotal: total, shippingCost: shipping,
            notes: rng.pick(SeedCatalog.notes),
            carrier: status == .pending ? nil : rng.pick(SeedCatalog.carriers),
            customer: .init(firstName: first.0, lastName: last.0, email: email, phone: phone),
            billingAddress: billing, items: items, actions: [])

        var outbounds: [OutboundRecord] = []
        if fixture?.id == "50032" || rng.chance(0.4) {
            for _ in 0..<rng.int(1..<4) { outbounds.append(makeOutbound(for: order, after: accredited, rng: &rng)) }
            outbounds.sort { $0.createdAt < $1.createdAt }
        }
        return (order, outbounds)
    }

    private func makeOutbound(for order: YujuOrder, after created: Date, rng: inout SplitMix64) -> OutboundRecord {
        let (status, message) = rng.pick(SeedCatalog.outboundMessages)
        let at = min(now, created.addingTimeInterval(Double(rng.int(60..<86_400)) + Double(rng.int(0..<1_000_000)) / 1e6))
        var actions: [OutboundRecord.Action] = []
        if status == "error" {
            let params: JSONValue = .object([
                "id_order": .string(order.idOrder), "id_channel": .int(Int64(order.idChannel)),
                "id_shop": .int(Int64(order.idShop ?? 0)), "_url": .string("http://yuju.io/someurl"),
            ])
            actions.append(.init(params: StoredParamsText.encode(params), message: "Reintento de creación", name: "request_http"))
        }
        return OutboundRecord(
            orderIntExternalPk: rng.uuid(), createdAt: WireTime.micro(at), updatedAt: WireTime.micro(at),
            idChannel: order.idChannel, idOrder: order.idOrder, idShop: order.idShop,
            moduleName: "integracion default", extra: ["custom_field": .string("erp-\(rng.int(1000..<9999))")],
            reference: String(rng.int(100_000..<1_000_000)), message: message, status: status,
            type: Assumed.outboundType, actions: actions)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
