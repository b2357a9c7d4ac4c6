/// Hostile strings real data sometimes carries: escape sequences, C1 controls, bidi overrides,
/// NUL, width traps and 10 kB lines. One corpus for everything that needs some: the sandbox
/// seeds `seeded` into a handful of orders, the TUI's preview data mixes `all` in, and the
/// tests feed `all` to every renderer. It lives here rather than in the test-support target
/// because the sandbox and the preview, which ship, seed it too.
public enum HostileText {
    public static let csi = "Rojo \u{1B}[31mALERTA\u{1B}[0m fin"
    public static let osc52 = "Copia \u{1B}]52;c;ZWNobyBwd25lZA==\u{07} fin"
    public static let osc8 = "\u{1B}]8;;https://evil.example/\u{1B}\\enlace\u{1B}]8;;\u{1B}\\ fin"
    public static let c1 = "C1 \u{9B}31m control"
    public static let bidi = "Pedido \u{202E}odilávni\u{202C} ok"
    public static let nul = "Nulo \u{0}aquí"
    public static let zeroWidth = "Ce\u{200B}ro\u{200D}ancho\u{FEFF}"
    public static let longNote = "Nota larga: " + String(repeating: "áéíóú ñ ", count: 1280)

    /// What the sandbox seeds, one per field it picks (its order is the seeding order).
    public static let seeded = [csi, osc52, osc8, c1, bidi, nul, zeroWidth, longNote]

    /// The rest: every other escape sequence kind, C0 line controls, Zalgo text, graphemes whose
    /// width terminals disagree on or that the C library cannot measure, unfinished sequences.
    public static let more: [String] = [
        "C1 \u{9D}0;title\u{9C} OSC", "Aislado \u{2066}x\u{2069} \u{202A}\u{202B}\u{202D}\u{2067}\u{2068}\u{200E}\u{200F}\u{061C}ok",
        "Borrar \u{7F}\u{8} \u{1}\u{1F} fin", "\u{FEFF}bom",
        "\u{1B}P1$r\u{1B}\\dcs \u{1B}_apc\u{1B}\\ \u{1B}^pm\u{1B}\\ \u{1B}X sos\u{1B}\\ \u{1B}(0 \u{1B}#8 \u{1B}c",
        "\u{1B}[2J\u{1B}[H borrado", "\u{1B}]52;c;aGk=\u{1B}\\after",
        "tab\tCR\rLF\nLS\u{2028}PS\u{2029}", "Zalgo z\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}",
        "日本語の顧客 📦 🇲🇽 👨‍👩‍👧 ❤️ 👍🏽", "📦 Envío Ñandú", "Peña Ñandú",
        "Tangut \u{17000} Yijing \u{4DC0} 〈\u{2329}\u{232A}〉 \u{1F200}",
        "Unassigned \u{0378}\u{0379} PUA \u{E000} jamo \u{1100}\u{1161}\u{D7B0}",
        "\u{1B}", "\u{1B}[", "\u{1B}]52;c;",
        String(repeating: "\u{1B}[1m", count: 3_000) + "tras 9 kB de CSI",
    ]

    public static let all = seeded + more

    /// Texts inside escape sequences in `all`: never shown, not even as plain text.
    public static let payloads = ["ZWNobyBwd25lZA==", "aGk=", "evil.example", "title", "1$r", "apc"]
}
