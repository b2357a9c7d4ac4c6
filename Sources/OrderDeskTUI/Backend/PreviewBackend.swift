import Foundation
import OrderKit

/// An in-memory backend with plausible data (and the hostile strings real data sometimes has),
/// for the tests and for trying the TUI by hand before the services are wired in. Status
/// changes drain at 2 per second with outbox and budget updates, like the real pacer.
public final class PreviewBackend: TUIBackend, @unchecked Sendable {
    public let isSandbox: Bool
    public let bridgeConfigured: Bool
    public let carriers = ["DHL", "Estafeta", "FedEx", "99minutos", "Paquetexpress"]
    public let defaultCarrier: String? = "Estafeta"
    public let timeZone = Assumed.yujuTimeZone
    public let itemIds = Assumed.yujuItemIds

    private let lock = NSLock()
    private var summaries: [OrderSummary]
    private var outbounds: [OrderKey: [OutboundRecord]] = [:]
    private var activity: [OutboxActivity] = []
    private var audit: [OrderKey: [AuditEntry]] = [:]
    private var nextOutboxId: Int64 = 1
    private var reportRunsUsed = 1
    private var budgetContinuation: AsyncStream<[BudgetSnapshot]>.Continuation?
    private var eventContinuation: AsyncStream<BackendEvent>.Continuation?
    /// Seconds each paced request takes (0.5 s: Yuju's 2 per second).
    private let pace: Double

    public init(orderCount: Int = 100_000, seed: UInt64 = 42, isSandbox: Bool = true, bridgeConfigured: Bool = true, pace: Double = 0.5) {
        self.isSandbox = isSandbox
        self.bridgeConfigured = bridgeConfigured
        self.pace = pace
        summaries = PreviewData.summaries(count: orderCount, seed: seed)
    }

    private func locked<T>(_ body: () -> T) -> T { lock.withLock(body) }

    public func loadList() async throws -> OrderList { OrderList(summaries: locked { summaries }) }

    public func order(_ key: OrderKey) async throws -> YujuOrder? {
        guard let summary = locked({ summaries.first { $0.key == key } }) else { return nil }
        return PreviewData.order(for: summary)
    }

    public func cachedOutbounds(_ key: OrderKey) async throws -> [OutboundRecord] {
        locked { outbounds[key] } ?? Array(PreviewData.outbounds(for: key).prefix(1))
    }

    public func fetchOutbounds(_ key: OrderKey) async throws -> [OutboundRecord] {
        try await Task.sleep(nanoseconds: UInt64(pace * 1_000_000_000))
        return locked {
            let records = outbounds[key] ?? PreviewData.outbounds(for: key)
            outbounds[key] = records
            return records
        }
    }

    public func auditTrail(_ key: OrderKey) async throws -> [AuditEntry] { locked { audit[key] ?? [] } }

    public func bridgeHistory(_ key: OrderKey) async throws -> BridgeOrderHistory? {
        guard bridgeConfigured else { return nil }
        let record = BridgeChangeRecord(
            id: 1, key: key, statusEntryId: 1, bridgeEntryId: 2, bridgeChannel: "YJ\(key.idChannel)", externalNumber: key.idOrder,
            internalNumber: "bridge0000000001", targetState: .confirmed, requestedAt: Date(timeIntervalSince1970: 1_746_180_840),
            state: .applied, lastChecked: Date(timeIntervalSince1970: 1_746_180_842), detail: nil)
        return BridgeOrderHistory(changes: [record], live: BridgeStatusResponse(
            ack: 0, message: "OK", currentStatus: "confirmed", currentStatusName: "confirmado", history: [
                .init(initialState: "open", finalState: "confirmed", createdDate: "2025-05-02 10:14:00"),
            ]))
    }

    public func changeStatus(_ changes: [StatusChangeRequest], mirrorToBridge: Bool) async throws {
        let entries = locked { () -> [OutboxActivity] in
            changes.map { change in
                defer { nextOutboxId += 1 }
                return OutboxActivity(id: nextOutboxId, key: change.key, change: OutboxChange(.status(change, mirrorToBridge: mirrorToBridge)),
                                      state: .queued, attempts: 0, updatedAt: Date())
            }
        }
        for entry in entries { record(entry) }
        Task.detached { [self] in
            for (index, var entry) in entries.enumerated() {
                entry.state = .sending
                entry.attempts += 1
                record(entry)
                publishBudget(queued: entries.count - index)
                try? await Task.sleep(nanoseconds: UInt64(pace * 1_000_000_000))
                // Every seventh change times out, to show the failed state and retry.
                let change = changes[index]
                if entry.id % 7 == 0 {
                    entry.state = .failed
                    entry.lastError = "Yuju PUT /orders/status: timed out"
                } else {
                    entry.state = .sent
                    apply(change)
                }
                entry.updatedAt = Date()
                record(entry)
                appendAudit(change.key, action: OutboxRequest.status(change, mirrorToBridge: mirrorToBridge).auditAction(), outcome: entry.state == .sent ? "sent" : "failed: \(entry.lastError ?? "")")
            }
            publishBudget(queued: 0)
        }
    }

