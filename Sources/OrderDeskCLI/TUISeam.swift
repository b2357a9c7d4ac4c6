import Foundation
import OrderDeskTUI
import OrderKit

/// The UI's looks from the config's `[ui]` section (and `--theme` over its `theme`).
func tuiOptions(_ ui: UISettings, theme: String?) -> TUIOptions {
    TUIOptions(
        theme: theme ?? ui.theme,
        language: (ui.language ?? ui.locale.map { String($0.prefix(2)) }).flatMap(Language.init(rawValue:)),
        keyBindings: ui.keys,
        colorMode: nil,
        locale: ui.resolvedLocale())
}

/// Starts the terminal UI before anything else, so its first frame (a loading line) shows at
/// once and keys typed while the rest starts are the app's. From here until `endTUIStart`, log
/// lines go to `orderdesk.log` in the default state folder and the console's progress lines
/// become messages in the UI: nothing is written over the drawing.
func startTUI(options: TUIOptions, stateFolderFile: String) -> TUILaunch {
    let log = logFile(beside: stateFolderFile)
    try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: log).deletingLastPathComponent().path,
                                             withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    LogOutput.redirect(toFile: log)
    let launch = OrderDeskTUIApp.launch(options: options)
    Console.divert { line in launch.note(line, isError: false) }
    return launch
}

/// The UI has ended (or never got its backend): lines go to the terminal again.
func endTUIStart() {
    Console.divert(nil)
    LogOutput.restoreStandardError()
}

/// The one place the CLI hands the started UI its backend.
/// `resumed`: changes a previous run left unsent, which the start-up resumed.
/// `webhooks`: a listener running in this process, whose orders move live; its state is shown
/// in the status bar, and `off` when there is none, except in team mode, where the team's
/// listener may run elsewhere and this process cannot tell.
/// `team`: team mode, what colleagues changed and the database's health, both live.
func runTUI(_ launch: TUILaunch, services: OrderDeskServices, config: OrderDeskConfig, prefetched: ListPrefetch? = nil,
            resumed: Int = 0, webhooks: WebhookSession? = nil, team: ServicesBackend.Team? = nil) async throws {
    // Now that the config is known: its own state folder's log file.
    LogOutput.redirect(toFile: logFile(beside: config.statePath))
    let store = services.store
    var listenerStates: (@Sendable () -> AsyncStream<WebhookListenerState>)?
    if webhooks != nil || team == nil {
        listenerStates = { @Sendable in WebhookListenerWatch.states(of: webhooks, store: store) }
    }
    launch.attach(ServicesBackend(services: services, prefetched: prefetched, resumed: resumed, webhooks: webhooks?.refresher,
                                  webhookListener: listenerStates, team: team))
    try await launch.finished()
}

/// `orderdesk.log` in the folder of the state file: where log lines go while the UI runs.
func logFile(beside statePath: String) -> String {
    URL(fileURLWithPath: statePath).deletingLastPathComponent().appendingPathComponent("orderdesk.log").path
}
