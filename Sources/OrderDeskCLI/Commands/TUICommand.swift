import ArgumentParser

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "The terminal UI (the default).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runtime.with(global, resume: true) { runtime in
            try await runTUI(services: runtime.services, config: runtime.config)
        }
    }
}
