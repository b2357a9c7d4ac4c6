/// Editing a one-line text field with keys: printable characters append, Backspace deletes the
/// last grapheme, Ctrl-U clears. Returns false for keys that are not editing keys.
enum TextInput {
    static let maxLength = 500

    static func apply(_ key: Key, to text: inout String) -> Bool {
        switch key {
        case .char(let c):
            guard !c.isASCII || (c.asciiValue ?? 0) >= 0x20, text.count < maxLength else { return true }
            text.append(c)
            return true
        case .backspace:
            if !text.isEmpty { text.removeLast() }
            return true
        case .ctrl("u"):
            text = ""
            return true
        default:
            return false
        }
    }
}
