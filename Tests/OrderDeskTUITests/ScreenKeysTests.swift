import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// Issue 13, hints and help: the hint bar names the keys of the screen that has them (list,
/// detail, each dialog and panel), from the live bindings, and each hinted key works there;
/// `?` lists the commands of the screen it was opened on.
@Suite struct ScreenKeysTests {
    static func lines(_ state: AppState, theme: Theme = .builtIn) -> [String] {
        ScreenView.render(state, theme: theme).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func hintLine(_ state: AppState) -> String { lines(state)[state.height - 2] }

    static func detail(width: Int = 120, height: Int = 40, language: Language = .en, keyMap: KeyMap = KeyMap()) -> AppState {
        var state = Fixtures.state(width: width, height: height, language: language, keyMap: keyMap)
        Fixtures.press(&state, .enter)
        let key = state.detail!.key
        _ = Update.update(&state, .orderLoaded(key, Fixtures.order(key)))
        _ = Update.update(&state, .outboundsLoaded(key, Fixtures.outbounds(key), fetched: true))
        return state
    }

    /// One state per screen (and per focus of the change dialog), named for failure messages.
    static func screens(width: Int = 120, height: Int = 40, language: Language = .en, keyMap: KeyMap = KeyMap()) -> [(String, AppState)] {
        var result: [(String, AppState)] = []
        let list = Fixtures.state(width: width, height: height, language: language, keyMap: keyMap)
        var middle = list
        Fixtures.press(&middle, .down)
        result.append(("list", middle))
        var filtering = middle
        Fixtures.press(&filtering, .char("/"))
        Fixtures.type(&filtering, "2")
        result.append(("list-filtering", filtering))
        let detail = Self.detail(width: width, height: height, language: language, keyMap: keyMap)
        result.append(("detail", detail))
        var status = detail
        Fixtures.press(&status, .char("c"))
        guard case .changeStatus(let dialog) = status.overlay else { Issue.record("no change dialog"); return result }
        for field in dialog.fields {
            var focused = status
            while case .changeStatus(let open) = focused.overlay, open.focus != field { Fixtures.press(&focused, .tab) }
            result.append(("change-\(field)", focused))
        }
        var outbound = detail
        Fixtures.press(&outbound, .char("o"))
        result.append(("outbound", outbound))
        var report = list
        Fixtures.press(&report, .char("R"))
        _ = Update.update(&report, .reportRunsLeft(3))
        result.append(("report", report))
        var help = list
        Fixtures.press(&help, .char("?"))
        result.append(("help", help))
        var budgets = list
        Fixtures.press(&budgets, .char("b"))
        result.append(("budgets", budgets))
        var activity = list
        Fixtures.press(&activity, .char("a"))
        _ = Update.update(&activity, .outboxLoaded([
            OutboxActivity(id: 2, key: OrderKey(idChannel: 4301, idOrder: "2001"),
                           change: .status(OrderKey(idChannel: 4301, idOrder: "2001"), .shipped, carrier: nil, items: nil, mirrorToBridge: false), state: .failed, attempts: 3,
                           updatedAt: Fixtures.now, lastError: "Error."),
            OutboxActivity(id: 1, key: OrderKey(idChannel: 4301, idOrder: "2002"),
                           change: .outboundAdd(OrderKey(idChannel: 4301, idOrder: "2002"), status: "created", message: ""), state: .sent, attempts: 1,
                           updatedAt: Fixtures.now),
        ]))
        result.append(("activity", activity))
        var facets = list
        Fixtures.press(&facets, .char("f"), .char(" "))
        result.append(("facets", facets))
        var quit = list
        quit.overlay = .confirmQuit(unsent: 2)
        result.append(("confirm-quit", quit))
        return result
    }

    /// Each hint is checked by pressing its keys on a copy of the screen: at least one of them
    /// must change what is drawn (text or highlight) or ask for an effect. A hint naming a key
    /// its screen ignores (the old `?: help · q: back` under a dialog) fails here. At 60×15,
    /// where the detail has something to scroll.
    @Test(arguments: Language.allCases)
    func everyHintedKeyDoesSomethingOnItsScreen(language: Language) {
        for (name, state) in Self.screens(width: 60, height: 15, language: language) {
            let hints = ScreenKeys.hints(state)
            #expect(!hints.isEmpty, "\(name): no hints")
            let before = ScreenView.render(state, theme: .builtIn)
            for hint in hints {
                let works = hint.pressable.contains { key in
                    var copy = state
                    let effects = Update.update(&copy, .key(key))
                    return !effects.isEmpty || ScreenView.render(copy, theme: .builtIn) != before
                }
                #expect(works, "\(name): \(hint.keys): \(hint.action) does nothing")
            }
        }
    }

    /// The hint line shows the current screen's keys: under a dialog its keys, not the list's.
    @Test func theHintBarFollowsTheScreen() {
        let screens = Dictionary(uniqueKeysWithValues: Self.screens())
        #expect(Self.hintLine(screens["list"]!).hasPrefix("?: help · q: quit · Enter: open · /: filter · Space: mark · c: status"))
        #expect(Self.hintLine(screens["detail"]!).hasPrefix("?: help · q: back · c: status · o: outbound · Tab/Shift-Tab: pick outbound"))
        #expect(Self.hintLine(screens["change-status"]!).hasPrefix("↑/k ↓/j: choose · Tab: field · Enter: confirm · Esc: cancel"))
        #expect(Self.hintLine(screens["change-carrier"]!).hasPrefix("type: filter · ↑ ↓: pick"))
        #expect(Self.hintLine(screens["change-items"]!).hasPrefix("↑/k ↓/j: move · Space: toggle · a: all"))
        #expect(Self.hintLine(screens["report"]!).contains("Enter: run · Esc/q: cancel"))
        #expect(Self.hintLine(screens["activity"]!).contains("Enter: open order · t: retry · T: retry all · Esc/q/a: close"))
        #expect(Self.hintLine(screens["help"]!).hasPrefix("↑/k ↓/j: scroll · Esc/q/?: close"))
        #expect(Self.hintLine(screens["list-filtering"]!).contains("Enter: keep · Esc: clear"))
        for (name, state) in screens where state.screen != .list && state.screen != .detail {
            #expect(!Self.hintLine(state).contains("?: help"), "\(name): \(Self.hintLine(state))")
        }
    }

    @Test func hintsAreInTheUILanguage() {
        let screens = Dictionary(uniqueKeysWithValues: Self.screens(language: .es))
        #expect(Self.hintLine(screens["list"]!).hasPrefix("?: ayuda · q: salir · Enter: abrir · /: filtrar · Espacio: marcar · c: estado"))
        #expect(Self.hintLine(screens["change-status"]!).hasPrefix("↑/k ↓/j: elegir · Tab: campo · Enter: confirmar · Esc: cancelar"))
        #expect(Self.hintLine(screens["confirm-quit"]!).hasPrefix("s/y: salir · otra tecla: seguir"))
    }

    /// Rebound keys show in every hint that names them, dialogs included.
    @Test func hintsFollowOverriddenKeys() {
        let keys = KeyMap(overrides: ["up": "up,i", "down": "down,n", "filter": "F", "next_outbound": "N", "retry": "x"])
        let screens = Dictionary(uniqueKeysWithValues: Self.screens(keyMap: keys))
        #expect(Self.hintLine(screens["list"]!).contains("F: filter"))
        #expect(Self.hintLine(screens["detail"]!).contains("N/Shift-Tab: pick outbound"))
        #expect(Self.hintLine(screens["change-status"]!).hasPrefix("↑/i ↓/n: choose"))
        #expect(Self.hintLine(screens["activity"]!).contains("x: retry"))
    }

    /// A narrow screen drops whole entries from the end, never half a key name.
    @Test func aNarrowScreenKeepsWholeEntries() {
        let wide = StatusBarView.keyHint(Fixtures.state(width: 200, height: 40))
        let narrow = StatusBarView.keyHint(Fixtures.state(width: 60, height: 15))
        #expect(DisplayWidth.of(narrow) <= 60)
        #expect(wide.hasPrefix(narrow + " · "))
        #expect(narrow.split(separator: "·").count >= 4, "the main keys still fit at 60 columns: \(narrow)")
    }

    /// What confirms, cancels or leaves stays on a narrow screen even where it comes last:
    /// the change dialog in Spanish at 60 columns drops the field's keys, not Esc.
    @Test(arguments: Language.allCases)
    func aNarrowDialogKeepsConfirmAndCancel(language: Language) {
        for (name, state) in Self.screens(width: 60, height: 15, language: language) where state.overlay != nil {
            let line = Self.hintLine(state)
            #expect(DisplayWidth.of(line.trimmingCharacters(in: .whitespaces)) <= 60)
            for hint in ScreenKeys.hints(state) where hint.essential {
                #expect(line.contains("\(hint.keys): \(hint.action)"), "\(name) \(language): \(line)")
            }
        }
        let status = Dictionary(uniqueKeysWithValues: Self.screens(width: 60, height: 15, language: .es))["change-status"]!
        #expect(Self.hintLine(status).hasPrefix("Tab: campo · Enter: confirmar · Esc: cancelar"))
    }

    /// `?` lists what works where it was pressed: filtering and marking on the list, picking and
    /// editing outbound records in the detail; from the live bindings.
    @Test func helpIsPerScreen() {
        let keys = KeyMap(overrides: ["change_status": "C", "edit_outbound": "E"])
        var list = Fixtures.state(keyMap: keys)
        Fixtures.press(&list, .char("?"))
        let listHelp = Self.lines(list).joined(separator: "\n")
        #expect(listHelp.contains("Keys · order list"))
        #expect(listHelp.contains("/                filter as you type"))
        #expect(listHelp.contains("C                change status"))
        #expect(listHelp.contains("Esc              end a range, clear the filter, then the marks (asks)"))
        #expect(listHelp.contains("q                quit"))
        #expect(!listHelp.contains("outbound record"))

        var detail = Self.detail(keyMap: keys)
        Fixtures.press(&detail, .char("?"))
        let detailHelp = Self.lines(detail).joined(separator: "\n")
        #expect(detailHelp.contains("Keys · order detail"))
        #expect(detailHelp.contains("E                edit the selected outbound record"))
        #expect(detailHelp.contains("Esc/q            back to the list"))
        #expect(!detailHelp.contains("filter as you type"))
        #expect(!detailHelp.contains("quit"))
        // Scrolling stops at the detail's own last line.
        for _ in 0..<50 { Fixtures.press(&detail, .down) }
        #expect(detail.overlay == .help(scroll: ScreenKeys.helpCommands(for: .detail).count - 1))
    }

    /// A running report used to hold the message line for the whole run: its progress is in the
    /// status bar now, and only the outcome takes the line, for seconds.
    @Test func aRunningReportLeavesTheHintLine() {
        var state = Fixtures.state()
        let start = Date(timeIntervalSince1970: 1_000)
        for second in 0..<60 {
            _ = Update.update(&state, .event(.reportProgress(.importing(idReport: "87adcfdd", orders: second * 5))))
            _ = Update.update(&state, .tick(start.addingTimeInterval(Double(second))))
            #expect(Self.hintLine(state).hasPrefix("?: help · q: quit"), "\(second) s: \(Self.hintLine(state))")
        }
        #expect(Self.lines(state)[39].contains("report 87adcfdd: imported 295 orders so far"))
        _ = Update.update(&state, .event(.reportProgress(.imported(idReport: "87adcfdd", orders: 303, ids: 0, skipped: 0))))
        #expect(Self.hintLine(state).hasPrefix("report 87adcfdd: imported 303 orders"))
        #expect(!Self.lines(state)[39].contains("87adcfdd"))
        _ = Update.update(&state, .tick(start.addingTimeInterval(61)))
        _ = Update.update(&state, .tick(start.addingTimeInterval(61 + StatusMessage.infoLifetime)))
        #expect(Self.hintLine(state).hasPrefix("?: help · q: quit"))
    }
}
