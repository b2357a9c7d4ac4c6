import CNcurses
import Foundation
@testable import OrderKit
import Testing
@testable import OrderDeskTUI

/// quality.md, "hostile strings in any remote field": every field that comes from a vendor
/// (ids, names, SKUs, notes, carriers, outbound texts and extras, BRIDGE history, 429 texts,
/// error messages) carries escape sequences, C1 controls, bidi overrides, NUL, width traps and
/// 10 kB lines at once, on every screen and at every size. What reaches the terminal — each
/// cell, and each run the diff hands to curses — must be printable and exactly as wide as the
/// layout believes. Extreme numbers ride along: they must format, not trap.
@Suite struct HostileRenderTests {
    static let hostile = HostileText.all
    /// Payloads inside escape sequences: never shown, not even as text.
    static let payloads = HostileText.payloads

    static func text(_ index: Int) -> String { hostile[index % hostile.count] }

    static func summaries() -> [OrderSummary] {
        hostile.indices.map { i in
            OrderSummary(key: OrderKey(idChannel: 4301 + i, idOrder: i == 0 ? "50032" : text(i + 3)), status: OrderStatus.known[i % 5],
                         paidAt: text(i + 1), createdAt: text(i + 2), customer: text(i), itemCount: [Int.max, Int.min, 3][i % 3],
                         total: [1e300, -1e300, .nan, .infinity, 123.45, 9.99e11][i % 6], currency: text(i + 4), carrier: text(i + 5),
                         latestOutboundStatus: text(i + 6), skus: [text(i + 7), text(i + 8)], references: [text(i + 9)],
                         outboxState: [.failed, .sent, .queued, nil][i % 4])
        }
    }

    static func order(_ key: OrderKey) -> YujuOrder {
        YujuOrder(idShop: Int.max, idChannel: key.idChannel, idOrder: key.idOrder, status: .pending, orderCreatedAt: text(1), orderUpdatedAt: text(2),
                  paymentAccreditedAt: text(3), currency: text(4), total: 1e300, paidTotal: -1e300, shippingCost: 1e-300, notes: text(15),
                  carrier: text(5), customer: .init(firstName: text(0), lastName: text(4), email: text(1), phone: text(2)),
                  billingAddress: .object([text(3): .string(text(16)), "city": .array([.string(text(7)), .double(1e300)])]),
                  items: hostile.indices.map { i in
                      .init(idItem: text(i), sku: text(i + 1), name: text(i + 2), quantity: [Int.max, Int.min, 1][i % 3],
                            price: [1e300, -0.0, 5][i % 3], status: .pending)
                  },
                  actions: [.string(text(1))])
    }

    static func outbounds(_ key: OrderKey) -> [OutboundRecord] {
        hostile.indices.map { i in
            OutboundRecord(orderIntExternalPk: text(i), createdAt: text(i + 1), updatedAt: text(i + 2), idChannel: key.idChannel,
                           idOrder: key.idOrder, idShop: nil, moduleName: text(i + 3), extra: [text(i + 4): .string(text(i + 5)), "n": .double(-1e300)],
                           reference: text(i + 6), message: text(i + 7), status: text(i + 8), type: text(i + 9),
                           actions: [.init(params: text(i + 10), message: text(i + 11), name: text(i + 12))])
        }
    }

    static func budgets(now: Date) -> [BudgetSnapshot] {
        [
            BudgetSnapshot(kind: .yujuGeneral, capacity: 2, windowSeconds: 1, available: 0, used: Int.max, queued: Int.max,
                           nextFreeAt: .distantFuture, drainSeconds: 1e300, last429At: now, last429Message: text(1), blockedUntil: .distantFuture),
            BudgetSnapshot(kind: .yujuReport, capacity: 5, windowSeconds: 86_400, available: 0, used: 5,
                           nextFreeAt: now.addingTimeInterval(9e18 * 60), last429At: .distantPast, last429Message: text(15)),
            BudgetSnapshot(kind: .bridge, capacity: 10, windowSeconds: 1, available: 10, drainSeconds: .nan, last429Message: text(3)),
            BudgetSnapshot(kind: .datacrush, capacity: 60, windowSeconds: 60, available: 58, used: 2, drainSeconds: -.infinity, last429Message: text(7)),
        ]
    }

