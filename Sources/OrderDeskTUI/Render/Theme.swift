import Foundation
import OrderKit
import TOMLKit

/// How many colours the terminal offers, or none at all (`NO_COLOR`, monochrome themes).
public enum ColorMode: String, Sendable {
    case monochrome, ansi8 = "8", ansi256 = "256"
}

/// Role → style, loaded from `themes/*.toml`; unknown roles fall back to the built-in default.
public struct Theme: Sendable {
    public var name: String
    private(set) var styles: [ThemeRole: Style]

    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: ThemeRole) -> Style {
        styles[role] ?? Self.builtIn.styles[role] ?? .plain
    }

    /// `role`'s colour and attributes on `panel`'s background: text such as a dim hint or a
    /// coloured state inside a dialog, which with its own (often the terminal's default)
    /// background would punch a hole in the panel.
    /// Roles that are highlights by their background (errors, focus, the panel's own roles) keep it.
    public func style(_ role: ThemeRole, on panel: ThemeRole) -> Style {
        var inked = style(role)
        if role.isInk { inked.background = style(panel).background }
        return inked
    }

    /// The same theme for a terminal with fewer colours: colours reduced, or dropped for
    /// monochrome, where only attributes (bold, reverse, underline) tell roles apart.
    public func adapted(to mode: ColorMode) -> Theme {
        var copy = self
        for role in ThemeRole.allCases {
            var style = style(role)
            switch mode {
            case .ansi256: break
            case .ansi8:
                style.foreground = style.foreground.reduced(toColors: 8)
                style.background = style.background.reduced(toColors: 8)
            case .monochrome:
                style = Self.monochrome.styles[role] ?? Style(attributes: style.attributes)
            }
            copy.styles[role] = style
        }
        return copy
    }

    // MARK: Loading

    public enum LoadError: Error, Hashable, CustomStringConvertible {
        case syntax(String, String)
        case badColor(role: String, value: String)
        public var description: String {
            switch self {
            case .syntax(let file, let detail): "theme \(file): \(detail)"
            case .badColor(let role, let value): "theme role \(role): unknown colour \"\(value)\""
            }
        }

        var warning: SetupWarning {
            switch self {
            case .syntax(let file, let detail): .themeSyntax(file: file, detail: detail)
            case .badColor(let role, let value): .themeColor(role: role, value: value)
            }
        }
    }

    /// Parses a theme file's text. Roles are dotted paths (`list.selected`), written as nested
    /// tables or inline tables with `fg`, `bg`, `bold`, `reverse`, `underline`, `dim`.
    public static func parse(_ text: String, name: String) throws -> Theme {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch { throw LoadError.syntax(name, "\(error)") }
        var styles: [ThemeRole: Style] = [:]
        try collect(table, prefix: "", into: &styles)
        let themeName = table["name"]?.string ?? name
        return Theme(name: themeName, styles: styles)
    }

    private static let styleKeys: Set<String> = ["fg", "bg", "bold", "reverse", "underline", "dim"]

    private static func collect(_ table: TOMLTable, prefix: String, into styles: inout [ThemeRole: Style]) throws {
        for (key, value) in table {
            guard let child = value.table else { continue }
            let path = prefix.isEmpty ? key : prefix + "." + key
            if child.keys.contains(where: styleKeys.contains), let role = ThemeRole(rawValue: path) {
                styles[role] = try style(from: child, role: path)
            }
            try collect(child, prefix: path, into: &styles)
        }
    }

    private static func style(from table: TOMLTable, role: String) throws -> Style {
        func color(_ key: String) throws -> TerminalColor {
            guard let raw = table[key] else { return .defaultColor }
            if let number = raw.int, (0...255).contains(number) { return .indexed(UInt8(number)) }
            if let name = raw.string, let parsed = TerminalColor(name: name) { return parsed }
            throw LoadError.badColor(role: role, value: "\(raw)")
        }
        var attributes: TextAttributes = []
        if table["bold"]?.bool == true { attributes.insert(.bold) }
        if table["reverse"]?.bool == true { attributes.insert(.reverse) }
        if table["underline"]?.bool == true { attributes.insert(.underline) }
        if table["dim"]?.bool == true { attributes.insert(.dim) }
        return Style(foreground: try color("fg"), background: try color("bg"), attributes: attributes)
    }

    /// Finds a theme by name or path: the path itself, then `themes/NAME.toml` next to the
    /// current directory and next to the executable; the built-in default when nothing is found
    /// (a missing file never stops the app). Returns the theme and a warning to show, if any.
    public static func load(_ nameOrPath: String?, currentDirectory: String = FileManager.default.currentDirectoryPath,
                            executablePath: String? = CommandLine.arguments.first) -> (Theme, SetupWarning?) {
        guard let requested = nameOrPath, !requested.isEmpty else { return (builtIn, nil) }
        var candidates: [String] = []
        if requested.contains("/") || requested.hasSuffix(".toml") {
            candidates.append(requested)
        } else {
            candidates.append(currentDirectory + "/themes/\(requested).toml")
            if let executablePath {
                let directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
                candidates.append(directory.appendingPathComponent("themes/\(requested).toml").path)
                candidates.append(directory.deletingLastPathComponent().appendingPathComponent("themes/\(requested).toml").path)
            }
        }
        for path in candidates {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            do { return (try parse(text, name: requested), nil) } catch let error as LoadError { return (builtIn, error.warning) } catch {
                return (builtIn, .themeSyntax(file: requested, detail: "\(error)"))
            }
        }
        if requested == "default" { return (builtIn, nil) }
        if requested == "monochrome" { return (monochrome, nil) }
        return (builtIn, .themeNotFound(requested))
    }

    // MARK: Built-in themes

    private static func s(_ fg: TerminalColor = .defaultColor, _ bg: TerminalColor = .defaultColor, _ attributes: TextAttributes = []) -> Style {
        Style(foreground: fg, background: bg, attributes: attributes)
    }

    /// Compiled in, so the app draws even with no `themes/` directory; mirrors `themes/default.toml`.
    public static let builtIn = Theme(name: "default", styles: [
        .normal: s(),
        .title: s(.indexed(6), .defaultColor, .bold),
        .header: s(.indexed(0), .indexed(6), .bold),
        .selected: s(.indexed(0), .indexed(14)),
        .marked: s(.indexed(11), .defaultColor, .bold),
        .selectedMarked: s(.indexed(0), .indexed(11), .bold),
        .dim: s(.indexed(8)),
        .filter: s(.indexed(11), .defaultColor, .bold),
        .statusbar: s(.indexed(15), .indexed(4)),
        .statusbarSandbox: s(.indexed(0), .indexed(11), .bold),
        .statusbarWarning: s(.indexed(15), .indexed(1), .bold),
        .dialog: s(.indexed(15), .indexed(236)),
        .dialogTitle: s(.indexed(14), .indexed(236), .bold),
        .dialogFocus: s(.indexed(0), .indexed(14)),
        .dialogSelected: s(.indexed(11), .indexed(236), .bold),
        .helpKey: s(.indexed(11), .indexed(236), .bold),
        .error: s(.indexed(15), .indexed(1), .bold),
        .info: s(.indexed(10)),
        .statusPending: s(.indexed(11)),
        .statusReady: s(.indexed(14)),
        .statusShipped: s(.indexed(12)),
        .statusDelivered: s(.indexed(10)),
        .statusCanceled: s(.indexed(8)),
        .outboxQueued: s(.indexed(11)),
        .outboxSending: s(.indexed(14)),
        .outboxSent: s(.indexed(10)),
        .outboxFailed: s(.indexed(9), .defaultColor, .bold),
    ])

    /// Attributes only: what `NO_COLOR` and the monochrome theme draw with.
    public static let monochrome = Theme(name: "monochrome", styles: [
        .normal: s(),
        .title: s(.defaultColor, .defaultColor, .bold),
        .header: s(.defaultColor, .defaultColor, [.bold, .underline]),
        .selected: s(.defaultColor, .defaultColor, .reverse),
        .marked: s(.defaultColor, .defaultColor, .bold),
        .selectedMarked: s(.defaultColor, .defaultColor, [.reverse, .bold]),
        .dim: s(.defaultColor, .defaultColor, .dim),
        .filter: s(.defaultColor, .defaultColor, .bold),
        .statusbar: s(.defaultColor, .defaultColor, .reverse),
        .statusbarSandbox: s(.defaultColor, .defaultColor, [.reverse, .bold]),
        .statusbarWarning: s(.defaultColor, .defaultColor, [.reverse, .bold, .underline]),
        .dialog: s(),
        .dialogTitle: s(.defaultColor, .defaultColor, [.bold, .underline]),
        .dialogFocus: s(.defaultColor, .defaultColor, .reverse),
        .dialogSelected: s(.defaultColor, .defaultColor, .bold),
        .helpKey: s(.defaultColor, .defaultColor, .bold),
        .error: s(.defaultColor, .defaultColor, [.bold, .reverse]),
        .info: s(.defaultColor, .defaultColor, .bold),
        .statusPending: s(.defaultColor, .defaultColor, .bold),
        .statusReady: s(),
        .statusShipped: s(),
        .statusDelivered: s(.defaultColor, .defaultColor, .dim),
        .statusCanceled: s(.defaultColor, .defaultColor, .dim),
        .outboxQueued: s(.defaultColor, .defaultColor, .underline),
        .outboxSending: s(.defaultColor, .defaultColor, .underline),
        .outboxSent: s(),
        .outboxFailed: s(.defaultColor, .defaultColor, [.bold, .reverse]),
    ])
}
