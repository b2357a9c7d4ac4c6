import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 11: what the backend tells the operator crosses as data and is worded here, so the
/// Spanish UI never shows the services' English. Each enum has one sample per case, and the
/// compiler keeps the samples complete: `kind(of:)` switches over the enum (a new case does not
/// compile until it has a kind) and `sample(_:)` over the kinds (a new kind needs a sample).
@Suite struct MessageTranslationTests {
    static let key = OrderKey(idChannel: 4301, idOrder: "2001")
    static let change = OutboxChange.status(key, .shipped, carrier: "DHL", items: ["SKU-1"], mirrorToBridge: true)

    /// Both renderings exist, and the Spanish one is not the English one.
    static func expectTranslated(_ es: String, _ en: String, _ what: String) {
        #expect(!es.isEmpty && !en.isEmpty, "\(what): es \(es.debugDescription), en \(en.debugDescription)")
        #expect(es != en, "\(what) is not translated: \(es)")
    }

    // MARK: Failure

    enum FailureKind: CaseIterable {
        case vendorRejected, unauthorized, rateLimited, reportRunsSpent, serverError, unreachable, malformedAnswer, notConfigured
        case bridgeMirror, refreshFailed, pushSkipped, unexpected
    }

    static func kind(of failure: Failure) -> FailureKind {
        switch failure {
        case .vendorRejected: .vendorRejected
        case .unauthorized: .unauthorized
        case .rateLimited: .rateLimited
        case .reportRunsSpent: .reportRunsSpent
        case .serverError: .serverError
        case .unreachable: .unreachable
        case .malformedAnswer: .malformedAnswer
        case .notConfigured: .notConfigured
        case .bridgeMirror: .bridgeMirror
        case .refreshFailed: .refreshFailed
        case .pushSkipped: .pushSkipped
        case .unexpected: .unexpected
        }
    }

    static func samples(_ kind: FailureKind) -> [Failure] {
        switch kind {
        case .vendorRejected: [.vendorRejected(.yuju, "El pedido no puede pasar a ese estado.")]
        case .unauthorized: [.unauthorized(.bridge, "Token inválido")]
        case .rateLimited: [.rateLimited(.yuju, "Too Many Requests")]
        case .reportRunsSpent: [.reportRunsSpent]
        case .serverError: [.serverError(.datacrush, status: 503)]
        case .unreachable:
            [.unreachable(.yuju, .timeout), .unreachable(.yuju, .connectionClosed), .unreachable(.yuju, .connectionFailed("refused")),
             .unreachable(.bridge, .untrustedCertificate("self signed")), .unreachable(.yuju, .other("reset"))]
        case .malformedAnswer: [.malformedAnswer(.yuju, status: 200)]
        case .notConfigured: [.notConfigured("[yuju] token")]
        case .bridgeMirror: [.bridgeMirror(.notConfigured), .bridgeMirror(.noChannelCode(idChannel: 4301)), .bridgeMirror(.noState(.shipped))]
        case .refreshFailed: [.refreshFailed(key, reason: "404", more: 2)]
        case .pushSkipped: [.pushSkipped(key, reason: "no items")]
        case .unexpected: [.unexpected("disk full")]
        }
    }

    @Test(arguments: FailureKind.allCases) func everyFailureHasASpanishRendering(_ kind: FailureKind) {
        for failure in Self.samples(kind) {
            #expect(Self.kind(of: failure) == kind)
            Self.expectTranslated(L10n(.es).describe(failure), L10n(.en).describe(failure), "\(failure)")
        }
    }

    // MARK: Outcome

    enum OutcomeKind: CaseIterable { case refreshed, pushed }

    static func kind(of outcome: Outcome) -> OutcomeKind {
        switch outcome {
        case .refreshed: .refreshed
        case .pushed: .pushed
        }
    }

    static func sample(_ kind: OutcomeKind) -> Outcome {
        switch kind {
        case .refreshed: .refreshed(orders: 3)
        case .pushed: .pushed(orders: 1)
        }
    }