    private func apply(_ change: StatusChangeRequest) {
        let changed = locked { () -> OrderSummary? in
            guard let index = summaries.firstIndex(where: { $0.key == change.key }) else { return nil }
            summaries[index].status = change.status
            if let carrier = change.carrier { summaries[index].carrier = carrier }
            summaries[index].outboxState = .sent
            return summaries[index]
        }
        if let changed { emit(.summariesChanged([changed])) }
    }

    private func appendAudit(_ key: OrderKey, action: String, outcome: String) {
        locked { audit[key, default: []].insert(AuditEntry(at: Date(), user: NSUserName(), key: key, action: action, outcome: outcome), at: 0) }
    }

    private func record(_ entry: OutboxActivity) {
        locked {
            if let index = activity.firstIndex(where: { $0.id == entry.id }) { activity[index] = entry } else { activity.insert(entry, at: 0) }
        }
        emit(.outbox(entry))
    }

    public func addOutbound(_ key: OrderKey, _ request: OutboundRequest) async throws {
        let now = WireDate.formatMicro(Date())
        let record = OutboundRecord(orderIntExternalPk: UUID().uuidString.lowercased(), createdAt: now, updatedAt: now, idChannel: key.idChannel,
                                    idOrder: key.idOrder, idShop: nil, moduleName: request.moduleName, extra: request.extra,
                                    reference: request.reference, message: request.message, status: request.status, type: request.type, actions: [])
        let records = locked { () -> [OutboundRecord] in
            outbounds[key, default: PreviewData.outbounds(for: key)].insert(record, at: 0)
            return outbounds[key]!
        }
        emit(.outboundsChanged(key, records))
    }

    public func updateOutbound(_ key: OrderKey, pk: String, _ request: OutboundRequest) async throws {
        let records = locked { () -> [OutboundRecord] in
            var records = outbounds[key, default: PreviewData.outbounds(for: key)]
            if let index = records.firstIndex(where: { $0.orderIntExternalPk == pk }) {
                var record = records[index]
                record.status = request.status
                record.message = request.message
                record.reference = request.reference
                record.moduleName = request.moduleName
                record.extra = request.extra
                record.updatedAt = WireDate.formatMicro(Date())
                records[index] = record
            }
            outbounds[key] = records
            return records
        }
        emit(.outboundsChanged(key, records))
    }

    public func refresh(_ keys: [OrderKey]) async throws {
        try await Task.sleep(nanoseconds: UInt64(pace * Double(keys.count) * 1_000_000_000))
    }

    public func runReport(_ request: ReportRequest) async throws {
        locked { reportRunsUsed += 1 }
        publishBudget(queued: 0)
        let id = "preview"
        for status in [ReportProgress.Status.created, .processing, .completed] {
            emit(.reportProgress(.status(idReport: id, status)))
            try await Task.sleep(nanoseconds: 800_000_000)
        }
        emit(.reportProgress(.imported(idReport: id, orders: 0, ids: 0, skipped: 0)))
    }

    public func reportRunsLeft() async -> Int { locked { 5 - reportRunsUsed } }

    public func pushToDatacrush(_ keys: [OrderKey]) async throws {
        try await Task.sleep(nanoseconds: 300_000_000)
    }

    public func retry(_ outboxIds: [Int64]?) async throws {
        let again = locked { activity.filter { $0.state == .failed && (outboxIds?.contains($0.id) ?? true) } }
        for var entry in again {
            entry.state = .sent
            entry.attempts += 1
            entry.updatedAt = Date()
            entry.lastError = nil
            record(entry)
        }
    }

    public func outbox() async throws -> [OutboxActivity] { locked { activity } }

    public func budgets() -> AsyncStream<[BudgetSnapshot]> {
        let (stream, continuation) = AsyncStream<[BudgetSnapshot]>.makeStream()
        locked { budgetContinuation = continuation }
        publishBudget(queued: 0)
        return stream
    }

    public func events() -> AsyncStream<BackendEvent> {
        let (stream, continuation) = AsyncStream<BackendEvent>.makeStream()
        locked { eventContinuation = continuation }
        return stream
    }

    private func emit(_ event: BackendEvent) { _ = locked { eventContinuation }?.yield(event) }

    private func publishBudget(queued: Int) {
        let used = locked { reportRunsUsed }
        let now = Date()
        let snapshots = [
            BudgetSnapshot(kind: .yujuGeneral, capacity: 2, windowSeconds: 1, available: queued > 0 ? 0 : 2, used: queued > 0 ? 2 : 0,
                           queued: queued, drainSeconds: Double(queued) * pace,
                           last429At: now.addingTimeInterval(-3_600), last429Message: "Too Many Requests"),
            BudgetSnapshot(kind: .yujuReport, capacity: 5, windowSeconds: 86_400, available: 5 - used, used: used,
                           nextFreeAt: now.addingTimeInterval(5 * 3_600 + 720)),
            BudgetSnapshot(kind: .bridge, capacity: 10, windowSeconds: 1, available: 10),
            BudgetSnapshot(kind: .datacrush, capacity: 60, windowSeconds: 60, available: 58, used: 2),
        ]
        _ = locked { budgetContinuation }?.yield(snapshots)
    }
}

