/// A decoded key press, independent of curses.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    case function(Int)

    /// The name used in key-binding overrides and the help overlay.
    public var name: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .delete: "delete"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .function(let n): "f\(n)"
        }
    }

    /// How the help overlay shows it.
    public var label: String {
        switch self {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .char(" "): "space"
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .function(let n): "F\(n)"
        default: name
        }
    }

    /// Parses a binding: a single character, or a name such as `enter`, `space`, `ctrl-r`, `f5`.
    public init?(name: String) {
        let lowered = name.lowercased()
        switch lowered {
        case "space": self = .char(" ")
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "backspace": self = .backspace
        case "delete", "del": self = .delete
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        default:
            if name.count == 1, let c = name.first { self = .char(c); return }
            if lowered.hasPrefix("ctrl-"), lowered.count == 6, let c = lowered.last { self = .ctrl(c); return }
            if lowered.hasPrefix("f"), let n = Int(lowered.dropFirst()), (1...24).contains(n) { self = .function(n); return }
            return nil
        }
    }
}