    @Test(arguments: OutcomeKind.allCases) func everyOutcomeHasASpanishRendering(_ kind: OutcomeKind) {
        let outcome = Self.sample(kind)
        #expect(Self.kind(of: outcome) == kind)
        Self.expectTranslated(L10n(.es).describe(outcome), L10n(.en).describe(outcome), "\(outcome)")
    }

    // MARK: Report progress

    enum StepKind: CaseIterable { case asked, requested, status, downloaded, importing, imported, failed }

    static func kind(of step: ReportStep) -> StepKind {
        switch step {
        case .asked: .asked
        case .requested: .requested
        case .status: .status
        case .downloaded: .downloaded
        case .importing: .importing
        case .imported: .imported
        case .failed: .failed
        }
    }

    static func sample(_ kind: StepKind) -> ReportStep {
        let id = "87adcfdd"
        return switch kind {
        case .asked: .asked
        case .requested: .requested(idReport: id)
        case .status: .status(idReport: id, .processing)
        case .downloaded: .downloaded(idReport: id, bytes: 1_024)
        case .importing: .importing(idReport: id, orders: 120)
        case .imported: .imported(idReport: id, orders: 303, ids: 0, skipped: 0)
        case .failed: .failed("ERROR")
        }
    }

    @Test(arguments: StepKind.allCases) func everyReportStepHasASpanishRendering(_ kind: StepKind) {
        let step = Self.sample(kind)
        #expect(Self.kind(of: step) == kind)
        Self.expectTranslated(L10n(.es).describe(step), L10n(.en).describe(step), "\(step)")
    }

    // MARK: Outbox changes and notices

    enum ChangeKind: CaseIterable { case status, outboundAdd, outboundUpdate, bridge, datacrush }

    static func kind(of change: OutboxChange) -> ChangeKind {
        switch change {
        case .status: .status
        case .outboundAdd: .outboundAdd
        case .outboundUpdate: .outboundUpdate
        case .bridge: .bridge
        case .datacrush: .datacrush
        }
    }

    static func sample(_ kind: ChangeKind) -> OutboxChange {
        switch kind {
        case .status: change
        case .outboundAdd: .outboundAdd(key, status: "created", message: "guía creada")
        case .outboundUpdate: .outboundUpdate(key, pk: "90bbb472-4177", status: "shipped", message: "guía 123")
        case .bridge: .bridge(address: "bridge0000000001", state: "confirmed")
        case .datacrush: .datacrush(orders: 7, ids: ["4301/2001", "4301/2002"])
        }
    }

    /// A BRIDGE entry is only names and states, the same in both languages; the others have words.
    @Test(arguments: ChangeKind.allCases) func everyOutboxChangeHasASpanishRendering(_ kind: ChangeKind) {
        let change = Self.sample(kind)
        #expect(Self.kind(of: change) == kind)
        let es = L10n(.es).describe(change), en = L10n(.en).describe(change)
        if kind == .bridge {
            #expect(es == "BRIDGE bridge0000000001 → confirmed" && en == es)
        } else {
            Self.expectTranslated(es, en, "\(change)")
        }
    }

    enum NoticeKind: CaseIterable { case notMirrored, changeFailed, startup }

    static func kind(of notice: Notice) -> NoticeKind {
        switch notice {
        case .notMirrored: .notMirrored
        case .changeFailed: .changeFailed
        case .startup: .startup
        }
    }

    static func sample(_ kind: NoticeKind) -> Notice {
        switch kind {
        case .notMirrored: .notMirrored(change, outcome: "BRIDGE: not mirrored, 3 items still pending")
        case .changeFailed: .changeFailed(.status(key, .shipped, carrier: nil, items: nil, mirrorToBridge: false), .refused, detail: "Error.")
        case .startup: .startup("config: unknown key [ui] colour", isError: true)
        }
    }

