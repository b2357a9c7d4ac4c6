import Foundation

/// XDG locations: config in `$XDG_CONFIG_HOME/orderdesk/` (default `~/.config/orderdesk/`),
/// state in `$XDG_STATE_HOME/orderdesk/` (default `~/.local/state/orderdesk/`).
public struct StatePaths: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    private var home: String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    private func xdg(_ variable: String, default relative: String) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        return home + "/" + relative
    }

    public var configDirectory: String { xdg("XDG_CONFIG_HOME", default: ".config") + "/orderdesk" }
    public var stateDirectory: String { xdg("XDG_STATE_HOME", default: ".local/state") + "/orderdesk" }
    public var defaultConfigFile: String { configDirectory + "/config.toml" }

    /// One SQLite file per profile: named after the Yuju host.
    public func stateFile(forBaseURL baseURL: String) -> String {
        let host = URLComponents(string: baseURL)?.host ?? "default"
        let safe = host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        return stateDirectory + "/" + String(safe) + ".sqlite"
    }

    /// The in-process sandbox: a fresh file each launch.
    public var sandboxStateFile: String { stateDirectory + "/sandbox.sqlite" }

    /// An external sandbox (`orderdesk sandbox`) on `port`: a persistent file per port.
    public func externalSandboxStateFile(port: Int) -> String { stateDirectory + "/sandbox-\(port).sqlite" }
}