    /// Every screen, with hostile data wherever a vendor's text can appear.
    static func screens(width: Int, height: Int) -> [(String, AppState)] {
        let now = Fixtures.now
        func base() -> AppState {
            var state = AppState(width: width, height: height, language: .es, keyMap: KeyMap(), isSandbox: true, bridgeConfigured: true,
                                 carriers: [text(0), text(1), "DHL"], defaultCarrier: text(2), now: now)
            _ = Update.update(&state, .summariesLoaded(summaries()))
            _ = Update.update(&state, .budgets(budgets(now: now)))
            _ = Update.update(&state, .event(.notice(.startup(text(1), isError: true))))
            return state
        }
        func feedDetail(_ state: inout AppState) {
            guard let key = state.detail?.key else { return }
            _ = Update.update(&state, .orderLoaded(key, order(key)))
            _ = Update.update(&state, .outboundsLoaded(key, outbounds(key), fetched: true))
            _ = Update.update(&state, .outboundsFetchFailed(key, .vendorRejected(.yuju, text(3))))
            _ = Update.update(&state, .auditLoaded(key, hostile.indices.map { AuditEntry(at: now, user: text($0), key: key, action: text($0 + 1), outcome: text($0 + 2)) }))
            _ = Update.update(&state, .bridgeLoaded(key, BridgeOrderHistory(
                changes: [BridgeChangeRecord(id: 1, key: key, statusEntryId: 1, bridgeEntryId: 2, bridgeChannel: text(7), externalNumber: key.idOrder,
                                             internalNumber: text(8), targetState: .cancelled, requestedAt: now, state: .failed, lastChecked: now, detail: text(9))],
                live: BridgeStatusResponse(ack: 0, message: text(4), currentStatus: text(5), currentStatusName: text(6),
                                           history: hostile.indices.map { .init(initialState: text($0), finalState: text($0 + 1), createdDate: text($0 + 2)) }))))
        }
        var result: [(String, AppState)] = []
        var list = base()
        Fixtures.press(&list, .down, .char(" "), .char(" "))
        result.append(("list", list))
        for sort in [0, 3, 5] {
            var sorted = base()
            for _ in 0...sort { Fixtures.press(&sorted, .char("s")) }
            result.append(("list sorted \(sort)", sorted))
        }
        var filtered = base()
        Fixtures.press(&filtered, .char("/"))
        Fixtures.type(&filtered, "ñ日📦")
        result.append(("filter", filtered))
        for row in [0, 3, 7, hostile.count - 1] {
            var detail = base()
            Fixtures.press(&detail, .char("g"))
            for _ in 0..<row { Fixtures.press(&detail, .down) }
            Fixtures.press(&detail, .enter)
            feedDetail(&detail)
            result.append(("detail \(row)", detail))
            var scrolled = detail
            for _ in 0..<30 { Fixtures.press(&scrolled, .pageDown) }
            result.append(("detail \(row) scrolled", scrolled))
            var status = detail
            Fixtures.press(&status, .char("c"))
            result.append(("status dialog \(row)", status))
        }
        var bulk = base()
        Fixtures.press(&bulk, .char(" "), .char(" "), .char(" "))
        for effect in Fixtures.press(&bulk, .char("c")) {
            if case .loadOrder(let key) = effect { _ = Update.update(&bulk, .orderLoaded(key, order(key))) }
        }
        result.append(("bulk dialog", bulk))
        var outbound = base()
        Fixtures.press(&outbound, .char("o"), .tab)
        Fixtures.type(&outbound, "guía ñ 日本")
        result.append(("outbound dialog", outbound))
        var budgetsPanel = base()
        Fixtures.press(&budgetsPanel, .char("b"))
        result.append(("budgets", budgetsPanel))
        var activity = base()
        Fixtures.press(&activity, .char("a"))
        _ = Update.update(&activity, .outboxLoaded(hostile.indices.map { i in
            OutboxActivity(id: Int64(i), key: OrderKey(idChannel: 4301, idOrder: text(i)), change: .outboundAdd(OrderKey(idChannel: 4301, idOrder: text(i)), status: text(i + 1), message: text(i + 3)), state: [.failed, .sent, .sending, .queued][i % 4],
                           attempts: Int.max, updatedAt: i % 2 == 0 ? .distantPast : .distantFuture, lastError: text(i + 2))
        }))
        result.append(("activity", activity))
        var report = base()
        Fixtures.press(&report, .char("R"))
        _ = Update.update(&report, .reportRunsLeft(Int.min))
        _ = Update.update(&report, .event(.reportProgress(.requested(idReport: text(15)))))
        result.append(("report", report))
        var help = base()
        Fixtures.press(&help, .char("?"))
        result.append(("help", help))
        var facets = base()
        Fixtures.press(&facets, .char("f"), .char(" "), .down, .down, .char(" "))
        result.append(("facets", facets))
        var failed = base()
        _ = Update.update(&failed, .effectFailed(.vendorRejected(.yuju, text(2) + text(15))))
        result.append(("effect failed", failed))
        return result
    }

