import Foundation
import TOMLKit

public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads `config.toml` (schema in `spec/product.md`, "Config file"), takes secrets from the
/// environment where the file has none, and warns when a file holding a secret is readable by
/// group or others.
public struct ConfigLoader: Sendable {
    public static let yujuTokenVariable = "ORDERDESK_YUJU_TOKEN"
    public static let databaseURLVariable = "ORDERDESK_DATABASE_URL"
    public static let databasePasswordVariable = "ORDERDESK_DATABASE_PASSWORD"
    public static let bridgeSecretVariable = "ORDERDESK_BRIDGE_CLIENT_SECRET"
    public static let datacrushKeyVariable = "ORDERDESK_DATACRUSH_API_KEY"
    public static let webhookSecretVariable = "ORDERDESK_WEBHOOK_SECRET"

    public var environment: [String: String]
    public var paths: StatePaths

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.paths = StatePaths(environment: environment)
    }

    public struct Loaded: Sendable {
        public var config: OrderDeskConfig
        public var warnings: [String]
    }

    /// The file to read: `--config FILE` or the XDG default; nil when neither exists.
    public func configFile(explicit: String?) throws -> String? {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else { throw ConfigError("config file not found: \(explicit)") }
            return explicit
        }
        return FileManager.default.fileExists(atPath: paths.defaultConfigFile) ? paths.defaultConfigFile : nil
    }

    public func load(path: String) throws -> Loaded {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw ConfigError("cannot read \(path): \(error.localizedDescription)") }
        var loaded = try parse(text, sourcePath: path)
        if loaded.fileHoldsSecret, let warning = Self.permissionWarning(path: path) { loaded.warnings.append(warning) }
        return Loaded(config: loaded.config, warnings: loaded.warnings)
    }

    struct Parsed {
        var config: OrderDeskConfig
        var warnings: [String]
        var fileHoldsSecret: Bool
    }

    func parse(_ text: String, sourcePath: String?) throws -> Parsed {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError("\(sourcePath ?? "config"): line \(error.source.begin.line): \(error.description)")
        }
        var warnings: [String] = []
        var holdsSecret = false
        let reader = TableReader(root: root)

        // [yuju]
        let y = reader.section("yuju")
        var yuju = YujuSettings()
        if let value = try y.string("base_url") { yuju.baseURL = value }
        if let value = try y.string("token"), !value.isEmpty { yuju.token = Secret(value); holdsSecret = true }
        if let value = environment[Self.yujuTokenVariable], !value.isEmpty, yuju.token == nil { yuju.token = Secret(value) }
        if let value = try y.string("auth_scheme") {
            guard let scheme = AuthScheme(rawValue: value) else { throw ConfigError("yuju.auth_scheme must be raw, token or bearer, not \(value)") }
            yuju.authScheme = scheme
        }
        if let value = try y.number("requests_per_second") { yuju.requestsPerSecond = value }
        if let value = try y.number("report_runs_per_day") { yuju.reportRunsPerDay = Int(value) }
        if let value = try y.string("timezone") {
            guard let zone = TimeZone(identifier: value) else { throw ConfigError("yuju.timezone must be an IANA zone such as America/Mexico_City, not \(value)") }
            yuju.timeZone = zone
        }
        if let value = try y.string("item_ids") {
            guard let field = ItemIdField(rawValue: value) else { throw ConfigError("yuju.item_ids must be sku or id_item, not \(value)") }
            yuju.itemIds = field
        }

        // [bridge]
        var bridge: BridgeSettings?
        if reader.has("bridge") {
            let b = reader.section("bridge")
            guard let base = try b.string("base_url") else { throw ConfigError("bridge.base_url is required when [bridge] is present") }
            var secret = try b.string("client_secret").flatMap { $0.isEmpty ? nil : Secret($0) }
            if secret != nil { holdsSecret = true }
            if secret == nil, let value = environment[Self.bridgeSecretVariable], !value.isEmpty { secret = Secret(value) }
            var settings = BridgeSettings(baseURL: base, clientId: try b.string("client_id") ?? "", clientSecret: secret)
            for (key, code) in try b.stringTable("channel_codes") {
                guard let channel = Int(key) else { throw ConfigError("bridge.channel_codes: \(key) is not a Yuju id_channel") }
                settings.channelCodes[channel] = code
            }
            for (status, state) in try b.stringTable("states") {
                guard let bridgeState = BridgeState(rawValue: state) else { throw ConfigError("bridge.states: unknown BRIDGE state \(state)") }
                settings.states[OrderStatus(status)] = bridgeState
            }
            if let value = try b.number("requests_per_second") { settings.requestsPerSecond = value }
            settings.channelCodePrefix = try b.string("channel_code_prefix")
            if let path = try b.string("ca_file") { settings.caFile = try TrustedCAFile.check(path, key: "bridge.ca_file", configFile: sourcePath) }
            bridge = settings
        }

        // [datacrush]
        var datacrush: DatacrushSettings?
        if reader.has("datacrush") {
            let d = reader.section("datacrush")
            guard let portal = try d.number("portal_id") else { throw ConfigError("datacrush.portal_id is required when [datacrush] is present") }
            var key = try d.string("api_key").flatMap { $0.isEmpty ? nil : Secret($0) }
            if key != nil { holdsSecret = true }
            if key == nil, let value = environment[Self.datacrushKeyVariable], !value.isEmpty { key = Secret(value) }
            var settings = DatacrushSettings(portalId: Int(portal), apiKey: key)
            if let value = try d.string("base_url") { settings.baseURL = value }
            if let value = try d.number("calls_per_minute") { settings.callsPerMinute = Int(value) }
            datacrush = settings
        }

        // [team]
        var team: TeamSettings?
        let t = reader.section("team")
        if let url = try t.string("database_url") ?? environment[Self.databaseURLVariable], !url.isEmpty {
            team = TeamSettings(databaseURL: url, variable: environment[Self.databasePasswordVariable])
            if URLComponents(string: url)?.password != nil, try t.string("database_url") != nil { holdsSecret = true }
        }
        if let name = try t.string("operator"), !name.isEmpty {
            if team == nil { warnings.append("team.operator is set but no team.database_url: not in team mode") }
            team?.operatorName = name
        }
        if let seconds = try t.number("lease_seconds") {
            guard seconds >= 1, seconds <= 600 else { throw ConfigError("team.lease_seconds must be between 1 and 600 (seconds)") }
            team?.leaseSeconds = seconds
        }

        // [ui] and [keys]
        var ui = UISettings()
        let u = reader.section("ui")
        if let value = try u.string("theme") { ui.theme = value }
        if let value = try u.string("language") {
            if ["es", "en"].contains(value) { ui.language = value } else { warnings.append("ui.language \(value) is not es or en: using LANG") }
        }
        if let value = try u.stringArray("carriers") { ui.carriers = value }
        if let value = try u.string("default_carrier") { ui.defaultCarrier = value }
        if let value = try u.string("locale") {
            guard UISettings.supportedLocales.contains(value) else {
                throw ConfigError("ui.locale must be one of \(UISettings.supportedLocales.joined(separator: ", ")), not \(value)")
            }
            ui.locale = value
        }
        for (key, name) in try reader.stringTable("channels") {
            guard let channel = Int(key) else { throw ConfigError("channels: \(key) is not a Yuju id_channel") }
            ui.channelNames[channel] = name
        }
        for (key, list) in try reader.stringArrayTable("carriers") {
            if let channel = Int(key) {
                ui.carriersByChannel[channel] = list
            } else if key.count == 2, key.allSatisfy(\.isUppercase) {
                ui.carriersByCountry[key] = list
            } else {
                throw ConfigError("carriers: \(key) is neither a country code (MX, AR) nor a Yuju id_channel")
            }
        }
        ui.keys = try reader.section("keys").allStrings()

        // [http] and [retry] (optional extras)
        var network = NetworkSettings()
        let h = reader.section("http")
        if let value = try h.number("timeout_seconds") { network.requestTimeout = value }
        if let value = try h.number("connect_timeout_seconds") { network.connectTimeout = value }
        let r = reader.section("retry")
        if let value = try r.number("max_attempts") { network.maxAttempts = Int(value) }
        if let value = try r.number("base_delay_seconds") { network.baseDelay = value }
        if let value = try r.number("max_delay_seconds") { network.maxDelay = value }

        // [webhooks]
        var webhooks = WebhookSettings()
        let w = reader.section("webhooks")
        if let value = try w.string("listen") {
            guard let address = ListenAddress(value) else { throw ConfigError("webhooks.listen must be HOST:PORT, not \(value)") }
            webhooks.listen = address
        }
        if let value = try w.string("secret"), !value.isEmpty { webhooks.secret = Secret(value); holdsSecret = true }
        if webhooks.secret == nil, let value = environment[Self.webhookSecretVariable], !value.isEmpty { webhooks.secret = Secret(value) }

        var config = OrderDeskConfig(
            yuju: yuju, bridge: bridge, datacrush: datacrush, ui: ui, network: network, sourcePath: sourcePath,
            isSandbox: false, statePath: paths.stateFile(forBaseURL: yuju.baseURL))
        config.webhooks = webhooks
        config.team = team
        return Parsed(config: config, warnings: warnings, fileHoldsSecret: holdsSecret)
    }

    /// A warning when group or others may read the file.
    static func permissionWarning(path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else { return nil }
        guard mode & 0o077 != 0 else { return nil }
        return "warning: \(path) holds a secret and is readable by others (mode \(String(mode & 0o777, radix: 8))); run: chmod 600 \(path)"
    }
}

