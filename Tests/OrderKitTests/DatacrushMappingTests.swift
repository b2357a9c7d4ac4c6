import Foundation
import OrderKit
import OrderSandbox
import Testing

/// Yuju orders become Datacrush orders whose ids survive two channels, re-pushes and
/// non-numeric ids, and one bad order never holds back the others.
@Suite struct DatacrushMappingTests {
    private static func order(_ channel: Int, _ id: String, email: String? = "ana@example.com", sku: String? = "ABC-001-RED", currency: String? = "MXN") -> YujuOrder {
        YujuOrder(
            idChannel: channel, idOrder: id, status: .pending, orderCreatedAt: "2026-11-02T10:00:00", currency: currency, total: 10,
            customer: .init(firstName: "Ana", lastName: "Ruiz", email: email),
            items: [.init(idItem: "1", sku: sku, name: "Taza", quantity: 1, price: 10)])
    }

    @Test func idsAreDistinctAcrossChannelsAndStableAcrossRuns() throws {
        let first = try DatacrushOrder(yuju: Self.order(4301, "50032"))
        let second = try DatacrushOrder(yuju: Self.order(4308, "50032"))
        #expect(first.id != second.id)
        #expect(first.orderNumber == 50032 && second.orderNumber == 50032)
        // The same order on another machine, or after a reinstall: computed, not counted.
        #expect(try DatacrushOrder(yuju: Self.order(4301, "50032")).id == first.id)
        // Pinned: a change of the scheme would re-create every order in Datacrush.
        #expect(first.id == 6_426_876_860_573_784, "scheme changed: \(first.id)")
        #expect(first.id > 0 && first.id < 1 << 53 && second.id < 1 << 53)
    }

    @Test func nonNumericIdsAreMappedWithTheirNumberKept() throws {
        let odd = try DatacrushOrder(yuju: Self.order(4301, "21972602301-A"))
        let plain = try DatacrushOrder(yuju: Self.order(4301, "21972602301"))
        #expect(odd.orderNumber == 21_972_602_301)
        #expect(odd.id != plain.id)
        #expect(try DatacrushOrder(yuju: Self.order(4301, "ABC")).orderNumber == DatacrushOrder(yuju: Self.order(4301, "ABC")).id)
    }

    @Test func oneCustomerPerEmailAndOneProductPerSku() throws {
        let a = try DatacrushOrder(yuju: Self.order(4301, "1", email: "Ana@Example.com "))
        let b = try DatacrushOrder(yuju: Self.order(4308, "2", email: "ana@example.com"))
        let c = try DatacrushOrder(yuju: Self.order(4301, "3", email: "luis@example.com"))
        #expect(a.customer.id == b.customer.id && a.customer.id != c.customer.id)
        let noEmail1 = try DatacrushOrder(yuju: Self.order(4301, "4", email: nil))
        let noEmail2 = try DatacrushOrder(yuju: Self.order(4301, "5", email: nil))
        #expect(noEmail1.customer.id != noEmail2.customer.id)

        let red = try DatacrushOrder(yuju: Self.order(4301, "6", sku: "ABC-001-RED"))
        let other = try DatacrushOrder(yuju: Self.order(4301, "7", sku: "XYZ-001"))
        #expect(red.items[0].productId != other.items[0].productId)  // the old digits-of-the-SKU gave 1 for both
        #expect(red.items[0].productId == a.items[0].productId && red.items[0].variantId == red.items[0].productId)
    }

    @Test func ordersBreakingARuleSayWhy() {
        #expect(throws: DatacrushMappingError.noCurrency) { try DatacrushOrder(yuju: Self.order(4301, "8", currency: nil)) }
        var noItems = Self.order(4301, "9")
        noItems.items = []
        #expect(throws: DatacrushMappingError.noItems) { try DatacrushOrder(yuju: noItems) }
        var noDate = Self.order(4301, "10")
        noDate.orderCreatedAt = nil
        #expect(throws: DatacrushMappingError.noCreationDate) { try DatacrushOrder(yuju: noDate) }
        #expect(!DatacrushMappingError.noCurrency.description.contains("decodificar"))
    }

    /// Against the sandbox: the same `id_order` on two channels, a non-numeric id, a re-push,
    /// and an order with no currency left out while the rest go.
    @Test func pushesTwoChannelsAndANonNumericIdAndLeavesOutABadOrder() async throws {
        try await ServiceHarness.with { h in
            let orders = [Self.order(4301, "777001"), Self.order(4308, "777001"), Self.order(4301, "21972602301-A"), Self.order(4301, "777002", currency: nil)]
            try h.store.upsertOrders(orders.map { StoredOrder(order: $0, raw: try JSONEncoder().encode($0)) })
            let plan = try await h.services.pushToDatacrush(orders.map(\.id))
            #expect(plan.skipped.map(\.0) == [OrderKey(idChannel: 4301, idOrder: "777002")])
            #expect(plan.skipped.first?.1.contains("currency") == true)
            await h.services.drainOutbox()
            #expect(try h.store.outboxEntry(id: plan.entry!.id)?.state == .sent)
            let held = await h.server.datacrushOrders()
            let expected = try orders.prefix(3).map { try DatacrushOrder(yuju: $0) }
            #expect(Set(held.keys) == Set(expected.map(\.id)))
            #expect(held[expected[0].id]?.source == "yuju:4301" && held[expected[1].id]?.source == "yuju:4308")

            let again = try await h.services.pushToDatacrush([orders[0].id])
            await h.services.drainOutbox()
            #expect(try h.store.outboxEntry(id: again.entry!.id)?.state == .sent)
            #expect(await h.server.datacrushOrders().count == 3)
        }
    }

    /// An entry queued before the mapping checked the rules reaches Datacrush, which refuses the
    /// batch naming the order: that order keeps the reason, the others are sent again alone.
    @Test func anErrorListNamingOneOrderSendsTheOthers() async throws {
        try await ServiceHarness.with { h in
            let good = try DatacrushOrder(yuju: Self.order(4301, "888001"))
            var bad = try DatacrushOrder(yuju: Self.order(4301, "888002"))
            bad.currencyCode = ""
            let keys = [OrderKey(idChannel: 4301, idOrder: "888001"), OrderKey(idChannel: 4301, idOrder: "888002")]
            let entry = try h.store.enqueue([.datacrush([good, bad], keys: keys)], user: "test", at: Date())[0]
            await h.services.drainOutbox()
            let sent = try #require(try h.store.outboxEntry(id: entry.id))
            #expect(sent.state == .sent)
            #expect(sent.response?.contains("4301/888002: Error al decodificar JSON (currency_code)") == true, "\(sent.response ?? "")")
            #expect(Set(await h.server.datacrushOrders().keys) == [good.id])
        }
    }
}
