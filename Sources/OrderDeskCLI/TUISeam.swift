import Foundation
import OrderDeskTUI
import OrderKit

/// The one place the CLI hands over to the terminal UI.
/// `theme`: `--theme`, over the config's `[ui] theme`.
/// `resumed`: changes a previous run left unsent, which the start-up resumed.
/// `webhooks`: a listener running in this process, whose orders move live; its state is shown
/// in the status bar, and `off` when there is none, except in team mode, where the team's
/// listener may run elsewhere and this process cannot tell.
/// `team`: team mode, what colleagues changed and the database's health, both live.
func runTUI(services: OrderDeskServices, config: OrderDeskConfig, theme: String? = nil, prefetched: SummariesPrefetch? = nil,
            resumed: Int = 0, webhooks: WebhookSession? = nil, team: ServicesBackend.Team? = nil) async throws {
    let options = TUIOptions(
        theme: theme ?? config.ui.theme,
        language: config.ui.language.flatMap(Language.init(rawValue:)),
        keyBindings: config.ui.keys,
        colorMode: nil)
    LogOutput.redirect(toFile: logFile(beside: config.statePath))
    defer { LogOutput.restoreStandardError() }
    let store = services.store
    var listenerStates: (@Sendable () -> AsyncStream<WebhookListenerState>)?
    if webhooks != nil || team == nil {
        listenerStates = { @Sendable in WebhookListenerWatch.states(of: webhooks, store: store) }
    }
    let backend = ServicesBackend(services: services, prefetched: prefetched, resumed: resumed, webhooks: webhooks?.refresher,
                                  webhookListener: listenerStates, team: team)
    try await OrderDeskTUIApp.run(backend: backend, options: options)
}

/// `orderdesk.log` in the folder of the state file: where log lines go while the UI runs.
func logFile(beside statePath: String) -> String {
    URL(fileURLWithPath: statePath).deletingLastPathComponent().appendingPathComponent("orderdesk.log").path
}
