import Foundation
import OrderKit
import SnapshotTesting
import Testing
@testable import OrderDeskTUI

/// Every screen as text at 120×40 and 60×15 (the smallest supported). Snapshots live in
/// `__Snapshots__/SnapshotTests/`; delete one to re-record it.
@Suite struct SnapshotTests {
    static let sizes = [(120, 40), (60, 15)]

    static func screens(width: Int, height: Int) -> [(String, AppState)] {
        var result: [(String, AppState)] = []
        var list = Fixtures.state(width: width, height: height)
        Fixtures.press(&list, .down, .char(" "))
        result.append(("list", list))

        var filtered = Fixtures.state(width: width, height: height)
        Fixtures.press(&filtered, .char("/"))
        Fixtures.type(&filtered, "sku-azul")
        result.append(("filter", filtered))

        var detail = Fixtures.state(width: width, height: height)
        Fixtures.press(&detail, .char("G"), .up, .enter)
        let key = detail.detail!.key
        _ = Update.update(&detail, .orderLoaded(key, Fixtures.order()))
        _ = Update.update(&detail, .outboundsLoaded(key, Fixtures.outbounds(), fetched: true))
        _ = Update.update(&detail, .auditLoaded(key, [AuditEntry(at: Fixtures.now, user: "ana", key: key,
                                                                  action: "status pending → ready_to_ship (DHL)", outcome: "sent")]))
        _ = Update.update(&detail, .bridgeLoaded(key, BridgeOrderHistory(changes: [], live: BridgeStatusResponse(ack: 0, message: "OK", currentStatus: "confirmed", currentStatusName: "confirmado",
                                                                          history: [.init(initialState: "open", finalState: "confirmed", createdDate: "2025-06-10 10:05:00")]))))
        result.append(("detail", detail))

        var status = detail
        Fixtures.press(&status, .char("c"))
        result.append(("status-dialog", status))

        // The older record picked with Tab, then `e`: the dialog prefilled with it.
        var edit = detail
        Fixtures.press(&edit, .tab, .char("e"))
        result.append(("outbound-edit-dialog", edit))

        var bulk = Fixtures.state(width: width, height: height)
        Fixtures.press(&bulk, .char(" "), .char(" "))
        for effect in Fixtures.press(&bulk, .char("c")) {
            if case .loadOrder(let key) = effect { _ = Update.update(&bulk, .orderLoaded(key, Fixtures.order(key))) }
        }
        result.append(("status-dialog-bulk", bulk))

        var outbound = Fixtures.state(width: width, height: height)
        Fixtures.press(&outbound, .char("o"), .tab)
        Fixtures.type(&outbound, "guía \u{1B}[31m generada")
        result.append(("outbound-dialog", outbound))

        var budgets = Fixtures.state(width: width, height: height)
        Fixtures.press(&budgets, .char("b"))
        result.append(("budgets", budgets))

        var activity = Fixtures.state(width: width, height: height)
        Fixtures.press(&activity, .char("a"))
        _ = Update.update(&activity, .outboxLoaded([
            OutboxActivity(id: 2, key: OrderKey(idChannel: 4301, idOrder: "2001"),
                           change: .status(OrderKey(idChannel: 4301, idOrder: "2001"), .shipped, carrier: "DHL", items: nil, mirrorToBridge: false),
                           state: .failed, attempts: 3, updatedAt: Fixtures.now, lastError: "El pedido no puede pasar a ese estado."),
            OutboxActivity(id: 1, key: OrderKey(idChannel: 4301, idOrder: "2002"),
                           change: .outboundAdd(OrderKey(idChannel: 4301, idOrder: "2002"), status: "created", message: "guía creada"),
                           state: .sent, attempts: 1, updatedAt: Fixtures.now),
        ]))
        result.append(("activity", activity))

        var report = Fixtures.state(width: width, height: height)
        Fixtures.press(&report, .char("R"))
        _ = Update.update(&report, .reportRunsLeft(3))
        result.append(("report", report))

        var help = Fixtures.state(width: width, height: height)
        Fixtures.press(&help, .char("?"))
        result.append(("help", help))

        var facets = Fixtures.state(width: width, height: height)
        Fixtures.press(&facets, .char("f"), .char(" "))
        result.append(("facets", facets))

        var spanish = Fixtures.state(width: width, height: height, language: .es)
        Fixtures.press(&spanish, .char("?"))
        result.append(("help-es", spanish))

        // Issue 13: found without accents; a range being marked; Esc asking before it drops
        // marks; the sort reversed; the detail's footer (in both languages where new text shows).
        var accentless = Fixtures.state(width: width, height: height)
        Fixtures.press(&accentless, .char("/"))
        Fixtures.type(&accentless, "nandu")
        result.append(("filter-accentless", accentless))

        for language in Language.allCases {
            let suffix = language == .en ? "" : "-es"
            var range = Fixtures.state(width: width, height: height, language: language)
            Fixtures.press(&range, .char("j"), .char("v"), .char("j"), .char("j"))
            result.append(("list-range" + suffix, range))

            var escape = Fixtures.state(width: width, height: height, language: language)
            Fixtures.press(&escape, .char("*"), .escape)
            result.append(("list-esc-with-marks" + suffix, escape))

            var reversed = Fixtures.state(width: width, height: height, language: language)
            Fixtures.press(&reversed, .char("s"), .char("s"), .char("s"), .char("s"), .char("S"))
            result.append(("list-items-reversed" + suffix, reversed))
        }

        // Issue 13, hints and help: each screen's own keys in the hint bar, in both languages;
        // `?` from the detail lists the detail's keys; the change dialog's hint follows the focus.
        var listSpanish = Fixtures.state(width: width, height: height, language: .es)
        Fixtures.press(&listSpanish, .down, .char(" "))
        result.append(("list-es", listSpanish))
        for language in Language.allCases {
            let suffix = language == .en ? "" : "-es"
            var open = Fixtures.state(width: width, height: height, language: language)
            Fixtures.press(&open, .char("G"), .up, .enter)
            _ = Update.update(&open, .orderLoaded(key, Fixtures.order()))
            _ = Update.update(&open, .outboundsLoaded(key, Fixtures.outbounds(), fetched: true))
            var items = open
            Fixtures.press(&items, .char("c"), .tab, .tab)
            result.append(("status-dialog-items" + suffix, items))
            // Start-up: the loading line and the keys kept for the list.
            var loading = AppState(width: width, height: height, language: language, now: Fixtures.now)
            loading.startup = .importing(orders: 1_500, runs: 1)
            Fixtures.press(&loading, .char("/"))
            Fixtures.type(&loading, "ramon")
            result.append(("loading" + suffix, loading))
            var detailHelp = open
            Fixtures.press(&detailHelp, .char("?"))
            result.append(("help-detail" + suffix, detailHelp))
            if language == .es {
                var status = open
                Fixtures.press(&status, .char("c"))
                result.append(("status-dialog-es", status))
                var report = Fixtures.state(width: width, height: height, language: language)
                Fixtures.press(&report, .char("R"))
                _ = Update.update(&report, .reportRunsLeft(3))
                result.append(("report-es", report))
            }
        }
        // Issue 16: the webhook listener's indicator at the right end of the bottom line.
        var waiting = Fixtures.state(width: width, height: height)
        _ = Update.update(&waiting, .event(.webhookListener(.listening(waiting: 12))))
        result.append(("list-webhooks-waiting", waiting))
        var failed = Fixtures.state(width: width, height: height, language: .es)
        _ = Update.update(&failed, .event(.webhookListener(.failed)))
        result.append(("list-webhooks-failed-es", failed))

        var detailSpanish = Fixtures.state(width: width, height: height, language: .es)
        Fixtures.press(&detailSpanish, .char("G"), .up, .enter)
        _ = Update.update(&detailSpanish, .orderLoaded(key, Fixtures.order()))
        _ = Update.update(&detailSpanish, .outboundsLoaded(key, Fixtures.outbounds(), fetched: true))
        result.append(("detail-es", detailSpanish))

        // Issue 13, formats: numbers and money in the operator's locale (es_AR: 69.575,00), the
        // currency on every total, channel names beside the numbers, statuses in the UI's
        // language, one timestamp format with the zone, the carriers of the order's country.
        for (suffix, language, locale) in [("en", Language.en, "en_US"), ("es", .es, "es_MX"), ("es-AR", .es, "es_AR")] {
            let list = Fixtures.formatsState(width: width, height: height, language: language, locale: locale)
            result.append(("formats-list-" + suffix, list))
            // paid → id → channel → customer → items → total: grouped by currency.
            var byTotal = list
            Fixtures.press(&byTotal, .char("s"), .char("s"), .char("s"), .char("s"), .char("s"))
            result.append(("formats-list-by-total-" + suffix, byTotal))
            var detail = list
            Fixtures.press(&detail, .char("g"), .enter)
            let key = Fixtures.argentineKey
            _ = Update.update(&detail, .orderLoaded(key, Fixtures.argentineOrder()))
            _ = Update.update(&detail, .outboundsLoaded(key, Fixtures.outbounds(key), fetched: true))
            _ = Update.update(&detail, .auditLoaded(key, [AuditEntry(at: Fixtures.now, user: "ana", key: key,
                                                                      action: "status pending → ready_to_ship (Andreani)", outcome: "sent")]))
            _ = Update.update(&detail, .bridgeLoaded(key, BridgeOrderHistory(changes: [], live: BridgeStatusResponse(
                ack: 0, message: "OK", currentStatus: "confirmed", currentStatusName: "confirmado",
                history: [.init(initialState: "open", finalState: "confirmed", createdDate: "2025-06-14 16:25:00")]))))
            result.append(("formats-detail-" + suffix, detail))
            var change = detail
            Fixtures.press(&change, .char("c"))
            result.append(("formats-status-dialog-" + suffix, change))
        }
        return result
    }

    @Test(arguments: sizes)
    func screens(width: Int, height: Int) {
        for (name, state) in Self.screens(width: width, height: height) {
            // Activity/budget times are local-time formatted: keep them out of the text compared.
            let text = ScreenView.render(state, theme: .builtIn).text
            assertSnapshot(of: text, as: .lines, named: "\(name)-\(width)x\(height)")
        }
    }

    @Test func noScreenLeaksControlCharacters() {
        for (width, height) in Self.sizes {
            for (_, state) in Self.screens(width: width, height: height) {
                #expect(SanitizerTests.isClean(ScreenView.render(state, theme: .builtIn).text.replacingOccurrences(of: "\n", with: "")))
            }
        }
    }
}
