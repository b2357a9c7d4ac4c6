import OrderKit

/// One entry of the hint bar: the keys as printed, and what they do.
public struct KeyHint: Equatable, Sendable {
    public var keys: String
    public var action: String
    /// The keys themselves, for checking that each hinted key does something on its screen.
    public var pressable: [Key]
    /// Kept on a narrow screen before the others: how to confirm, cancel, leave or get help.
    public var essential = false

    public init(keys: String, action: String, pressable: [Key], essential: Bool = false) {
        self.keys = keys
        self.action = action
        self.pressable = pressable
        self.essential = essential
    }

    func essential(_ value: Bool = true) -> KeyHint {
        var copy = self
        copy.essential = value
        return copy
    }
}

/// The keys of each screen, generated from the live key map: the hint bar's main keys (most
/// important first, so a narrow screen drops the least useful) and the commands `?` lists.
/// Dialogs take some keys the key map does not bind (Tab, Enter, Esc, Space): those are named
/// here exactly as their handlers in `StatusUpdate`/`PanelUpdate`/`QuitUpdate` read them.
public enum ScreenKeys {
    public static func hints(_ state: AppState) -> [KeyHint] {
        let t = state.text, map = state.keyMap
        func hint(_ keys: [Key], _ action: UIText) -> KeyHint {
            KeyHint(keys: t.label(keys), action: t[action], pressable: keys)
        }
        func command(_ command: Command, _ action: UIText) -> KeyHint? {
            let keys = map.keys(for: command)
            return keys.isEmpty ? nil : hint(keys, action)
        }
        /// Two commands on one entry (`s/S: sort`): each one's first key, so the entry stays short.
        func commands(_ both: [Command], _ action: UIText) -> KeyHint? {
            let keys = both.compactMap { map.keys(for: $0).first }
            return keys.isEmpty ? nil : hint(keys, action)
        }
        /// Up and down: the arrows the dialogs always take plus the bound keys, as `↑/k ↓/j`.
        func upDown(_ action: UIText, arrowsOnly: Bool = false) -> KeyHint {
            let up = unique([.up] + (arrowsOnly ? [] : map.keys(for: .moveUp)))
            let down = unique([.down] + (arrowsOnly ? [] : map.keys(for: .moveDown)))
            return KeyHint(keys: t.label(up) + " " + t.label(down), action: t[action], pressable: up + down)
        }
        func closes(_ own: Command) -> KeyHint { hint(unique([.escape, .char("q")] + map.keys(for: own)), .hintClose).essential() }

        switch state.screen {
        case .list:
            if state.filterEditing {
                return [hint([.enter], .hintKeepFilter).essential(), hint([.escape], .hintClearFilter).essential(), upDown(.hintMove, arrowsOnly: true)]
            }
            return [
                command(.help, .hintHelp)?.essential(), command(.quit, .hintQuit)?.essential(), command(.open, .hintOpen), command(.filter, .hintFilter),
                command(.mark, .hintMark), command(.changeStatus, .hintStatus),
                command(.markRange, state.markRange == nil ? .hintRange : .hintEndRange),
                command(.markAll, .hintMarkAll), commands([.sort, .reverseSort], .hintSort), command(.facets, .hintFacets),
                command(.addOutbound, .hintOutbound), command(.runReport, .hintReport), command(.activity, .hintActivity),
                command(.budgets, .hintBudgets),
            ].compactMap { $0 }
        case .detail:
            return [
                command(.help, .hintHelp)?.essential(), detailBack(map).map { hint([$0], .hintBack).essential() }, command(.changeStatus, .hintStatus),
                command(.addOutbound, .hintOutbound), commands([.nextOutbound, .previousOutbound], .hintPickOutbound),
                command(.editOutbound, .hintEdit), command(.refresh, .hintRefresh), commands([.top, .bottom], .hintTopBottom),
                command(.push, .hintPush), command(.activity, .hintActivity),
            ].compactMap { $0 }
        case .changeStatus:
            guard case .changeStatus(let dialog) = state.overlay else { return [] }
            let field: [KeyHint]
            switch dialog.focus {
            case .status: field = [upDown(.hintChoose)]
            case .carrier: field = [KeyHint(keys: t[.hintTyping], action: t[.hintFilter], pressable: [.char("x")]), upDown(.hintPick, arrowsOnly: true)]
            case .items: field = [upDown(.hintMove), hint([.char(" ")], .hintToggle), hint([.char("a")], .hintAll)]
            case .mirror: field = [hint([.char(" ")], .hintToggle)]
            }
            return field + [hint([.tab], .hintField).essential(), hint([.enter], .hintConfirm).essential(), hint([.escape], .hintCancel).essential()]
        case .outboundDialog:
            guard case .addOutbound(let dialog) = state.overlay else { return [] }
            let pick = dialog.focus == .status ? [KeyHint(keys: t.label([.left, .right]), action: t[.hintPickStatus], pressable: [.left, .right])] : []
            return pick + [KeyHint(keys: t.label([.tab, .down]) + " " + t.label([.backTab, .up]), action: t[.hintField], pressable: [.tab, .down, .backTab, .up]),
                    hint([.enter], .hintSend).essential(), hint([.escape], .hintCancel).essential()]
        case .reportDialog:
            return [KeyHint(keys: t[.hintTyping], action: t[.hintTypeRange], pressable: [.char("3")]),
                    KeyHint(keys: t.label([.left, .right]), action: t[.hintDay], pressable: [.left, .right]),
                    hint([.enter], .hintRun).essential(), hint([.escape, .char("q")], .hintCancel).essential()]
        case .help:
            return [upDown(.hintScroll, arrowsOnly: false), closes(.help)]
        case .budgets:
            return [closes(.budgets)]
        case .activity:
            return [upDown(.hintMove), command(.open, .hintOpenOrder), command(.retry, .hintRetry), command(.retryAll, .hintRetryAll),
                    closes(.activity)].compactMap { $0 }
        case .facets:
            return [upDown(.hintMove), hint([.char(" ")], .hintToggle), hint([.char("c")], .hintClear),
                    hint(unique([.enter, .escape, .char("q")] + map.keys(for: .facets)), .hintClose).essential()]
        case .confirmQuit:
            let yes: [Key] = state.text.language == .es ? [.char("s"), .char("y")] : [.char("y")]
            return [hint(yes, .hintQuit).essential(), KeyHint(keys: t[.hintOtherKey], action: t[.hintStay], pressable: [.char("n")], essential: true)]
        }
    }

