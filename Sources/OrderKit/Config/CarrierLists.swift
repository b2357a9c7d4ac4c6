import Foundation

/// The change dialog's carriers for an order: its channel's own list (`[carriers] 4301 = […]`),
/// else its country's (`[carriers] AR = […]`), else `[ui] carriers`. Mexican and Argentine
/// orders ship with different companies, and Yuju takes any carrier name as free text (seed
/// 001), so the list is only what the operator is offered.
public struct CarrierLists: Sendable, Hashable {
    /// ISO 3166 country code (`MX`, `AR`) → carriers.
    public var byCountry: [String: [String]]
    /// Yuju `id_channel` → carriers, over the country's list.
    public var byChannel: [Int: [String]]
    /// For an order whose country is not known (`[ui] carriers`).
    public var fallback: [String]

    /// Argentina's usual carriers, the national ones first, then the couriers that also ship
    /// there; Mexico's are `UISettings.defaultCarriers`.
    public static let defaultArgentina = ["Andreani", "OCA", "Correo Argentino", "Mercado Envíos", "Urbano", "DHL", "FedEx"]

    public init(byCountry: [String: [String]] = [:], byChannel: [Int: [String]] = [:], fallback: [String] = UISettings.defaultCarriers) {
        self.byCountry = byCountry
        self.byChannel = byChannel
        self.fallback = fallback
    }

    /// Every list offered for one order.
    public func carriers(channel: Int, currency: String?) -> [String] {
        if let own = byChannel[channel] { return own }
        if let country = Assumed.country(forCurrency: currency) {
            if let configured = byCountry[country] { return configured }
            // Mexico's default is `[ui] carriers`, as before countries had lists of their own.
            if country == "AR" { return Self.defaultArgentina }
        }
        return fallback
    }

    /// For several orders at once (a bulk change): each order's list, in order, without repeats.
    public func carriers(for orders: [(channel: Int, currency: String?)]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for order in orders {
            for carrier in carriers(channel: order.channel, currency: order.currency) where seen.insert(carrier).inserted {
                result.append(carrier)
            }
        }
        return result.isEmpty ? fallback : result
    }
}
