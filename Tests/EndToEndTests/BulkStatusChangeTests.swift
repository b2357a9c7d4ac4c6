import Foundation
import Testing

/// The flow support staff use most, with real keystrokes in a real terminal: filter the list to
/// ready_to_ship, mark two orders, change both to shipped with a carrier and one item each, and
/// see exactly those changes land in the sandbox once.
@Suite(.serialized) struct BulkStatusChangeTests {
    @Test func twoOrdersShippedWithACarrierAndOneItemEach() async throws {
        let sandbox = try SandboxProcess(orders: 500, seed: 7)
        let env = try OrderDeskBinary.isolatedEnvironment(extra: ["ORDERDESK_SANDBOX_URL": sandbox.baseURL])
        defer { OrderDeskBinary.removeIsolated(env) }

        let report = try OrderDeskBinary.fillCache(environment: env)
        #expect(report.status == 0, "report run: \(report.stderr)")
        #expect(report.stdout.contains("imported"))

        let tui = try TmuxSession(command: TmuxSession.shellQuote(OrderDeskBinary.url.path), environment: env)
        try await tui.waitFor(text: "SANDBOX")
        try await tui.waitFor(text: "ready_to_ship")

        // Open the first order: its outbound history is fetched from Yuju and shown.
        try tui.send("Enter")
        let detail = try await tui.waitFor("the fetched outbound history") { screen in
            screen.contains("Outbound history (newest first) (") && !screen.contains("fetching from Yuju")
        }
        #expect(detail.contains("Items ("))
        #expect(detail.contains("Audit trail"))
        let outboundGets = (try sandbox.control("GET", "/_sandbox/stats") as? [String: Any]).flatMap { $0["requests"] as? [String: Int] }?
            .filter { $0.key.hasPrefix("GET /yuju/orders/outbounds") }.values.reduce(0, +) ?? 0
        #expect(outboundGets == 1)
        try tui.send("Escape")
        try await tui.waitFor("the list") { $0.contains("Outbox") && !$0.contains("Outbound history") }

        // Facets: the second entry is "Status ready_to_ship".
        try tui.send("f")
        try await tui.waitFor(text: "Filter by status and channel")
        try tui.send("j", "Space", "Escape")
        // A capture may catch a frame half drawn: wait for the whole filtered list.
        let filtered = try await tui.waitFor("the ready_to_ship list") { screen in
            let rows = Self.listRows(screen)
            return screen.contains("[ready_to_ship]") && rows.count >= 2 && rows.allSatisfy { $0.status == "ready_to_ship" }
        }
        let rows = Self.listRows(filtered)

        // Mark the first two rows (Space marks and moves down).
        try tui.send("Space", "Space")
        try await tui.waitFor(text: "2 marked")
        let marked = Array(rows.prefix(2))

        try tui.send("c")
        let dialog = try await tui.waitFor("the item checklist") { $0.contains("Items (") }
        #expect(dialog.contains("Change status · 2 orders"))

        // The checklist lists every item of both orders, each labelled with its order.
        let items = try marked.map { row in try Self.items(of: row, environment: env) }
        let total = items.reduce(0) { $0 + $1.count }
        try await tui.waitFor(text: "Items (\(total)/\(total))")
        let firstVisible = try #require(Self.checklistLines(try tui.screen()).first)
        let dialogOrder = firstVisible.hasPrefix(marked[0].id + " ") ? [0, 1] : [1, 0]

        // New status: shipped (the first a ready_to_ship order reaches), carrier: type "dhl", pick DHL.
        try tui.send("Tab")
        try tui.type("dhl")
        try await tui.waitFor(text: "» DHL")
        try tui.send("Tab")
        // Keep the first item of each order: uncheck every other one.
        let firstCount = items[dialogOrder[0]].count
        for index in 1..<total {
            try tui.send("Down")
            if index != firstCount { try tui.send("Space") }
        }
        try await tui.waitFor(text: "Items (2/\(total))")
        try tui.send("Enter")
        try await tui.waitFor(text: "2 changes queued")
        // The Yuju budget moves while the two PUTs drain, then refills on its own.
        try await tui.waitFor("the Yuju budget spent") { Self.yujuAvailable($0).map { $0 < 2 } ?? false }
        try await tui.waitFor(text: "Yuju 2/2/s")

        // Both land once, with the carrier and exactly the one item each.
        var transitions: [String: [[String: Any]]] = [:]
        var deadline = StarvationProofDeadline(20)
        while !deadline.hasPassed() {
            let stats = try sandbox.control("GET", "/_sandbox/stats") as? [String: Any]
            transitions = stats?["transitions"] as? [String: [[String: Any]]] ?? [:]
            if transitions.count >= 2 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(transitions.count == 2)
        for (row, orderItems) in zip(marked, items) {
            let landed = transitions["\(row.channel)/\(row.id)"] ?? []
            #expect(landed.count == 1, "\(row.id) changed \(landed.count) times")
            #expect(landed.first?["to"] as? String == "shipped")
            #expect(landed.first?["carrier"] as? String == "DHL")
            #expect(landed.first?["items"] as? [String] == [orderItems[0]])
        }
        let stats = try sandbox.control("GET", "/_sandbox/stats") as? [String: Any]
        #expect((stats?["rate_limited"] as? [String: Any])?.isEmpty == true, "no 429 on the way")

        // The outbox column says so, and q leaves with status 0.
        try await tui.waitFor("both accepted") { screen in marked.allSatisfy { row in Self.line(of: row.id, in: screen)?.hasSuffix("accepted") ?? true } }
        try await tui.waitFor(text: "2 accepted, 0 failed")
        try tui.send("q")
        #expect(try await tui.waitForExit() == 0)
        // The terminal is given back: normal screen, cursor shown.
        #expect(try tui.format("#{alternate_on}") == "0")
        #expect(try tui.format("#{cursor_flag}") == "1")
    }

    /// "Yuju N/2/s" in the status bar.
    static func yujuAvailable(_ screen: String) -> Int? {
        guard let range = screen.range(of: "Yuju ") else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    struct Row { var id: String; var channel: Int; var status: String }

    /// Order rows of the list: id, channel and status columns, skipping the header.
    static func listRows(_ screen: String) -> [Row] {
        screen.split(separator: "\n").dropFirst(2).compactMap { line -> Row? in
            let words = line.dropFirst(2).split(separator: " ")
            guard words.count > 2, let channel = Int(words[1]),
                  let status = words.first(where: { ["pending", "ready_to_ship", "shipped", "delivered", "canceled"].contains(String($0)) })
            else { return nil }
            return Row(id: String(words[0]), channel: channel, status: String(status))
        }
    }

    static func line(of id: String, in screen: String) -> String? {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(id + " ") || $0.hasPrefix("✓ " + id + " ") }
    }

    /// The checklist rows inside the dialog, as "ORDER · SKU · name (status)".
    static func checklistLines(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "[x] ") ?? line.range(of: "[ ] ") else { return nil }
            return String(line[range.upperBound...])
        }.filter { $0.contains(" · ") }
    }

    /// An order's item ids as the wire knows them (SKU, else id_item), from the cache.
    static func items(of row: Row, environment: [String: String]) throws -> [String] {
        let shown = try OrderDeskBinary.run(["orders", "show", row.id, "--channel", String(row.channel), "--json"], environment: environment)
        let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let items = json?["items"] as? [[String: Any]] ?? []
        return items.compactMap { ($0["sku"] as? String) ?? ($0["id_item"] as? String) }
    }
}
