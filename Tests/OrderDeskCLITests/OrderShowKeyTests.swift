import OrderKit
import Testing
@testable import OrderDeskCLI

/// `orders show ID`: `--channel` only when the id alone does not say which order.
@Suite struct OrderShowKeyTests {
    let a = OrderKey(idChannel: 4301, idOrder: "2001"), b = OrderKey(idChannel: 4308, idOrder: "2001")

    @Test func theIdAloneFindsTheOnlyOrderWithIt() throws {
        #expect(try OrdersCommand.Show.key("2001", channel: nil, cached: [a]) == a)
    }

    @Test func aChannelGivenIsTaken() throws {
        #expect(try OrdersCommand.Show.key("2001", channel: 4308, cached: [a, b]) == b)
    }

    @Test func twoChannelsWithTheIdAskWhich() {
        #expect {
            try OrdersCommand.Show.key("2001", channel: nil, cached: [a, b])
        } throws: { "\($0)".contains("4301, 4308") && "\($0)".contains("--channel") }
    }

    @Test func anIdNotCachedSaysHowToFetchIt() {
        #expect {
            try OrdersCommand.Show.key("2001", channel: nil, cached: [])
        } throws: { "\($0)".contains("not in the cache") && "\($0)".contains("orders refresh 2001") }
    }
}