    static let sizes = [(60, 15), (80, 24), (120, 40), (250, 70), (59, 14), (20, 5), (1, 1)]

    @Test(arguments: sizes)
    func onlyPrintableWidthCorrectTextReachesTheTerminal(width: Int, height: Int) {
        let screens = Self.screens(width: width, height: height)
        let list = ScreenView.render(screens[0].1, theme: .builtIn)
        for (name, state) in screens {
            let frame = ScreenView.render(state, theme: .builtIn)
            Self.check(frame, "\(name) at \(width)×\(height)")
            // What curses is asked to write: the full frame, and a diff from the list to it.
            let runs = FrameDiff.runs(from: nil, to: frame) + FrameDiff.runs(from: list, to: frame)
            for run in runs {
                #expect(SanitizerTests.isClean(run.text), "\(name): run \(run.text.debugDescription)")
                #expect(DisplayWidth.of(run.text) == run.width, "\(name): run \(run.text.debugDescription) is \(DisplayWidth.of(run.text)) wide, not \(run.width)")
                #expect(run.x >= 0 && run.x + run.width <= width, "\(name): run past the right edge")
            }
        }
    }

    /// Every cell printable; a grapheme as wide as its cell says; a wide one followed by its
    /// continuation; no escape sequence's payload visible anywhere.
    static func check(_ frame: CellBuffer, _ context: String) {
        for y in 0..<frame.height {
            var x = 0
            while x < frame.width {
                let cell = frame[x, y]
                #expect(!cell.isContinuation, "\(context): stray continuation at \(x),\(y)")
                #expect(SanitizerTests.isClean(String(cell.grapheme)) && cell.grapheme != "\u{0}", "\(context): \(String(cell.grapheme).unicodeScalars.map { String($0.value, radix: 16) }) at \(x),\(y)")
                #expect(DisplayWidth.of(cell.grapheme) == Int(cell.width), "\(context): \(cell.grapheme) in a \(cell.width)-wide cell at \(x),\(y)")
                if cell.width == 2 { #expect(x + 1 < frame.width && frame[x + 1, y].isContinuation, "\(context): wide cell without continuation at \(x),\(y)") }
                x += max(1, Int(cell.width))
            }
        }
        let text = frame.text
        for payload in payloads { #expect(!text.contains(payload), "\(context): shows “\(payload)”") }
    }

    /// Resizing through every size on every screen, as a resize storm does, never traps.
    @Test func resizeStormOverHostileScreens() {
        var random = SystemRandomNumberGenerator()
        for (_, start) in Self.screens(width: 120, height: 40) {
            var state = start
            for _ in 0..<4 {
                let (w, h) = (Int.random(in: 0...260, using: &random), Int.random(in: 0...80, using: &random))
                _ = Update.update(&state, .resize(width: w, height: h))
                let frame = ScreenView.render(state, theme: .builtIn)
                #expect(frame.width == max(0, w) && frame.height == max(0, h))
            }
        }
    }

    /// The layout's widths agree with the C library's `wcwidth` (what ncursesw uses to place
    /// characters) for every code point the sanitiser lets through and the C library knows.
    /// (Whatever it cannot measure — unassigned, or newer than its Unicode — the sanitiser
    /// turns into the placeholder.)
    @Test func widthTableAgreesWithTheCLibraryForEveryScalar() {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return }
        var mismatches: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
            var scanner = Sanitizer.Scanner()
            guard scanner.feed(scalar) == scalar else { continue }
            let theirs = Int(od_wcwidth(wchar_t(bitPattern: value)))
            if theirs != DisplayWidth.of(scalar) { mismatches.append(String(value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, e.g. \(mismatches.prefix(20))")
    }

    @Test func unmeasurableCodePointsBecomeThePlaceholder() {
        #expect(Sanitizer.clean("a\u{0378}b\u{E01F0}c") == "a\u{FFFD}b\u{FFFD}c")
        // Unicode 15 (U+1FAE8 shaking face, U+1E030 Cyrillic modifier): unknown to glibc 2.36.
        #expect(Sanitizer.clean("x\u{1FAE8}y\u{1E030}") == "x\u{FFFD}y\u{FFFD}")
        #expect(DisplayWidth.of("🇲🇽") == 2)
    }
}