/// Typed reads from one TOML table, with errors that name the key.
struct TableReader {
    let table: TOMLTable?
    let name: String

    init(root: TOMLTable) {
        table = root
        name = ""
    }

    private init(table: TOMLTable?, name: String) {
        self.table = table
        self.name = name
    }

    func has(_ key: String) -> Bool { table?.contains(key: key) ?? false }

    func section(_ key: String) -> TableReader { TableReader(table: table?[key]?.table, name: key) }

    private func path(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }

    func string(_ key: String) throws -> String? {
        guard let value = table?[key] else { return nil }
        guard let text = value.string else { throw ConfigError("\(path(key)) must be a string") }
        return text
    }

    func number(_ key: String) throws -> Double? {
        guard let value = table?[key] else { return nil }
        if let int = value.int { return Double(int) }
        if let double = value.double { return double }
        throw ConfigError("\(path(key)) must be a number")
    }

    func stringArray(_ key: String) throws -> [String]? {
        guard let value = table?[key] else { return nil }
        guard let array = value.array else { throw ConfigError("\(path(key)) must be an array of strings") }
        return try array.map { element in
            guard let text = element.string else { throw ConfigError("\(path(key)) must be an array of strings") }
            return text
        }
    }

    func stringTable(_ key: String) throws -> [(String, String)] {
        guard let value = table?[key] else { return [] }
        guard let inner = value.table else { throw ConfigError("\(path(key)) must be a table") }
        return try inner.keys.map { innerKey in
            guard let text = inner[innerKey]?.string else { throw ConfigError("\(path(key)).\(innerKey) must be a string") }
            return (innerKey, text)
        }
    }

    /// A table of string arrays (`[carriers] AR = ["Andreani", "OCA"]`).
    func stringArrayTable(_ key: String) throws -> [(String, [String])] {
        guard let value = table?[key] else { return [] }
        guard let inner = value.table else { throw ConfigError("\(path(key)) must be a table") }
        let reader = TableReader(table: inner, name: path(key))
        return try inner.keys.map { innerKey in (innerKey, try reader.stringArray(innerKey) ?? []) }
    }

    func allStrings() throws -> [String: String] {
        guard let table else { return [:] }
        var result: [String: String] = [:]
        for key in table.keys {
            guard let text = table[key]?.string else { throw ConfigError("\(path(key)) must be a string") }
            result[key] = text
        }
        return result
    }
}
