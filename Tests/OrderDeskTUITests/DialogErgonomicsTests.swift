import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13, dialogs: the outbound status from a list (free text still allowed), the wrong
/// field named before anything is sent, OrderDesk's own `extra` field out of the tracking
/// URL's way, and a report range typed rather than stepped one day per key.
@Suite struct DialogErgonomicsTests {
    static func text(_ state: AppState) -> String { ScreenView.render(state, theme: .builtIn).text }

    static func outboundDialog(_ state: AppState) -> OutboundDialog? {
        if case .addOutbound(let dialog) = state.overlay { return dialog }
        return nil
    }

    static func reportDialog(_ state: AppState) -> ReportDialog? {
        if case .report(let dialog) = state.overlay { return dialog }
        return nil
    }

    // MARK: Outbound dialog

    /// Found: an empty message got Yuju's bare `message: Error.`.
    @Test(arguments: Language.allCases)
    func anEmptyFieldIsNamedAndFocusedBeforeAnythingIsSent(language: Language) {
        var state = Fixtures.state(language: language)
        Fixtures.press(&state, .char("o"))
        #expect(Fixtures.press(&state, .enter).isEmpty, "nothing queued")
        let dialog = Self.outboundDialog(state)
        #expect(dialog?.focus == .message)
        let expected = language == .en ? "Message: cannot be empty: Yuju would refuse it" : "Mensaje: no puede ir vacío: Yuju lo rechazaría"
        #expect(dialog?.error == expected)
        #expect(Self.text(state).contains(expected))
        #expect(!Self.text(state).contains("Error."))

        Fixtures.type(&state, "guía generada")
        Fixtures.press(&state, .enter)
        #expect(Self.outboundDialog(state)?.focus == .reference, "then the next empty field")
        Fixtures.type(&state, "GUIA-1")
        Fixtures.press(&state, .tab, .tab)
        Fixtures.type(&state, "sin-igual")
        #expect(Fixtures.press(&state, .enter).isEmpty)
        #expect(Self.outboundDialog(state)?.error?.hasSuffix(language == .en ? "write key=value pairs separated by ;" : "escriba pares clave=valor separados por ;") == true)
    }

    /// ←/→ on the status field walk the offered statuses, the order's own first; typed text
    /// is still sent as typed.
    @Test func theStatusComesFromAListOrIsTyped() {
        var state = Fixtures.state()
        Fixtures.press(&state, .enter)
        let key = state.detail!.key
        _ = Update.update(&state, .outboundsLoaded(key, Fixtures.outbounds(key), fetched: true))
        Fixtures.press(&state, .char("o"))
        #expect(Self.outboundDialog(state)?.statusChoices == ["success", "created", "updated", "synced", "error"])
        #expect(Self.text(state).contains("←→ picks: success · created · updated · synced · error"))
        Fixtures.press(&state, .right)
        #expect(Self.outboundDialog(state)?.value(.status) == "updated", "from created, the next one")
        Fixtures.press(&state, .left, .left, .left)
        #expect(Self.outboundDialog(state)?.value(.status) == "error", "wrapping round")
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "en ruta")
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "salió")
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "R-1")
        let effects = Fixtures.press(&state, .enter)
        guard case .addOutbound(_, let request)? = effects.first else { Issue.record("nothing queued: \(effects)"); return }
        #expect(request.status == "en ruta")
    }

    /// Found: `extra.orderdesk_request_id` took the line and cut the tracking URL off.
    @Test(arguments: [120, 60])
    func theTrackingUrlComesBeforeOrderDesksOwnId(width: Int) {
        var state = Fixtures.state(width: width, height: width == 120 ? 40 : 15)
        Fixtures.press(&state, .enter)
        let key = state.detail!.key
        var record = Fixtures.outbounds(key)[0]
        let url = "https://rastreo.example.mx/guia/7700112233"
        record.extra = ["tracking_url": .string(url), Assumed.outboundRequestIdField: .string("5f0c2a9e-1b7d-4c3e-9a55-0d6f3b2e8c11")]
        _ = Update.update(&state, .outboundsLoaded(key, [record], fetched: true))
        let line = DetailLayout.lines(state.detail!, state).map { $0.segments.map(\.0).joined() }.first { $0.contains("extra:") }
        #expect(line == "    extra: tracking_url=\(url) · OrderDesk id 5f0c2a9e")
        if width == 120 {
            Fixtures.press(&state, .char("G"))
            #expect(Self.text(state).contains("tracking_url=\(url)"))
        }
    }

    // MARK: Report dialog

    static func reportState() -> AppState {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("R"))
        _ = Update.update(&state, .reportRunsLeft(3))
        return state
    }

    static func sent(_ effects: [Effect]) -> ReportRequest.DateRange? {
        if case .runReport(let request)? = effects.first { return request.filters.paymentAccreditedAt }
        return nil
    }

    @Test func aNumberOfDaysIsTyped() {
        var state = Self.reportState()
        Fixtures.press(&state, .backspace)
        Fixtures.type(&state, "180")
        #expect(Self.text(state).contains("(180 d)"))
        let range = Self.sent(Fixtures.press(&state, .enter))
        let zone = Assumed.yujuTimeZone
        #expect(range?.from == WireDate.formatFilter(Fixtures.now.addingTimeInterval(-180 * 86_400), in: zone))
        #expect(range?.to == WireDate.formatFilter(Fixtures.now, in: zone))
    }

    @Test func fromToDatesAreTypedAndTheLastDayIsWhole() {
        var state = Self.reportState()
        Fixtures.press(&state, .backspace)
        Fixtures.type(&state, "2025-05-01..2025-05-31")
        #expect(Self.text(state).contains("2025-05-01 00:00:00 → 2025-05-31 23:59:59 (31 d)"))
        #expect(Self.sent(Fixtures.press(&state, .enter)) == ReportRequest.DateRange(from: "2025-05-01T00:00:00", to: "2025-05-31T23:59:59"))

        var since = Self.reportState()
        Fixtures.press(&since, .backspace)
        Fixtures.type(&since, "2025-06-01")
        #expect(Self.sent(Fixtures.press(&since, .enter)) == ReportRequest.DateRange(from: "2025-06-01T00:00:00", to: WireDate.formatFilter(Fixtures.now, in: Assumed.yujuTimeZone)))
    }

    /// Too long a range or no range at all is said in words, and no run is spent.
    @Test(arguments: ["181", "2024-01-01..2024-12-31", "2025-13-01", "7..", ""])
    func aWrongRangeIsRefusedBeforeARunIsSpent(typed: String) {
        var state = Self.reportState()
        Fixtures.press(&state, .backspace)
        Fixtures.type(&state, typed)
        #expect(Fixtures.press(&state, .enter).isEmpty)
        let error = Self.reportDialog(state)?.error ?? ""
        #expect(error.hasPrefix("Yuju takes at most 180 days per report") || error.hasPrefix("Not a range"), "\(typed): \(error)")
    }

    /// ←/→ still step a day; letters are not part of a range (and `q` still closes).
    @Test func arrowsStepADayAndLettersAreIgnored() {
        var state = Self.reportState()
        Fixtures.press(&state, .right, .right, .left, .right)
        #expect(Self.reportDialog(state)?.rangeText == "9")
        Fixtures.type(&state, "abc")
        #expect(Self.reportDialog(state)?.rangeText == "9")
        Fixtures.press(&state, .char("q"))
        #expect(state.overlay == nil)
    }
}
