import Foundation
@testable import OrderKit
import OrderSandbox
import Testing

/// Yuju's dates are wall-clock times of its zone: filters are written in it, across a zone with
/// daylight saving and one without.
@Suite struct YujuTimeZoneTests {
    private static let winter = Date(timeIntervalSince1970: 1_768_478_400)  // 2026-01-15T12:00:00Z
    private static let summer = Date(timeIntervalSince1970: 1_784_116_800)  // 2026-07-15T12:00:00Z

    @Test func mexicoCityKeepsOneOffsetAllYear() throws {
        let zone = Assumed.yujuTimeZone
        #expect(zone.identifier == "America/Mexico_City")
        #expect(WireDate.formatFilter(Self.winter, in: zone) == "2026-01-15T06:00:00")
        #expect(WireDate.formatFilter(Self.summer, in: zone) == "2026-07-15T06:00:00")
    }

    @Test func aDaylightSavingZoneMovesWithTheSeason() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        #expect(WireDate.formatFilter(Self.winter, in: zone) == "2026-01-15T07:00:00")
        #expect(WireDate.formatFilter(Self.summer, in: zone) == "2026-07-15T08:00:00")
        // A 7-day filter across the March change still ends at the same wall-clock "now".
        let now = Date(timeIntervalSince1970: 1_773_489_600)  // 2026-03-14T12:00:00Z, DST began 03-08
        let from = WireDate.formatFilter(now.addingTimeInterval(-7 * 86_400), in: zone)
        #expect(from == "2026-03-07T07:00:00" && WireDate.formatFilter(now, in: zone) == "2026-03-14T08:00:00")
    }

    @Test func configChoosesTheZoneAndTheItemIdsAndRefusesUnknownOnes() throws {
        let loader = ConfigLoader(environment: [:])
        let config = try loader.parse("[yuju]\ntimezone = \"America/Santiago\"\nitem_ids = \"id_item\"\n", sourcePath: nil).config
        #expect(config.yuju.timeZone.identifier == "America/Santiago")
        #expect(config.yuju.itemIds == .idItem)
        #expect(try loader.parse("", sourcePath: nil).config.yuju.timeZone.identifier == "America/Mexico_City")
        #expect(throws: ConfigError.self) { try loader.parse("[yuju]\ntimezone = \"Mars/Olympus\"\n", sourcePath: nil) }
        #expect(throws: ConfigError.self) { try loader.parse("[yuju]\nitem_ids = \"name\"\n", sourcePath: nil) }
        let item = YujuOrder.Item(idItem: "77", sku: "ABC-1")
        #expect(item.wireId(.sku) == "ABC-1" && item.wireId(.idItem) == "77")
    }

    /// The sandbox, like Yuju, writes its own wall clock: a record made now carries the time a
    /// filter for "now" would name.
    @Test func theSandboxWritesYujusWallClock() async throws {
        try await ServiceHarness.with { h in
            let key = try #require(try await h.pendingOrders(1).first)
            let before = Date()
            _ = try await h.services.addOutbound(key, OutboundRequest(status: "ok", message: "zona", reference: "tz-1", channelId: key.idChannel))
            await h.services.drainOutbox()
            let record = try #require(try h.store.outbounds(for: key).first { $0.reference == "tz-1" })
            let expected = WireDate.formatFilter(before, in: Assumed.yujuTimeZone).prefix(15)  // to the ten minutes
            #expect(record.createdAt.hasPrefix(expected), "\(record.createdAt) vs \(expected)")
        }
    }
}
