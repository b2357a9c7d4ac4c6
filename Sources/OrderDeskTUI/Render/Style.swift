/// A terminal colour as a theme names it: the terminal's own default, or an index into the
/// 256-colour palette (0–7 are the classic eight, 8–15 their bright variants).
public enum TerminalColor: Hashable, Sendable {
    case defaultColor
    case indexed(UInt8)

    /// Names a theme file may use instead of a number.
    static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "gray": 8, "grey": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses "default", a colour name or "0"–"255".
    init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" || lowered == "none" || lowered.isEmpty { self = .defaultColor; return }
        if let index = Self.names[lowered] { self = .indexed(index); return }
        if let number = UInt8(lowered) { self = .indexed(number); return }
        return nil
    }

    /// The nearest of the eight basic colours, for terminals that have no more.
    func reduced(toColors count: Int) -> TerminalColor {
        guard case .indexed(let index) = self, count < 256 else { return self }
        if count >= 16, index < 16 { return self }
        if index < 8 { return self }
        if index < 16 { return .indexed(index - 8) }
        if index >= 232 { return .indexed(index >= 244 ? 7 : 0) }
        // The 6×6×6 cube: pick the basic colour whose bits match the strong channels.
        let cube = Int(index) - 16
        let r = cube / 36, g = (cube / 6) % 6, b = cube % 6
        let bit = { (channel: Int) -> UInt8 in channel >= 3 ? 1 : 0 }
        return .indexed(bit(r) | bit(g) << 1 | bit(b) << 2)
    }
}

/// Text attributes, independent of colour (what a monochrome terminal still shows).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let reverse = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}

/// How one cell looks: resolved from a theme role when a view draws.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .defaultColor, background: TerminalColor = .defaultColor, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