    /// The key the detail's hint names for "back": `q` rather than Esc, where both are bound.
    static func detailBack(_ map: KeyMap) -> Key? {
        let keys = map.keys(for: .back)
        return keys.first { $0 != .escape } ?? keys.first
    }

    /// What `?` lists for `screen` (the list or the detail), in reading order.
    public static func helpCommands(for screen: Screen) -> [Command] {
        let shared: [Command] = [.changeStatus, .addOutbound, .refresh, .push, .runReport, .activity, .budgets]
        switch screen {
        case .detail:
            return [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .nextOutbound, .previousOutbound, .editOutbound]
                + shared + [.back, .help]
        default:
            return [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .open, .filter, .facets, .sort, .reverseSort,
                    .mark, .markAll, .markRange] + shared + [.back, .quit, .help]
        }
    }

    /// The keys `?` prints for a command on `screen`. On the list a key bound to both "back"
    /// and "quit" quits (`ListUpdate`), so "back" shows only its other keys; in the detail it
    /// goes back, and "quit" is not listed.
    public static func helpKeys(_ command: Command, on screen: Screen, _ map: KeyMap) -> [Key] {
        let keys = map.keys(for: command)
        if screen == .list && command == .back { return keys.filter { !map.matches($0, .quit) } }
        return keys
    }

    private static func unique(_ keys: [Key]) -> [Key] {
        var seen = Set<Key>()
        return keys.filter { seen.insert($0).inserted }
    }
}
