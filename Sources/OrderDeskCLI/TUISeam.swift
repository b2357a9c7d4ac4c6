import OrderDeskTUI
import OrderKit

/// The one place the CLI hands over to the terminal UI.
/// `theme`: `--theme`, over the config's `[ui] theme`.
func runTUI(services: OrderDeskServices, config: OrderDeskConfig, theme: String? = nil, prefetched: SummariesPrefetch? = nil) async throws {
    let options = TUIOptions(
        theme: theme ?? config.ui.theme,
        language: config.ui.language.flatMap(Language.init(rawValue:)),
        keyBindings: config.ui.keys,
        colorMode: nil)
    try await OrderDeskTUIApp.run(backend: ServicesBackend(services: services, prefetched: prefetched), options: options)
}
