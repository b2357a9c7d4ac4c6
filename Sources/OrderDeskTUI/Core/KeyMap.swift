/// What a key does where no text is being typed. Raw values are the names used in the config's
/// key-binding overrides (`[keys] change_status = "C"`).
public enum Command: String, CaseIterable, Sendable {
    case moveUp = "up", moveDown = "down", pageUp = "page_up", pageDown = "page_down"
    case top, bottom
    case open, back, quit
    case mark
    case markAll = "mark_all", markRange = "mark_range"
    case filter, facets, sort
    case reverseSort = "reverse_sort"
    case changeStatus = "change_status"
    case addOutbound = "add_outbound"
    /// In the order detail: pick an outbound record, and edit the picked one.
    case nextOutbound = "next_outbound", previousOutbound = "previous_outbound"
    case editOutbound = "edit_outbound"
    case refresh
    case runReport = "report"
    case push
    case budgets, activity
    case retry, retryAll = "retry_all"
    case help

    // In dialogs and panels (`KeyScope.dialog`). The arrows always move there, whatever is bound.
    case confirm, cancel
    case nextField = "next_field", previousField = "previous_field"
    case toggle
    case toggleAll = "toggle_all"
    /// The outbound dialog's status offer: the previous or next one.
    case pickPrevious = "pick_previous", pickNext = "pick_next"
    /// The report dialog's range of days: one less or one more.
    case dayEarlier = "day_earlier", dayLater = "day_later"
    case clearFacets = "clear_facets"
    /// Quit although changes are still queued or sending.
    case quitAnyway = "quit_anyway"

    /// Where a command's keys apply. A dialog takes keys the list uses for something else
    /// (Space toggles there and marks here), so each scope has keys of its own.
    public var scope: KeyScope {
        switch self {
        case .confirm, .cancel, .nextField, .previousField, .toggle, .toggleAll, .pickPrevious, .pickNext, .dayEarlier, .dayLater,
             .clearFacets, .quitAnyway: .dialog
        default: .screen
        }
    }
}

/// The list and the detail, or an open dialog or panel.
public enum KeyScope: Sendable { case screen, dialog }

/// Key → command, from the defaults plus the user's overrides. The help overlay is generated
/// from this, so it always shows the live bindings.
public struct KeyMap: Sendable {
    public private(set) var bindings: [Command: [Key]]
    private var lookup: [Key: Command]

    public static let defaults: [Command: [Key]] = [
        .moveUp: [.up, .char("k")], .moveDown: [.down, .char("j")],
        .pageUp: [.pageUp], .pageDown: [.pageDown],
        .top: [.char("g"), .home], .bottom: [.char("G"), .end],
        .open: [.enter], .back: [.escape, .char("q")], .quit: [.char("q")],
        .mark: [.char(" ")], .markAll: [.ctrl("a"), .char("*")], .markRange: [.char("v")],
        .filter: [.char("/")], .facets: [.char("f")], .sort: [.char("s")], .reverseSort: [.char("S")],
        .changeStatus: [.char("c")], .addOutbound: [.char("o")],
        .nextOutbound: [.tab], .previousOutbound: [.backTab], .editOutbound: [.char("e")],
        .refresh: [.char("r")], .runReport: [.char("R")], .push: [.char("p")],
        .budgets: [.char("b")], .activity: [.char("a")],
        .retry: [.char("t")], .retryAll: [.char("T")],
        .help: [.char("?")],
        .confirm: [.enter], .cancel: [.escape], .nextField: [.tab], .previousField: [.backTab],
        .toggle: [.char(" ")], .toggleAll: [.char("a")], .pickPrevious: [.left], .pickNext: [.right],
        .dayEarlier: [.left], .dayLater: [.right, .char("+")], .clearFacets: [.char("c")],
        .quitAnyway: [.char("y"), .char("Y"), .char("s"), .char("S")],
    ]

    /// `overrides` maps a command name to one key or several separated by commas. Unknown
    /// commands or keys are reported back, not fatal.
    public init(overrides: [String: String] = [:]) {
        var bindings = Self.defaults
        var problems: [SetupWarning] = []
        for (commandName, keySpec) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let command = Command(rawValue: commandName) else { problems.append(.unknownCommand(commandName)); continue }
            let keys = keySpec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.compactMap { spec -> Key? in
                if spec == "," { return .char(",") }
                guard let key = Key(name: spec) else { problems.append(.unknownKey(spec)); return nil }
                return key
            }
            guard !keys.isEmpty else { continue }
            // A key moved to a new command leaves its old one, in the same scope: a dialog's key
            // stays the list's too.
            for other in bindings.keys where other != command && other.scope == command.scope && !Self.sharedByDesign(other, command) {
                bindings[other]?.removeAll(where: keys.contains)
            }
            bindings[command] = keys
        }
        self.bindings = bindings
        self.problems = problems
        lookup = [:]
        for command in Command.allCases where command.scope == .screen {
            for key in bindings[command] ?? [] where lookup[key] == nil { lookup[key] = command }
        }
    }

    /// Problems found in the overrides, to show once at start.
    public private(set) var problems: [SetupWarning]

    /// `q` is both "back" and "quit": which applies depends on the screen. The arrows pick a
    /// status in the outbound dialog and step days in the report dialog.
    private static func sharedByDesign(_ a: Command, _ b: Command) -> Bool {
        let pair = Set([a, b])
        return pair == Set([.back, .quit]) || pair == Set([.pickPrevious, .dayEarlier]) || pair == Set([.pickNext, .dayLater])
    }

    /// The list's or the detail's command for `key`; dialogs ask `matches` for theirs.
    public func command(for key: Key) -> Command? { lookup[key] }

    public func matches(_ key: Key, _ command: Command) -> Bool { bindings[command]?.contains(key) ?? false }

    public func keys(for command: Command) -> [Key] { bindings[command] ?? [] }

    /// "c" or "↑/k": what hints and the help overlay print.
    public func label(_ command: Command) -> String {
        keys(for: command).map(\.label).joined(separator: "/")
    }
}

import Foundation