    @Test(arguments: NoticeKind.allCases) func everyNoticeHasASpanishRendering(_ kind: NoticeKind) {
        let notice = Self.sample(kind)
        #expect(Self.kind(of: notice) == kind)
        Self.expectTranslated(L10n(.es).describe(notice), L10n(.en).describe(notice), "\(notice)")
    }

    // MARK: Set-up warnings

    enum WarningKind: CaseIterable { case localeNotUTF8, themeNotFound, themeSyntax, themeColor, unknownCommand, unknownKey }

    static func kind(of warning: SetupWarning) -> WarningKind {
        switch warning {
        case .localeNotUTF8: .localeNotUTF8
        case .themeNotFound: .themeNotFound
        case .themeSyntax: .themeSyntax
        case .themeColor: .themeColor
        case .unknownCommand: .unknownCommand
        case .unknownKey: .unknownKey
        }
    }

    static func sample(_ kind: WarningKind) -> SetupWarning {
        switch kind {
        case .localeNotUTF8: .localeNotUTF8(lang: "C")
        case .themeNotFound: .themeNotFound("nope")
        case .themeSyntax: .themeSyntax(file: "mine", detail: "expected '='")
        case .themeColor: .themeColor(role: "list.selected", value: "chartreuse")
        case .unknownCommand: .unknownCommand("nonsense")
        case .unknownKey: .unknownKey("not-a-key")
        }
    }

    @Test(arguments: WarningKind.allCases) func everySetupWarningHasASpanishRendering(_ kind: WarningKind) {
        let warning = Self.sample(kind)
        #expect(Self.kind(of: warning) == kind)
        Self.expectTranslated(L10n(.es).describe(warning), L10n(.en).describe(warning), "\(warning)")
    }

    // MARK: On screen

    /// The status bar line the issue quotes, in a Spanish UI.
    @Test func aReportOutcomeShowsInSpanish() {
        var state = Fixtures.state(language: .es)
        _ = Update.update(&state, .event(.reportProgress(.importing(idReport: "87adcfdd", orders: 120))))
        let running = ScreenView.render(state, theme: .builtIn).text
        #expect(running.contains("reporte 87adcfdd: 120 pedidos importados hasta ahora"), "\(running)")
        _ = Update.update(&state, .event(.reportProgress(.imported(idReport: "87adcfdd", orders: 303, ids: 0, skipped: 0))))
        #expect(state.message?.text == "reporte 87adcfdd: 303 pedidos importados, 0 ids, 0 omitidos")
        #expect(!ScreenView.render(state, theme: .builtIn).text.contains("imported"))
    }

    /// A vendor's refusal keeps its own words inside the translated frame.
    @Test func aFailureKeepsTheVendorsText() {
        var state = Fixtures.state(language: .es)
        _ = Update.update(&state, .effectFailed(Failure(ClientError.rejected(.yuju, endpoint: "PUT /orders/status", status: 400,
                                                                               message: "El pedido no puede pasar a ese estado.", code: nil))))
        #expect(state.message == StatusMessage(text: "Yuju lo rechazó: El pedido no puede pasar a ese estado.", isError: true))
        #expect(Failure(ValidationFailure(.bridge, "Estado inválido")) == .vendorRejected(.bridge, "Estado inválido"))
        #expect(Failure(BridgeMirrorRefusal.noState(.shipped)) == .bridgeMirror(.noState(.shipped)))
    }

    /// What the activity panel and the change dialog name, from the outbox's own request.
    @Test func anOutboxChangeIsReadFromItsRequest() {
        let request = OutboxRequest.status(StatusChangeRequest(idOrder: "2001", idChannel: 4301, status: .shipped, carrier: "DHL",
                                                               idItems: ["SKU-1"]), mirrorToBridge: true)
        #expect(OutboxChange(request) == Self.change)
        // English as OrderKit words it for the CLI, so both say the same.
        #expect(L10n(.en).describe(OutboxChange(request)) == request.summary)
        #expect(L10n(.es).describe(OutboxChange(request)) == "4301/2001 → shipped (DHL; artículos SKU-1) + BRIDGE")
    }
}
