/// Something wrong in how the UI was set up (locale, theme, key bindings): shown once at
/// start, never fatal. The views word it (`L10n`); the CLI words `--theme`'s own.
public enum SetupWarning: Hashable, Sendable {
    /// `lang`: the `LANG` the terminal was started with.
    case localeNotUTF8(lang: String)
    case themeNotFound(String)
    /// `detail`: the TOML parser's own account of the error.
    case themeSyntax(file: String, detail: String)
    case themeColor(role: String, value: String)
    /// A `[ui.keys]` override names a command or a key that does not exist.
    case unknownCommand(String)
    case unknownKey(String)
}
