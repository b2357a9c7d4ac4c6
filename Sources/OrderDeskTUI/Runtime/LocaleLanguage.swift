extension Language {
    /// Spanish when `LANG` (or `LC_ALL`/`LC_MESSAGES`) starts with `es`, else English: the
    /// language when the config names none.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("es") ? .es : .en }
        }
        return .en
    }
}
