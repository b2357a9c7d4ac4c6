import ArgumentParser
import OrderDeskTUI
import OrderKit

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "The terminal UI (the default).")
    @Option(help: "Theme: default, light, high-contrast, monochrome, or a path to a theme file (over [ui] theme).")
    var theme: String?
    @Flag(help: "In sandbox mode, a new pending order every few seconds (a demo of the live list).")
    var live = false
    @OptionGroup var global: GlobalOptions

    /// A theme asked for on the command line must exist (one from the config falls back to the
    /// default with a warning on screen, so a stale config never stops the app).
    func validate() throws {
        if let theme, case (_, let problem?) = Theme.load(theme) {
            throw ValidationError("--theme \(theme): \(Self.problem(problem)) (names: default, light, high-contrast, monochrome; or a .toml path)")
        }
    }

    /// What is wrong with the theme asked for; it is not used, so no word of a fallback.
    static func problem(_ warning: SetupWarning) -> String {
        switch warning {
        case .themeNotFound(let name): "theme \"\(name)\" not found"
        case .themeSyntax(let file, let detail): "theme \(file): \(detail)"
        case .themeColor(let role, let value): "theme role \(role): unknown colour \"\(value)\""
        case .localeNotUTF8, .unknownCommand, .unknownKey: L10n(.en).describe(warning)
        }
    }

    /// The UI starts first, with a loading line, and gets its backend when the runtime (the
    /// sandbox, the cache, team mode) is up; a failure on the way ends it before it is reported.
    func run() async throws {
        let settings = try Runtime.startupSettings(global)
        let launch = startTUI(options: tuiOptions(settings.ui, theme: theme), stateFolderFile: settings.stateFile)
        defer { endTUIStart() }
        do {
            try await Runtime.with(global, resume: true, prefetchSummaries: true, progress: { launch.progress($0) }) { runtime in
                let session = try await Self.webhookSession(runtime)
                let trickle = live ? Self.liveTrickle(runtime) : nil
                defer { trickle?.cancel() }
                do {
                    try await runTUI(launch, services: runtime.services, config: runtime.config, prefetched: runtime.list,
                                     resumed: runtime.resumed, webhooks: session, team: runtime.team?.live)
                } catch {
                    await session?.stop()
                    throw error
                }
                await session?.stop()
            }
        } catch {
            await launch.abandon()
            throw error
        }
    }

    /// `--live`: the in-process sandbox creates the orders itself; a sandbox of its own is asked
    /// over HTTP. Nil outside sandbox mode: orders are never made up on a real Yuju.
    static func liveTrickle(_ runtime: Runtime) -> Task<Void, Never>? {
        let every = LiveTrickle.defaultIntervalSeconds
        if let sandbox = runtime.sandbox { return LiveTrickle.start(sandbox, everySeconds: every) }
        guard runtime.config.isSandbox else { return nil }
        return LiveTrickle.start(sandboxYujuBaseURL: runtime.config.yuju.baseURL, everySeconds: every)
    }

    /// Sandbox mode: always, registered with the sandbox. Otherwise when `[webhooks] listen` is set.
    static func webhookSession(_ runtime: Runtime) async throws -> WebhookSession? {
        if runtime.config.isSandbox { return try await WebhookSession.startForSandbox(services: runtime.services, sandbox: runtime.sandbox) }
        guard let listen = runtime.config.webhooks.listen else { return nil }
        guard let secret = runtime.config.webhooks.secret else {
            throw CLIFailure("[webhooks] listen is set but there is no secret: [webhooks] secret or \(ConfigLoader.webhookSecretVariable)")
        }
        return try await WebhookSession.start(services: runtime.services, listen: listen, secret: secret, sandbox: nil)
    }
}
