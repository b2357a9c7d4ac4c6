import OrderKit

/// Quitting: at once when nothing is left to send, else only after the operator says so.
enum QuitUpdate {
    static func request(_ state: inout AppState) -> [Effect] {
        let unsent = state.unsentChanges
        guard unsent == 0 else {
            state.overlay = .confirmQuit(unsent: unsent)
            return []
        }
        return [.quit]
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.overlay = nil
        return state.keyMap.matches(key, .quitAnyway) ? [.quit] : []
    }
}
