import Foundation
import OrderKit
import Testing
@testable import OrderDeskTUI

/// The list filter ignores case and accents, over id, customer, e-mail, phone, SKU and reference.
@Suite struct SearchFoldTests {
    /// The byte-level fast path gives the definition's bytes for every character it handles
    /// (U+0000–U+00FF), alone and between others.
    @Test func fastPathAgreesWithTheDefinitionOverLatin1() {
        for value in 0...0xFF {
            let character = String(Character(Unicode.Scalar(UInt8(value))))
            for text in [character, "aÁ\(character)Zñ", "\(character)\(character)"] {
                #expect(SearchFold.bytes(text) == Array(SearchFold.fold(text).utf8), "U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
    }

    @Test func foldsCaseAndAccentsButKeepsOtherLetters() {
        #expect(SearchFold.fold("Ramón Quiñones") == "ramon quinones")
        #expect(SearchFold.fold("ÁNGEL Ñandú") == "angel nandu")
        #expect(SearchFold.fold("E\u{301}lodie") == "elodie", "a combining accent goes as a precomposed one does")
        #expect(SearchFold.fold("Ærøskøbing Straße") == "ærøskøbing straße")
        #expect(String(decoding: SearchFold.bytes("Ğüç Şöz"), as: UTF8.self) == "guc soz", "beyond Latin-1: the definition")
    }

    /// Orders as the sandbox seeds them: the names with their accents, an ASCII e-mail.
    static let rows: [OrderSummary] = [
        OrderSummary(key: OrderKey(idChannel: 4301, idOrder: "3001"), status: .pending, customer: "Ramón Quiñones",
                     email: "r.q77@example.com", phone: "+52 55 1234 5678", skus: ["SKU-TAZ-001"]),
        OrderSummary(key: OrderKey(idChannel: 4312, idOrder: "3002"), status: .pending, customer: "RAMÓN Álvarez",
                     email: "x@correo.example.mx", phone: "+54 11 4444 0001", skus: ["SKU-CAF-013"], references: ["GUÍA-9"]),
        OrderSummary(key: OrderKey(idChannel: 4308, idOrder: "3003"), status: .shipped, customer: "Belén Peña",
                     email: "belen.pena@example.org", phone: "+52 33 9999 0000", skus: ["SKU-MAT-011"]),
    ]

    static func found(_ state: AppState) -> [String] { (0..<state.orders.count).map { state.orders[$0].key.idOrder }.sorted() }

    /// Typed as an operator does: `/`, then the text, one key at a time.
    @Test(arguments: [
        ("ramon", ["3001", "3002"]), ("quinon", ["3001"]), ("RAMON ALV", ["3002"]), ("peña", ["3003"]), ("pena", ["3003"]),
        ("correo.example", ["3002"]), ("R.Q77@", ["3001"]), ("5512345678", ["3001"]), ("+54 11", ["3002"]), ("9999 0000", ["3003"]),
        ("guia-9", ["3002"]), ("sku-caf", ["3002"]), ("300", ["3001", "3002", "3003"]), ("ramón quiñ", ["3001"]), ("zzz", []),
    ])
    func filterFindsWithoutAccentsOrCase(query: String, expected: [String]) {
        var state = AppState(width: 120, height: 40, now: Fixtures.now)
        _ = Update.update(&state, .summariesLoaded(Self.rows))
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, query)
        #expect(Self.found(state) == expected, "query \(query)")
    }

    /// A row whose e-mail or phone changes is found by the new one (the per-row text is redone).
    @Test func changedContactIsFoundAfterAnUpsert() {
        var index = OrderIndex(Self.rows)
        var changed = Self.rows[2]
        changed.email = "nuevo.correo@example.com"
        changed.phone = "+52 33 1111 2222"
        index.upsert([changed])
        index.setQuery("nuevo.correo")
        #expect(index.count == 1 && index[0].key.idOrder == "3003")
        index.setQuery("3311112222")
        #expect(index.count == 1 && index[0].key.idOrder == "3003")
        index.setQuery("belen.pena")
        #expect(index.count == 0)
    }
}
