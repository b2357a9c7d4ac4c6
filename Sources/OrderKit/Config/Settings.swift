import Foundation

/// How the Yuju token travels in the `Authorization` header (**assumed**: public integrations
/// disagree; the sandbox accepts all three).
public enum AuthScheme: String, Sendable, Codable, CaseIterable {
    case raw, token, bearer

    public func headerValue(_ token: String) -> String {
        switch self {
        case .raw: token
        case .token: "Token \(token)"
        case .bearer: "Bearer \(token)"
        }
    }
}

/// What OrderDesk sends in `id_items` to name an item (**assumed**: seed 001's example sends
/// SKUs; `id_item` is the other reading). Either way the sandbox and `isNamed(by:)` accept both.
public enum ItemIdField: String, Sendable, Codable, CaseIterable {
    case sku
    case idItem = "id_item"
}

/// `[team]`: the PostgreSQL a support team shares, and who this operator is.
public struct TeamSettings: Sendable {
    /// `postgres://user@host:5432/database` (a password in it is read, never printed).
    public var databaseURL: String
    /// From `ORDERDESK_DATABASE_PASSWORD`, when the URL carries none.
    public var password: Secret?
    /// The name in the audit trail and `team status`; nil: the OS user.
    public var operatorName: String?
    /// How long a member holds outbox entries without renewing: after it dies, the others take
    /// them over once this has passed (`[team] lease_seconds`).
    public var leaseSeconds = TeamSettings.defaultLeaseSeconds

    /// Seconds, not minutes (the spec): a dead member's changes wait about this long. Renewed
    /// every third of it, so a live member never loses its lease to a slow round trip.
    public static let defaultLeaseSeconds = 10.0

    public init(databaseURL: String, password: Secret? = nil, operatorName: String? = nil) {
        self.databaseURL = databaseURL
        self.password = password
        self.operatorName = operatorName
    }

    /// A password in the URL wins over `variable` (`ORDERDESK_DATABASE_PASSWORD`); either way it
    /// is kept as a `Secret`, so the redactor knows it.
    public init(databaseURL: String, variable: String?, operatorName: String? = nil) {
        let inURL = URLComponents(string: databaseURL)?.password.map { Secret($0.removingPercentEncoding ?? $0) }
        self.init(databaseURL: databaseURL, password: inURL ?? variable.flatMap { $0.isEmpty ? nil : Secret($0) }, operatorName: operatorName)
    }
}

public struct YujuSettings: Sendable {
    public var baseURL: String
    public var token: Secret?
    public var authScheme: AuthScheme
    public var requestsPerSecond: Double
    public var reportRunsPerDay: Int
    /// The zone of Yuju's wall-clock dates (filters, order dates), `[yuju] timezone`.
    public var timeZone: TimeZone
    /// What goes in `id_items`, `[yuju] item_ids`.
    public var itemIds: ItemIdField

    public static let defaultBaseURL = "https://api.tp.yuju.io"

    public init(
        baseURL: String = YujuSettings.defaultBaseURL, token: Secret? = nil, authScheme: AuthScheme = Assumed.yujuAuthScheme, requestsPerSecond: Double = 2,
        reportRunsPerDay: Int = 5, timeZone: TimeZone = Assumed.yujuTimeZone, itemIds: ItemIdField = Assumed.yujuItemIds
    ) {
        self.baseURL = baseURL
        self.token = token
        self.authScheme = authScheme
        self.requestsPerSecond = requestsPerSecond
        self.reportRunsPerDay = reportRunsPerDay
        self.timeZone = timeZone
        self.itemIds = itemIds
    }
}

public struct BridgeSettings: Sendable {
    public var baseURL: String
    public var clientId: String
    public var clientSecret: Secret?
    /// Yuju `id_channel` → BRIDGE channel code.
    public var channelCodes: [Int: String]
    /// Yuju status → BRIDGE state, overriding the defaults of `SystemMapping`.
    public var states: [OrderStatus: BridgeState]
    public var requestsPerSecond: Double
    /// For channels without an explicit code: prefix + id_channel (the sandbox's `YJ4301`).
    public var channelCodePrefix: String?
    /// `ca_file`: a PEM file of certificate authorities trusted for BRIDGE on top of the
    /// system's. Stores are reached at `https://IP:port`, usually with a private CA or a
    /// self-signed certificate (which is then its own CA).
    public var caFile: String?

    public init(
        baseURL: String, clientId: String, clientSecret: Secret?, channelCodes: [Int: String] = [:],
        states: [OrderStatus: BridgeState] = SystemMapping.defaultBridgeStates, requestsPerSecond: Double = Assumed.bridgeRequestsPerSecond
    ) {
        self.baseURL = baseURL
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.channelCodes = channelCodes
        self.states = states
        self.requestsPerSecond = requestsPerSecond
    }

