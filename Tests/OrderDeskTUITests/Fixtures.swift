import Foundation
import OrderKit
@testable import OrderDeskTUI

/// Small, fixed data for core tests and snapshots.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_750_000_000) // 2025-06-15T15:06:40Z

    static func summaries() -> [OrderSummary] {
        [
            OrderSummary(key: OrderKey(idChannel: 4301, idOrder: "2001"), status: .pending, paidAt: "2025-06-10T10:00:00",
                         customer: "Peña Ñandú", itemCount: 2, total: 1234.5, currency: "MXN", skus: ["SKU-AZUL", "SKU-ROJO"]),
            OrderSummary(key: OrderKey(idChannel: 4301, idOrder: "2002"), status: .readyToShip, paidAt: "2025-06-12T09:30:00",
                         customer: "María García", itemCount: 1, total: 99, currency: "MXN", carrier: "DHL",
                         latestOutboundStatus: "created", skus: ["SKU-VERDE"], references: ["REF-777"]),
            OrderSummary(key: OrderKey(idChannel: 4308, idOrder: "2003"), status: .shipped, paidAt: "2025-06-11T18:45:00",
                         customer: "日本語の顧客", itemCount: 3, total: 15000, currency: "MXN", carrier: "Estafeta",
                         skus: ["SKU-NEGRO"], outboxState: .sent),
            OrderSummary(key: OrderKey(idChannel: 4308, idOrder: "21972600150-A"), status: .pending, paidAt: "2025-06-13T08:00:00",
                         customer: "Ana \u{1B}[31mRoja\u{1B}[0m \u{202E}López 📦", itemCount: 1, total: 10, currency: "MXN",
                         skus: ["SKU-AZUL"], outboxState: .failed),
            OrderSummary(key: OrderKey(idChannel: 4312, idOrder: "2005"), status: .delivered, paidAt: "2025-06-01T12:00:00",
                         customer: "José Hernández", itemCount: 1, total: 500, currency: "MXN", carrier: "FedEx", skus: ["SKU-GRIS"]),
        ]
    }

    static let carriers = ["DHL", "Estafeta", "FedEx", "99minutos", "Paquetexpress"]

    static func state(width: Int = 120, height: Int = 40, language: Language = .en, keyMap: KeyMap = KeyMap(),
                      bridge: Bool = true) -> AppState {
        var state = AppState(width: width, height: height, language: language, keyMap: keyMap, isSandbox: true,
                             bridgeConfigured: bridge, carriers: carriers, defaultCarrier: "Estafeta", now: now)
        _ = Update.update(&state, .summariesLoaded(summaries()))
        _ = Update.update(&state, .budgets(budgets()))
        return state
    }

    /// Issue 13, formats: the fixtures with an Argentine order (ARS, an Argentine carrier),
    /// channels named as in `[channels]`, and the carrier lists by country, in `locale`.
    static func formatsState(width: Int = 120, height: Int = 40, language: Language, locale: String) -> AppState {
        var state = AppState(width: width, height: height, language: language, isSandbox: true, bridgeConfigured: true,
                             carriers: carriers, defaultCarrier: "Estafeta", now: now, locale: locale)
        state.channelNames = [4301: "Mercado Libre MX", 4320: "Mercado Libre AR"]
        state.carrierLists = CarrierLists(fallback: carriers)
        _ = Update.update(&state, .summariesLoaded(summaries() + [argentineSummary]))
        _ = Update.update(&state, .budgets(budgets()))
        return state
    }

    static let argentineKey = OrderKey(idChannel: 4320, idOrder: "2000004567")
    static let argentineSummary = OrderSummary(
        key: argentineKey, status: .readyToShip, paidAt: "2025-06-14T16:20:00", customer: "Ramón Quiñones", itemCount: 3,
        total: 69_575, currency: "ARS", carrier: "Andreani", skus: ["SKU-MATE", "SKU-BOMBILLA", "SKU-YERBA"])

    static func argentineOrder() -> YujuOrder {
        YujuOrder(idShop: 1, idChannel: argentineKey.idChannel, idOrder: argentineKey.idOrder, status: .readyToShip,
                  paymentAccreditedAt: "2025-06-14T16:20:00", currency: "ARS", total: 69_575, carrier: "Andreani",
                  customer: .init(firstName: "Ramón", lastName: "Quiñones", email: "ramon@example.com.ar"),
                  items: [
                      .init(idItem: "1", sku: "SKU-MATE", name: "Mate de calabaza", quantity: 2, price: 12_500, status: .readyToShip),
                      .init(idItem: "2", sku: "SKU-BOMBILLA", name: "Bombilla de alpaca", quantity: 1, price: 9_575, status: .readyToShip),
                      .init(idItem: "3", sku: "SKU-YERBA", name: "Yerba 1 kg", quantity: 5, price: 7_000, status: .readyToShip),
                  ])
    }

    static func budgets() -> [BudgetSnapshot] {
        [
            BudgetSnapshot(kind: .yujuGeneral, capacity: 2, windowSeconds: 1, available: 1, used: 1, queued: 3, drainSeconds: 1.5,
                           last429Message: "Too Many Requests"),
            BudgetSnapshot(kind: .yujuReport, capacity: 5, windowSeconds: 86_400, available: 3, used: 2,
                           nextFreeAt: now.addingTimeInterval(2 * 3600 + 600)),
            BudgetSnapshot(kind: .bridge, capacity: 10, windowSeconds: 1, available: 10),
            BudgetSnapshot(kind: .datacrush, capacity: 60, windowSeconds: 60, available: 58, used: 2),
        ]
    }

    static func order(_ key: OrderKey = OrderKey(idChannel: 4301, idOrder: "2001")) -> YujuOrder {
        YujuOrder(idShop: 1, idChannel: key.idChannel, idOrder: key.idOrder, status: .pending, paymentAccreditedAt: "2025-06-10T10:00:00",
                  currency: "MXN", total: 1234.5, notes: "Tocar el timbre", customer: .init(firstName: "Peña", lastName: "Ñandú", email: "p@example.mx"),
                  items: [
                      .init(idItem: "1", sku: "SKU-AZUL", name: "Playera azul", quantity: 1, price: 600, status: .pending),
                      .init(idItem: "2", sku: "SKU-ROJO", name: "Taza \u{1B}]52;c;aGk=\u{07}roja", quantity: 1, price: 634.5, status: .pending),
                  ])
    }

    static func outbounds(_ key: OrderKey = OrderKey(idChannel: 4301, idOrder: "2001")) -> [OutboundRecord] {
        [
            OutboundRecord(orderIntExternalPk: "0a1", createdAt: "2025-06-10T11:00:00.000000", updatedAt: "2025-06-10T11:00:00.000000",
                           idChannel: key.idChannel, idOrder: key.idOrder, idShop: 1, moduleName: "integracion default",
                           extra: ["custom_field": "text custom 2"], reference: "679982", message: "creado con éxito",
                           status: "created", type: "order", actions: []),
            OutboundRecord(orderIntExternalPk: "0a2", createdAt: "2025-06-11T11:00:00.000000", updatedAt: "2025-06-11T12:00:00.000000",
                           idChannel: key.idChannel, idOrder: key.idOrder, idShop: 1, moduleName: nil, extra: nil, reference: "679983",
                           message: "guía \u{9B}2J generada", status: "success", type: "order",
                           actions: [.init(params: "{}", message: "Reintento de creación", name: "request_http")]),
        ]
    }

    /// Applies keys in order, collecting every effect.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Update.update(&state, .key($0)) }
    }

    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { Update.update(&state, .key(.char($0))) }
    }
}
