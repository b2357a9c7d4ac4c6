import Foundation

/// Everything OrderDesk is configured with: the three systems, the UI, the network bounds, and
/// where state lives. Built by `ConfigLoader` from TOML + environment, or for the sandbox.
public struct OrderDeskConfig: Sendable {
    public var yuju: YujuSettings
    public var bridge: BridgeSettings?
    public var datacrush: DatacrushSettings?
    public var ui: UISettings
    public var network: NetworkSettings
    /// `[webhooks]`: the notification listener.
    public var webhooks = WebhookSettings()
    /// The config file read, if any.
    public var sourcePath: String?
    /// True when the clients point at a sandbox (in-process or `ORDERDESK_SANDBOX_URL`).
    public var isSandbox: Bool
    /// The SQLite file of this profile.
    public var statePath: String
    /// `[team]`: the team's PostgreSQL, when the budgets are shared with colleagues.
    public var team: TeamSettings?

    public init(
        yuju: YujuSettings, bridge: BridgeSettings? = nil, datacrush: DatacrushSettings? = nil, ui: UISettings = UISettings(),
        network: NetworkSettings = NetworkSettings(), sourcePath: String? = nil, isSandbox: Bool = false, statePath: String
    ) {
        self.yuju = yuju
        self.bridge = bridge
        self.datacrush = datacrush
        self.ui = ui
        self.network = network
        self.sourcePath = sourcePath
        self.isSandbox = isSandbox
        self.statePath = statePath
    }

    /// Every credential configured, for the one `Redactor`.
    public var secrets: [Secret] {
        [yuju.token, bridge?.clientSecret, datacrush?.apiKey, team?.password, webhooks.secret].compactMap { $0 }
    }

    public var redactor: Redactor { Redactor(secrets: secrets) }

    /// A profile pointing every client at a sandbox at `baseURL` with its fixed credentials
    /// (passed in: OrderKit does not depend on the sandbox module).
    public static func sandbox(
        baseURL: String, yujuToken: String, bridgeClientId: String, bridgeClientSecret: String, datacrushPortalId: Int,
        datacrushApiKey: String, bridgeChannelPrefix: String = "YJ", statePath: String, ui: UISettings = UISettings(), network: NetworkSettings = NetworkSettings()
    ) -> OrderDeskConfig {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return OrderDeskConfig(
            yuju: YujuSettings(baseURL: base + "/yuju", token: Secret(yujuToken)),
            bridge: {
                var settings = BridgeSettings(baseURL: base + "/bridge", clientId: bridgeClientId, clientSecret: Secret(bridgeClientSecret))
                settings.channelCodePrefix = bridgeChannelPrefix
                return settings
            }(),
            datacrush: DatacrushSettings(baseURL: base + "/datacrush", portalId: datacrushPortalId, apiKey: Secret(datacrushApiKey)),
            ui: ui, network: network, isSandbox: true, statePath: statePath)
    }
}
