import OrderKit
import Testing

@Suite struct LifecycleTests {
    static let allowed: Set<[String]> = [
        ["pending", "ready_to_ship"], ["ready_to_ship", "shipped"], ["shipped", "delivered"],
        ["pending", "canceled"], ["ready_to_ship", "canceled"],
    ]

    /// Every pair of Yuju statuses, checked against the table above; same-status is accepted.
    @Test func everyYujuTransition() {
        for from in OrderStatus.known {
            for to in OrderStatus.known {
                let expected = from == to || Self.allowed.contains([from.rawValue, to.rawValue])
                #expect(OrderLifecycle.canTransition(from: from, to: to) == expected, "\(from) → \(to)")
            }
        }
    }

    @Test func targetsOffered() {
        #expect(OrderLifecycle.targets(from: .pending) == [.readyToShip, .canceled])
        #expect(OrderLifecycle.targets(from: .readyToShip) == [.shipped, .canceled])
        #expect(OrderLifecycle.targets(from: .shipped) == [.delivered])
        #expect(OrderLifecycle.targets(from: .delivered).isEmpty)
        #expect(OrderLifecycle.targets(from: .canceled).isEmpty)
        // Moving to the status an order already has is accepted, so a mixed bulk may still pick it.
        #expect(OrderLifecycle.commonTargets(from: [.pending, .readyToShip]) == [.readyToShip, .canceled])
        #expect(OrderLifecycle.commonTargets(from: [.pending, .shipped]).isEmpty)
        #expect(OrderLifecycle.commonTargets(from: [OrderStatus]()).isEmpty)
    }

    @Test func orderStatusFromItems() {
        #expect(OrderLifecycle.orderStatus(fromItems: [.shipped, .readyToShip]) == .readyToShip)
        #expect(OrderLifecycle.orderStatus(fromItems: [.shipped, .canceled]) == .shipped)
        #expect(OrderLifecycle.orderStatus(fromItems: [.canceled, .canceled]) == .canceled)
    }

    /// Every pair of BRIDGE states: final states refuse with 1023, same state with 1021.
    @Test func everyBridgeTransition() {
        for from in BridgeState.allCases {
            for to in BridgeState.allCases {
                var code: Int?
                do { try BridgeLifecycle.check(from: from, to: to) } catch { code = error.code }
                let expected: Int? = from.isFinal ? 1023 : (from == to ? 1021 : nil)
                #expect(code == expected, "\(from) → \(to)")
            }
        }
        #expect(BridgeState.allCases.filter(\.isFinal) == [.closed, .cancelled])
    }

    @Test func mappingToBridgeAndDatacrush() throws {
        let mapping = SystemMapping(bridgeChannels: [4301: "PEYA"])
        let key = OrderKey(idChannel: 4301, idOrder: "50032")
        #expect(mapping.bridgeChange(for: key, to: .shipped) == BridgeChangeRequest(orderState: "transit", externalNumber: "50032", channel: "PEYA"))
        #expect(mapping.bridgeChange(for: key, to: .pending) == nil)
        #expect(mapping.bridgeChange(for: OrderKey(idChannel: 9, idOrder: "1"), to: .shipped) == nil)

        let order = YujuOrder(idChannel: 4301, idOrder: "50032", status: .readyToShip, orderCreatedAt: "2024-09-23T18:55:58",
                              currency: "MXN", total: 100, items: [.init(idItem: "1", sku: "SKU-10", name: "Taza", quantity: 2, price: 50)])
        let dc = try DatacrushOrder(yuju: order)
        #expect(dc.id == 50032 && dc.orderNumber == 50032 && dc.currencyCode == "mxn" && dc.createdAt == "2024-09-23")
        #expect(dc.items.first?.quantity == 2)
        var odd = order
        odd.idOrder = "21972600150-A"
        #expect(throws: DatacrushMappingError.nonNumericId("21972600150-A")) { try DatacrushOrder(yuju: odd) }
    }
}