    public func channelCode(for idChannel: Int) -> String? {
        channelCodes[idChannel] ?? channelCodePrefix.map { $0 + String(idChannel) }
    }

    /// The BRIDGE change mirroring a Yuju status change; nil when the status or channel has no mapping.
    public func mirror(of key: OrderKey, to status: OrderStatus) -> BridgeChangeRequest? {
        guard let state = states[status], let channel = channelCode(for: key.idChannel) else { return nil }
        return BridgeChangeRequest(orderState: state.rawValue, externalNumber: key.idOrder, channel: channel)
    }
}

public struct DatacrushSettings: Sendable {
    public var baseURL: String
    public var portalId: Int
    public var apiKey: Secret?
    public var callsPerMinute: Int

    public static let defaultBaseURL = "https://api.datacrush.la"

    public init(baseURL: String = DatacrushSettings.defaultBaseURL, portalId: Int, apiKey: Secret?, callsPerMinute: Int = Assumed.datacrushCallsPerMinute) {
        self.baseURL = baseURL
        self.portalId = portalId
        self.apiKey = apiKey
        self.callsPerMinute = callsPerMinute
    }
}

/// What the TUI reads: theme, language, carriers and key bindings.
public struct UISettings: Sendable, Hashable {
    public var theme: String
    /// `es` or `en`; nil: from `LANG`.
    public var language: String?
    public var carriers: [String]
    public var defaultCarrier: String?
    /// `[keys]`: action name → key string, as written in the file (the TUI interprets them).
    public var keys: [String: String]
    /// `[ui] locale` (`es_MX`, `es_AR`, `en_US`): how numbers, money and some words read; nil:
    /// from `LANG`, else the language's usual one (`resolvedLocale`).
    public var locale: String?
    /// `[channels]`: Yuju `id_channel` → the name operators know it by.
    public var channelNames: [Int: String] = [:]
    /// `[carriers]` by country and by channel (`carriers` is the fallback list).
    public var carriersByCountry: [String: [String]] = [:]
    public var carriersByChannel: [Int: [String]] = [:]

    public static let defaultCarriers = ["DHL", "Estafeta", "FedEx", "99minutos", "Paquetexpress"]

    public init(theme: String = "default", language: String? = nil, carriers: [String] = UISettings.defaultCarriers, defaultCarrier: String? = "Estafeta", keys: [String: String] = [:]) {
        self.theme = theme
        self.language = language
        self.carriers = carriers
        self.defaultCarrier = defaultCarrier
        self.keys = keys
    }

    /// The carrier lists the change dialog offers.
    public var carrierLists: CarrierLists { CarrierLists(byCountry: carriersByCountry, byChannel: carriersByChannel, fallback: carriers) }

    /// The locales OrderDesk formats for; `[ui] locale` takes one of these.
    public static let supportedLocales = ["es_MX", "es_AR", "en_US"]

    /// The one place the locale is chosen: `[ui] locale`, else `LANG` (`LC_ALL`, `LC_NUMERIC`)
    /// when it names a supported locale of the UI's language (`es_AR.UTF-8`), else the
    /// language's usual one: es_MX for Spanish, en_US for English.
    public func resolvedLocale(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let locale, Self.supportedLocales.contains(locale) { return locale }
        let language = resolvedLanguage(environment: environment)
        for name in ["LC_ALL", "LC_NUMERIC", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let identifier = String(value.prefix { $0 != "." && $0 != "@" })
            if Self.supportedLocales.contains(identifier), identifier.hasPrefix(language) { return identifier }
            break
        }
        return language == "es" ? "es_MX" : "en_US"
    }

    /// The effective language: the config's, else the configured locale's, else from `LANG`
    /// (`es*` → es), else en.
    public func resolvedLanguage(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let language, ["es", "en"].contains(language) { return language }
        if let locale, Self.supportedLocales.contains(locale) { return String(locale.prefix(2)) }
        // As the TUI's `Language.fromEnvironment`: the first of these that is set decides.
        let lang = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return lang.lowercased().hasPrefix("es") ? "es" : "en"
    }
}

/// Transport timeouts and retry bounds (`[http]` and `[retry]`, both optional).
public struct NetworkSettings: Sendable {
    public var requestTimeout: Double = 30
    public var connectTimeout: Double = 5
    public var maxAttempts: Int = 6
    public var baseDelay: Double = 0.5
    public var maxDelay: Double = 8

    public init() {}

    public var transportOptions: HTTPTransport.Options {
        HTTPTransport.Options(requestTimeout: requestTimeout, connectTimeout: connectTimeout)
    }

    public var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay)
    }
}
