import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// The webhook listener's indicator at the right end of the bottom line: told by the backend,
/// in both languages, and kept whole on the smallest screen while the budgets give way.
@Suite struct WebhookIndicatorTests {
    static func bottomLine(_ state: AppState) -> String {
        ScreenView.render(state, theme: .builtIn).line(state.height - 1)
    }

    @Test(arguments: [Language.en, .es])
    func eachStateIsShownAtTheRightEnd(_ language: Language) {
        var state = Fixtures.state(language: language)
        #expect(state.webhookListener == nil)
        #expect(StatusBarView.listenerSegment(state) == nil)
        let before = Self.bottomLine(state)

        let expected: [(WebhookListenerState, String, Bool)] = [
            (.listening(waiting: 0), language == .es ? "webhooks activos" : "webhooks on", false),
            (.listening(waiting: 12), language == .es ? "webhooks 12 en espera" : "webhooks 12 waiting", false),
            (.off, language == .es ? "webhooks apagados" : "webhooks off", false),
            (.failed, language == .es ? "webhooks caídos" : "webhooks failed", true),
        ]
        for (listener, text, warning) in expected {
            _ = Update.update(&state, .event(.webhookListener(listener)))
            #expect(state.webhookListener == listener)
            #expect(StatusBarView.listenerSegment(state) == StatusBarView.Segment(text: text, warning: warning))
            let line = Self.bottomLine(state)
            #expect(line.hasSuffix(" \(text) "), "\(line)")
            #expect(line != before)
        }
    }

    @Test(arguments: [(120, 40), (60, 15)])
    func theBudgetsGiveWayOnNarrowScreens(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        _ = Update.update(&state, .event(.webhookListener(.listening(waiting: 300))))
        let line = Self.bottomLine(state)
        #expect(DisplayWidth.of(line) == width)
        #expect(line.hasPrefix(" SANDBOX  Yuju 1/2/s"))
        #expect(line.hasSuffix(" webhooks 300 waiting "), "\(line)")
    }

    @Test func aFailedListenerIsAWarning() {
        var state = Fixtures.state()
        _ = Update.update(&state, .event(.webhookListener(.failed)))
        let frame = ScreenView.render(state, theme: .builtIn)
        let y = state.height - 1
        let x = state.width - 2
        #expect(frame.cells[y * state.width + x].style == Theme.builtIn.style(.statusbarWarning))
    }
}
