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
/// Dialogs and panels bind theirs in the key map too (`KeyScope.dialog`); only the arrows,
/// which always move there, are named here as such.
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
        func bound(_ commands: Command...) -> [Key] { unique(commands.flatMap { map.keys(for: $0) }) }
        func closes(_ own: Command) -> KeyHint { hint(bound(.cancel, .back, own), .hintClose).essential() }
        let cancel = command(.cancel, .hintCancel)?.essential()

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
            case .items: field = [upDown(.hintMove), command(.toggle, .hintToggle), command(.toggleAll, .hintAll)].compactMap { $0 }
            case .mirror: field = [command(.toggle, .hintToggle)].compactMap { $0 }
            }
            return field + [command(.nextField, .hintField)?.essential(), command(.confirm, .hintConfirm)?.essential(), cancel].compactMap { $0 }
        case .outboundDialog:
            guard case .addOutbound(let dialog) = state.overlay else { return [] }
            let pick = dialog.focus == .status ? [commands([.pickPrevious, .pickNext], .hintPickStatus)].compactMap { $0 } : []
            let next = bound(.nextField) + [.down], previous = bound(.previousField) + [.up]
            let fields = KeyHint(keys: t.label(unique(next)) + " " + t.label(unique(previous)), action: t[.hintField], pressable: next + previous)
            return pick + [fields, command(.confirm, .hintSend)?.essential(), cancel].compactMap { $0 }
        case .reportDialog:
            return [KeyHint(keys: t[.hintTyping], action: t[.hintTypeRange], pressable: [.char("3")]),
                    commands([.dayEarlier, .dayLater], .hintDay), command(.confirm, .hintRun)?.essential(),
                    hint(bound(.cancel, .back), .hintCancel).essential()].compactMap { $0 }
        case .help:
            return [upDown(.hintScroll, arrowsOnly: false), closes(.help)]
        case .budgets:
            return [closes(.budgets)]
        case .activity:
            return [upDown(.hintMove), command(.open, .hintOpenOrder), command(.retry, .hintRetry), command(.retryAll, .hintRetryAll),
                    closes(.activity)].compactMap { $0 }
        case .facets:
            return [upDown(.hintMove), command(.toggle, .hintToggle), command(.clearFacets, .hintClear),
                    hint(bound(.confirm, .cancel, .back, .facets), .hintClose).essential()].compactMap { $0 }
        case .confirmQuit:
            return [hint(quitAnswers(map, t.language), .hintQuit).essential(),
                    KeyHint(keys: t[.hintOtherKey], action: t[.hintStay], pressable: [.char("n")], essential: true)]
        }
    }

    /// The keys that quit anyway, as the hint names them: no capitals (they are the same
    /// answer), and with the default keys the language's own answer, `s` (sí) first in Spanish,
    /// `y` alone in English.
    static func quitAnswers(_ map: KeyMap, _ language: Language) -> [Key] {
        let keys = map.keys(for: .quitAnyway).filter { if case .char(let c) = $0 { !c.isUppercase } else { true } }
        guard Set(keys) == [.char("y"), .char("s")] else { return keys }
        return language == .es ? [.char("s"), .char("y")] : [.char("y")]
    }

    /// The key the detail's hint names for "back": `q` rather than Esc, where both are bound.
    static func detailBack(_ map: KeyMap) -> Key? {
        let keys = map.keys(for: .back)
        return keys.first { $0 != .escape } ?? keys.first
    }

    /// What `?` lists for `screen` (the list or the detail), in reading order, then the keys of
    /// the dialogs and panels opened from it.
    public static func helpCommands(for screen: Screen) -> [Command] {
        let shared: [Command] = [.changeStatus, .addOutbound, .refresh, .push, .runReport, .activity, .budgets]
        let dialogs = Command.allCases.filter { $0.scope == .dialog }
        switch screen {
        case .detail:
            return [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .nextOutbound, .previousOutbound, .editOutbound]
                + shared + [.back, .help] + dialogs
        default:
            return [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .open, .filter, .facets, .sort, .reverseSort,
                    .mark, .markAll, .markRange] + shared + [.back, .quit, .help] + dialogs
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
