import OrderDeskTUI
import OrderKit

/// The one place the CLI hands over to the terminal UI.
func runTUI(services: OrderDeskServices, config: OrderDeskConfig) async throws {
    let options = TUIOptions(
        theme: config.ui.theme,
        language: config.ui.language.flatMap(Language.init(rawValue:)),
        keyBindings: config.ui.keys,
        colorMode: nil)
    try await OrderDeskTUIApp.run(backend: ServicesBackend(services: services), options: options)
}
