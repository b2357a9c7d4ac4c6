import ArgumentParser
import OrderDeskTUI

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "The terminal UI (the default).")
    @Option(help: "Theme: default, light, high-contrast, monochrome, or a path to a theme file (over [ui] theme).")
    var theme: String?
    @OptionGroup var global: GlobalOptions

    /// A theme asked for on the command line must exist (one from the config falls back to the
    /// default with a warning on screen, so a stale config never stops the app).
    func validate() throws {
        if let theme, case (_, let problem?) = Theme.load(theme) {
            throw ValidationError("--theme \(theme): \(problem.components(separatedBy: ";").first ?? problem) (names: default, light, high-contrast, monochrome; or a .toml path)")
        }
    }

    func run() async throws {
        try await Runtime.with(global, resume: true, prefetchSummaries: true) { runtime in
            try await runTUI(services: runtime.services, config: runtime.config, theme: theme, prefetched: runtime.summaries,
                             resumed: runtime.resumed)
        }
    }
}
