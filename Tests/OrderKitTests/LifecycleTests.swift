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
    }

    @Test func stepsFollowTheLifecycleOneAllowedMoveAtATime() {
        #expect(OrderLifecycle.steps(from: .pending, to: .shipped) == [.readyToShip, .shipped])
        #expect(OrderLifecycle.steps(from: .pending, to: .delivered) == [.readyToShip, .shipped, .delivered])
        #expect(OrderLifecycle.steps(from: .readyToShip, to: .canceled) == [.canceled])
        #expect(OrderLifecycle.steps(from: .shipped, to: .canceled).isEmpty)
        #expect(OrderLifecycle.steps(from: .shipped, to: .readyToShip).isEmpty)
        #expect(OrderLifecycle.steps(from: .shipped, to: .shipped).isEmpty)
        // Every step of every path is itself allowed.
        for from in OrderStatus.known {
            for to in OrderStatus.settable {
                var at = from
                for step in OrderLifecycle.steps(from: from, to: to) {
                    #expect(OrderLifecycle.canTransition(from: at, to: step), "\(from) → \(to) via \(at) → \(step)")
                    at = step
                }
            }
        }
        #expect(OrderLifecycle.reachable(from: .pending) == [.readyToShip, .shipped, .delivered, .canceled])
        #expect(OrderLifecycle.reachable(from: .shipped) == [.delivered])
        #expect(OrderLifecycle.reachable(from: .canceled).isEmpty)
    }

    @Test func planChainsStepsPerItemAndNamesBlockedOrders() {
        let a = OrderKey(idChannel: 1, idOrder: "A"), b = OrderKey(idChannel: 1, idOrder: "B"), c = OrderKey(idChannel: 2, idOrder: "C")
        let plan = StatusChangePlan(target: .shipped, carrier: "DHL", orders: [
            // Two items ready, one pending, one already shipped: the pending one takes two steps.
            .init(key: a, status: .pending, items: [
                .init(wireId: "r1", status: .readyToShip), .init(wireId: "r2", status: .readyToShip),
                .init(wireId: "p1", status: .pending), .init(wireId: "s1", status: .shipped),
            ]),
            .init(key: b, status: .delivered),
            // Items unknown: the order goes as a whole, step by step.
            .init(key: c, status: .pending),
        ])
        #expect(plan.requests == [
            StatusChangeRequest(idOrder: "A", idChannel: 1, status: .readyToShip, carrier: "DHL", idItems: ["p1"]),
            StatusChangeRequest(idOrder: "A", idChannel: 1, status: .shipped, carrier: "DHL", idItems: ["r1", "r2", "p1"]),
            StatusChangeRequest(idOrder: "C", idChannel: 2, status: .readyToShip, carrier: "DHL"),
            StatusChangeRequest(idOrder: "C", idChannel: 2, status: .shipped, carrier: "DHL"),
        ])
        #expect(plan.blocked == [StatusChangePlan.Blocked(key: b, status: .delivered)])
        // Only the chosen items; every item of the order leaves id_items out.
        let chosen = StatusChangePlan(target: .canceled, carrier: nil, orders: [
            .init(key: a, status: .pending, items: [.init(wireId: "x", status: .pending), .init(wireId: "y", status: .pending)], chosen: ["y"]),
            .init(key: b, status: .pending, items: [.init(wireId: "x", status: .pending), .init(wireId: "y", status: .readyToShip)]),
        ])
        #expect(chosen.requests.map(\.idItems) == [["y"], nil])
    }

    @Test func aChangeFitsTheOrderAsItIsNow() {
        var order = YujuOrder(idChannel: 1, idOrder: "A", status: .pending, items: [
            .init(idItem: "1", sku: "S1", status: .readyToShip), .init(idItem: "2", sku: "S2", status: .pending),
        ])
        #expect(StatusChangeRequest(idOrder: "A", idChannel: 1, status: .shipped, idItems: ["S1"]).fit(order) == .allowed)
        #expect(StatusChangeRequest(idOrder: "A", idChannel: 1, status: .readyToShip, idItems: ["S1"]).fit(order) == .reached)
        #expect(StatusChangeRequest(idOrder: "A", idChannel: 1, status: .shipped).fit(order) == .notAllowed(current: .pending))
        order.items?[1].status = .canceled
        #expect(StatusChangeRequest(idOrder: "A", idChannel: 1, status: .canceled, idItems: ["2"]).fit(order) == .reached)
        #expect(order.startingStatus(for: nil) == .readyToShip)
        #expect(order.startingStatus(for: ["S2"]) == .canceled)
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
        #expect(SystemMapping.defaultBridgeStates[.shipped] == .transit && SystemMapping.defaultBridgeStates[.pending] == nil)

        let order = YujuOrder(idChannel: 4301, idOrder: "50032", status: .readyToShip, orderCreatedAt: "2024-09-23T18:55:58",
                              currency: "MXN", total: 100, items: [.init(idItem: "1", sku: "SKU-10", name: "Taza", quantity: 2, price: 50)])
        let dc = try DatacrushOrder(yuju: order)
        #expect(dc.id == Assumed.DatacrushIds.order(channel: 4301, idOrder: "50032") && dc.orderNumber == 50032)
        #expect(dc.currencyCode == "mxn" && dc.createdAt == "2024-09-23")
        #expect(dc.items.first?.quantity == 2)
    }
}