/// Deterministic fake orders: Mexican/Argentine names, several channels, every status, and a
/// few of `HostileText`'s strings in the places remote text lands.
public enum PreviewData {
    static let firstNames = ["María", "José", "Juan", "Guadalupe", "Sofía", "Martín", "Lucía", "Santiago", "Valentina", "Mateo",
                             "Ximena", "Joaquín", "Camila", "Tomás", "Renata", "Nicolás", "Ángel", "Begoña", "Iñaki", "Paz"]
    static let lastNames = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
                            "Fernández", "Gómez", "Díaz", "Peña", "Ñandú", "Álvarez", "Muñoz", "Castañeda", "Ibáñez"]
    static let channels = [4301, 4308, 4312, 4420]
    static let statuses: [OrderStatus] = [.pending, .pending, .pending, .readyToShip, .readyToShip, .shipped, .delivered, .canceled]
    static let carriers = ["DHL", "Estafeta", "FedEx", "99minutos", "Paquetexpress"]

    public static func summaries(count: Int, seed: UInt64 = 42) -> [OrderSummary] {
        var random = SplitMix64(seed: seed)
        var result: [OrderSummary] = []
        result.reserveCapacity(count)
        let start = Date(timeIntervalSince1970: 1_735_689_600) // 2025-01-01
        for index in 0..<count {
            let channel = channels[random.below(channels.count)]
            let id = index % 997 == 13 ? "\(21_972_600_000 + index)-A" : String(2_000_000 + index)
            let status = statuses[random.below(statuses.count)]
            let paid = start.addingTimeInterval(Double(random.below(200 * 86_400)))
            var customer = "\(firstNames[random.below(firstNames.count)]) \(lastNames[random.below(lastNames.count)])"
            if index % 499 == 7 { customer = HostileText.all[(index / 499) % HostileText.all.count] }
            let itemCount = 1 + random.below(4)
            let skus = (0..<itemCount).map { "SKU-\(channel)-\(random.below(90_000) + 10_000)-\($0)" }
            let hasCarrier = status != .pending && status != .canceled
            let outbound: String? = random.below(3) == 0 ? ["created", "success", "error"][random.below(3)] : nil
            result.append(OrderSummary(
                key: OrderKey(idChannel: channel, idOrder: id), status: status,
                paidAt: WireDate.formatFilter(paid), createdAt: WireDate.formatFilter(paid.addingTimeInterval(-600)),
                // Contact from the index alone: drawing it would change every other field of a seed.
                customer: customer, email: "cliente\(index)@example.com", phone: "+52 55 \(1_000 + index % 9_000) \(2_000 + index % 7_919)",
                itemCount: itemCount, total: Double(random.below(500_000)) / 100 + 99, currency: "MXN",
                carrier: hasCarrier ? carriers[random.below(carriers.count)] : nil, latestOutboundStatus: outbound,
                skus: skus, references: outbound == nil ? [] : ["REF\(random.below(900_000) + 100_000)"]))
        }
        return result
    }

    public static func order(for summary: OrderSummary) -> YujuOrder {
        let parts = summary.customer.split(separator: " ", maxSplits: 1).map(String.init)
        let items = summary.skus.enumerated().map { index, sku in
            YujuOrder.Item(idItem: "\(summary.key.idOrder)-\(index + 1)", sku: sku,
                           name: index == 1 ? "Taza \u{1B}[5mparpadeante\u{1B}[0m 日本" : "Playera talla \(["S", "M", "L"][index % 3])",
                           quantity: 1, price: (summary.total ?? 100) / Double(max(1, summary.skus.count)), status: summary.status)
        }
        return YujuOrder(idShop: 1, idChannel: summary.key.idChannel, idOrder: summary.key.idOrder, status: summary.status,
                         orderCreatedAt: summary.createdAt, paymentAccreditedAt: summary.paidAt, currency: summary.currency,
                         total: summary.total, notes: "Entregar en horario de oficina", carrier: summary.carrier,
                         customer: .init(firstName: parts.first, lastName: parts.count > 1 ? parts[1] : nil,
                                         email: "cliente@example.mx", phone: "+52 55 1234 5678"),
                         items: items)
    }

    public static func outbounds(for key: OrderKey) -> [OutboundRecord] {
        (0..<3).map { index in
            let stamp = "2025-05-0\(index + 1) 10:1\(index):00.000000"
            return OutboundRecord(orderIntExternalPk: String(format: "%08x", (key.idOrder.hashValue & 0xFFFFFF) + index), createdAt: stamp,
                                  updatedAt: stamp, idChannel: key.idChannel, idOrder: key.idOrder, idShop: 1,
                                  moduleName: "integracion default", extra: ["custom_field": .string("text custom \(index)")],
                                  reference: "67998\(index)", message: index == 2 ? "creado \u{1B}]52;c;aGk=\u{07}con éxito" : "creado con éxito",
                                  status: ["created", "success", "error"][index], type: "order",
                                  actions: index == 0 ? [.init(params: "{}", message: "Reintento de creación", name: "request_http")] : [])
        }
    }
}
