import ArgumentParser
import Foundation
import Logging

/// Options every command accepts, before or after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $XDG_CONFIG_HOME/orderdesk/config.toml).")
    var config: String?

    @Flag(name: .long, help: "Use the in-process sandbox even when a config file exists.")
    var sandbox = false

    @Option(name: .customLong("sandbox-url"), help: "Use a running `orderdesk sandbox` at this URL (or ORDERDESK_SANDBOX_URL).")
    var sandboxURL: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, warning (default), error (or ORDERDESK_LOG).")
    var logLevel: String?

    @Option(name: .customLong("database-url"), help: "Team mode: the team's PostgreSQL, postgres://user@host:5432/db (or ORDERDESK_DATABASE_URL; password from ORDERDESK_DATABASE_PASSWORD).")
    var databaseURL: String?

    /// Options that take a value, and flags, as spelled on the command line.
    static let valued: Set<String> = ["--config", "--sandbox-url", "--log-level", "--database-url"]
    static let flags: Set<String> = ["--sandbox"]

    /// Moves every global option to the end of the arguments, so ArgumentParser finds them in
    /// the leaf command's option group wherever the user wrote them.
    static func normalize(_ arguments: [String]) -> [String] {
        var rest: [String] = []
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if valued.contains(name) {
                globals.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    globals.append(arguments[index + 1])
                    index += 1
                }
            } else if flags.contains(argument) {
                globals.append(argument)
            } else {
                rest.append(argument)
            }
            index += 1
        }
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: globals, at: terminator)
            return rest
        }
        return rest + globals
    }

    static func logLevel(in arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger.Level {
        var text = environment["ORDERDESK_LOG"]
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--log-level=") { text = String(argument.dropFirst("--log-level=".count)) }
            if argument == "--log-level", index + 1 < arguments.count { text = arguments[index + 1] }
        }
        return text.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
    }
}
