import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13, language and formats: numbers and money in the operator's locale, the currency on
/// every total and sorting within it, channel names, one timestamp format with the zone,
/// statuses and key names in Spanish, carriers by country, headers never cut.
@Suite struct FormatsTests {
    static func lines(_ state: AppState) -> [String] {
        ScreenView.render(state, theme: .builtIn).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func amountsFollowTheLocale() {
        #expect(DisplayFormats(locale: "es_AR").amount(69_575) == "69.575,00")
        #expect(DisplayFormats(locale: "es_MX").amount(69_575) == "69,575.00")
        #expect(DisplayFormats(locale: "en_US").amount(1_234.5) == "1,234.50")
        #expect(DisplayFormats(locale: "es_AR").grouped(100_000) == "100.000")
        #expect(DisplayFormats(locale: "en_US").grouped(3_000) == "3,000")
        #expect(DisplayFormats(locale: "es_AR").money(-10.5, currency: "ARS") == "-10,50 ARS")
        #expect(DisplayFormats(locale: "es_AR").amount(nil) == "" && DisplayFormats(locale: "es_AR").amount(.nan) == "")
        // The memo gives the same text on the second call.
        let formats = DisplayFormats(locale: "es_AR")
        #expect(formats.amount(0.1 + 0.2) == formats.amount(0.1 + 0.2))
    }

    @Test func everyTotalShowsItsCurrency() {
        for (language, locale) in [(Language.en, "en_US"), (.es, "es_AR")] {
            let lines = Self.lines(Fixtures.formatsState(language: language, locale: locale))
            let ars = lines.first { $0.contains("2000004567") } ?? ""
            #expect(ars.contains(locale == "es_AR" ? "69.575,00 ARS" : "69,575.00 ARS"), "\(ars)")
            let mxn = lines.first { $0.contains(" 2003 ") } ?? ""
            #expect(mxn.contains(locale == "es_AR" ? "15.000,00 MXN" : "15,000.00 MXN"), "\(mxn)")
        }
    }

    /// 69,575 ARS is about 1,300 MXN: sorting totals as plain numbers put it above every Mexican
    /// order. Totals sort within their currency.
    @Test func sortingByTotalGroupsByCurrency() {
        var state = Fixtures.formatsState(language: .en, locale: "en_US")
        state.orders.setSort(.total, descending: true)
        let order = (0..<state.orders.count).map { state.orders[$0] }
        let currencies = order.map { $0.currency ?? "" }
        #expect(currencies == currencies.sorted(by: >), "one run per currency: \(currencies)")
        let mxn = order.filter { $0.currency == "MXN" }.compactMap(\.total)
        #expect(mxn == mxn.sorted(by: >))
        state.orders.setSort(.total, descending: false)
        #expect((0..<state.orders.count).map { state.orders[$0].currency ?? "" } == currencies.reversed())
    }

    @Test func oneTimestampFormatWithTheZone() {
        let mexico = TimeZone(identifier: "America/Mexico_City")!
        let buenosAires = TimeZone(identifier: "America/Argentina/Buenos_Aires")!
        #expect(DisplayFormats.timestamp(wire: "2025-06-10T10:00:00", in: mexico) == "2025-06-10 10:00 UTC-6")
        #expect(DisplayFormats.timestamp(wire: "2024-09-23T18:55:58.968371", in: mexico) == "2024-09-23 18:55 UTC-6")
        #expect(DisplayFormats.timestamp(wire: "2025-06-10 10:05:00", in: mexico) == "2025-06-10 10:05 UTC-6")
        // A moment (a trailing Z) is shown as the wall clock of the zone.
        #expect(DisplayFormats.timestamp(wire: "2026-11-30T03:58:35Z", in: mexico) == "2026-11-29 21:58 UTC-6")
        #expect(DisplayFormats.timestamp(Date(timeIntervalSince1970: 1_750_000_000), in: buenosAires) == "2025-06-15 12:06 UTC-3")
        #expect(DisplayFormats.timestamp(wire: "not a date", in: mexico) == "not a date")
        #expect(DisplayFormats.zoneLabel(TimeZone(identifier: "Asia/Kolkata")!, at: Date()) == "UTC+5:30")
    }

    /// The detail, the audit trail and BRIDGE's history used three formats without a zone.
    @Test func theDetailShowsEveryTimeOneWay() {
        var state = Fixtures.formatsState(language: .en, locale: "en_US")
        Fixtures.press(&state, .char("g"), .enter)
        let key = Fixtures.argentineKey
        _ = Update.update(&state, .orderLoaded(key, Fixtures.argentineOrder()))
        _ = Update.update(&state, .outboundsLoaded(key, Fixtures.outbounds(key), fetched: true))
        _ = Update.update(&state, .auditLoaded(key, [AuditEntry(at: Fixtures.now, user: "ana", key: key, action: "x", outcome: "sent")]))
        _ = Update.update(&state, .bridgeLoaded(key, BridgeOrderHistory(changes: [], live: BridgeStatusResponse(
            ack: 0, message: "OK", currentStatus: "confirmed", currentStatusName: nil,
            history: [.init(initialState: "open", finalState: "confirmed", createdDate: "2025-06-14 16:25:00")]))))
        let text = Self.lines(state).joined(separator: "\n")
        for expected in ["2025-06-14 16:20 UTC-6", "2025-06-11 11:00 UTC-6", "2025-06-14 16:25 UTC-6", "2025-06-15 09:06 UTC-6"] {
            #expect(text.contains(expected), "\(expected) in\n\(text)")
        }
        let stray = try! NSRegularExpression(pattern: #"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?!\s*UTC)"#)
        #expect(stray.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "a time without its zone:\n\(text)")
    }

    @Test func statusesAndKeysInSpanish() {
        var state = Fixtures.formatsState(language: .es, locale: "es_MX")
        let list = Self.lines(state).joined(separator: "\n")
        for word in ["pendiente", "por enviar", "enviado", "entregado"] { #expect(list.contains(word), "\(word)") }
        for word in ["pending", "ready_to_ship", "shipped", "delivered"] { #expect(!list.contains(word), "\(word)") }
        Fixtures.press(&state, .char("?"))
        let help = Self.lines(state).joined(separator: "\n")
        #expect(help.contains("RePág") && help.contains("AvPág") && help.contains("Espacio") && !help.contains("PgUp"))
        #expect(L10n(.es)[.extraField] == "Extra (clave=valor; …)")
    }

    @Test func argentineSpanishSaysTransportista() {
        let argentine = Self.lines(Fixtures.formatsState(language: .es, locale: "es_AR"))
        #expect(argentine[1].contains("Transportista") && !argentine[1].contains("Paquetería"))
        let mexican = Self.lines(Fixtures.formatsState(language: .es, locale: "es_MX"))
        #expect(mexican[1].contains("Paquetería"))
    }

    @Test func channelNamesBesideTheNumberWhereTheyFit() {
        let wide = Self.lines(Fixtures.formatsState(width: 200, height: 40, language: .en, locale: "en_US"))
        #expect(wide.contains { $0.contains("4320 Mercado Libre AR") }, "\(wide.prefix(4))")
        let narrow = Self.lines(Fixtures.formatsState(width: 60, height: 15, language: .en, locale: "en_US"))
        #expect(!narrow.contains { $0.contains("Mercado") })
    }

    /// English headers were cut (`Chan…`, `Ite…`, `Last outb…`) at 120 and 200 columns, and at
    /// 200 the customer took all the spare width.
    @Test(arguments: [60, 80, 120, 160, 200])
    func headersAreNeverCut(width: Int) {
        for (language, locale) in [(Language.en, "en_US"), (.es, "es_MX"), (.es, "es_AR")] {
            var state = Fixtures.formatsState(width: width, height: 20, language: language, locale: locale)
            for _ in SortColumn.allCases {
                let header = Self.lines(state)[1]
                #expect(!header.contains("…"), "\(width) \(locale): \(header)")
                Fixtures.press(&state, .char("s"))
            }
        }
    }

    @Test func spareWidthIsShared() {
        let names = [4301: "Mercado Libre MX", 4320: "Mercado Libre AR"]
        let layout = ListView.layout(width: 200, text: L10n(.en), channelNames: names, zoneLabel: "UTC-6")
        let widths = Dictionary(uniqueKeysWithValues: layout.columns.map { ($0.column, $0.width) })
        #expect(widths.count == ListView.Column.allCases.count)
        #expect(widths[.channel]! >= "4301 Mercado Libre MX".count && widths[.carrier]! >= 16 && widths[.outbound]! >= 16)
        #expect(widths[.paid]! >= "2025-06-10 10:00 UTC-6".count)
        #expect(widths[.customer]! < 200 / 3, "customer: \(widths[.customer]!)")
        // At 120 every column stays, the paid column down to its date.
        for text in [L10n(.en), L10n(.es)] {
            let at120 = ListView.layout(width: 120, text: text)
            #expect(at120.columns.count == ListView.Column.allCases.count, "\(text.language)")
        }
    }

    @Test func argentineOrdersAreOfferedArgentineCarriers() {
        var state = Fixtures.formatsState(language: .es, locale: "es_AR")
        Fixtures.press(&state, .char("g"), .char("c"))
        let dialog = state.overlay.flatMap { if case .changeStatus(let d) = $0 { d } else { nil } }
        #expect(dialog?.carriers.prefix(3) == ["Andreani", "OCA", "Correo Argentino"])
        #expect(dialog?.chosenCarrier == "Andreani", "the order's own carrier")
        #expect(dialog?.carriers.contains("Estafeta") == false)

        // An Argentine order with no carrier yet: Mexico's default is not preset.
        var bare = Fixtures.formatsState(language: .es, locale: "es_AR")
        var summary = Fixtures.argentineSummary
        summary.carrier = nil
        _ = Update.update(&bare, .event(.summariesChanged([summary])))
        Fixtures.press(&bare, .char("g"), .char("c"))
        let bareDialog = bare.overlay.flatMap { if case .changeStatus(let d) = $0 { d } else { nil } }
        #expect(bareDialog?.chosenCarrier == nil, "Yuju's default, not Estafeta")

        var mexican = Fixtures.formatsState(language: .es, locale: "es_MX")
        Fixtures.press(&mexican, .char("g"), .down, .char("c"))
        let mexicanDialog = mexican.overlay.flatMap { if case .changeStatus(let d) = $0 { d } else { nil } }
        #expect(mexicanDialog?.carriers == Fixtures.carriers && mexicanDialog?.chosenCarrier == "Estafeta")
    }
}
