import Foundation
import OrderKit
@testable import OrderSandbox
import Testing

@Suite struct SeedTests {
    static func build(_ count: Int, seed: UInt64 = 42) -> YujuStore {
        Seeder(count: count, seed: seed, now: Date()).build().0
    }

    @Test func sameSeedSameData() {
        let a = Self.build(2000), b = Self.build(2000), c = Self.build(2000, seed: 7)
        func identity(_ s: YujuStore) -> [String] {
            s.keys.map { key in
                let o = s.orders[key]!
                return "\(key) \(o.status) \(o.customer?.fullName ?? "") \(o.items?.map { "\($0.sku ?? "")x\($0.quantity ?? 0)" } ?? []) \(o.total ?? 0) \(s.outbounds[key]?.map(\.orderIntExternalPk) ?? [])"
            }
        }
        #expect(identity(a) == identity(b))
        #expect(identity(a) != identity(c))
    }

    @Test func dataHasTheDocumentedProperties() {
        let store = Self.build(3000)
        let orders = store.keys.map { store.orders[$0]! }
        #expect(orders.count == 3000)
        #expect(Set(orders.map(\.idOrder)).count == 3000, "id_order unique across channels")
        #expect(Set(orders.map(\.idChannel)).count >= 3)
        #expect(orders.allSatisfy { $0.idOrder.count >= 5 && $0.idOrder.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") } })
        #expect(orders.contains { $0.idOrder.hasSuffix("-A") })
        let pending = orders.filter { $0.status == .pending }
        #expect(Double(pending.count) / 3000 >= 0.30)
        #expect(pending.allSatisfy { $0.items?.allSatisfy { $0.status == .pending } == true })
        #expect(Set(orders.map(\.status)) == Set(OrderStatus.known))
        #expect(orders.allSatisfy { ($0.paymentAccreditedAt?.count ?? 0) == 19 })
        #expect(orders.allSatisfy { order in
            let skus = order.items?.compactMap(\.sku) ?? []
            return (1...5).contains(skus.count) && Set(skus).count == skus.count
        })
        #expect(orders.allSatisfy { order in OrderLifecycle.orderStatus(fromItems: order.items!.map { $0.status! }) == order.status })
        #expect(orders.contains { $0.customer?.fullName.contains("Ñ") == true || $0.customer?.fullName.contains("á") == true })
        #expect(Set(orders.compactMap(\.currency)) == ["MXN", "ARS"])
        let dates = orders.compactMap(\.orderCreatedAt).sorted()
        let oldest = dates.first.flatMap(WireDate.parseFilter)
        #expect((oldest.map { Date().timeIntervalSince($0) } ?? 0) > 150 * 86_400)
        #expect(Double(store.outbounds.count) / 3000 > 0.3)
        #expect(store.outbounds.values.allSatisfy { (1...3).contains($0.count) })
        let orderTexts: [String] = orders.flatMap { [$0.notes ?? "", $0.customer?.firstName ?? "", $0.customer?.lastName ?? ""] }
        let outboundTexts: [String] = store.outbounds.values.flatMap { $0.map(\.message) }
        let texts = orderTexts + outboundTexts
        for hostile in HostileText.seeded { #expect(texts.contains(hostile)) }
        #expect(texts.contains { $0.utf8.count >= 10_000 })
    }

    @Test func seedsAHundredThousandOrdersInAFewSeconds() async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 100_000))
        let took = await server.seedDuration()
        print("seeding 100000 orders took \(took)")
        // Debug build on a shared 2-core CI machine; the release figure is in BENCHMARKS.md.
        #expect(took < .seconds(20))
        let reply = try await Harness(server: server).yuju(.GET, "/orders/?id_channel=4308&id_order=12345")
        #expect(reply.status == 200)
        #expect(await server.state.yuju.orders.count == 100_000)
        await server.stop()
    }
}
