import ArgumentParser
import Foundation
import Logging

/// Entry point of the `orderdesk` executable: moves global options after the subcommand (so
/// they may stand anywhere), parses, runs, and turns any failure into one line on stderr.
public enum OrderDeskMain {
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        let normalized = GlobalOptions.normalize(arguments)
        LogSetup.bootstrap(level: GlobalOptions.logLevel(in: normalized))
        let command: ParsableCommand
        do {
            command = try OrderDeskCommand.parseAsRoot(normalized)
        } catch {
            OrderDeskCommand.exit(withError: error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as CleanExit {
            OrderDeskCommand.exit(withError: error)
        } catch let error as ValidationError {
            OrderDeskCommand.exit(withError: error)
        } catch where Self.isArgumentParserError(error) {
            // `--help` and `help` parse as ArgumentParser's own help command, whose run() throws
            // the help screen as an error for ArgumentParser to print.
            OrderDeskCommand.exit(withError: error)
        } catch {
            Console.fail(error)
            exit(1)
        }
    }

    private static func isArgumentParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

struct OrderDeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orderdesk",
        abstract: "Orders console for Yuju, Napse BRIDGE and Datacrush.",
        discussion: "With no subcommand, runs the terminal UI. With no config file, every command uses the in-process sandbox.",
        subcommands: [
            TUICommand.self, OrdersCommand.self, ReportCommand.self, StatusCommand.self, OutboundCommand.self,
            BridgeCommand.self, DatacrushCommand.self, BudgetCommand.self, QueueCommand.self, AuthCommand.self, SandboxCommand.self,
            TeamCommand.self, WebhooksCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )
}

enum LogSetup {
    /// Logs go to stderr (a file while the terminal UI runs: `LogOutput`), at `warning` unless
    /// `--log-level`/`ORDERDESK_LOG` says otherwise.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler(label: label, stream: LogOutput())
            handler.logLevel = level
            return handler
        }
    }
}
