import Foundation
import GRDB

// The orders cache: one row per order with the list columns denormalised beside the raw JSON,
// so the list loads without decoding any JSON.
extension OrderStore {
    /// Orders written per transaction: big enough that commits do not dominate, small enough that
    /// the outbox never waits long for the write lock behind an import.
    public static let upsertBatchSize = 1_000

    public func upsertOrders(_ orders: [StoredOrder]) throws {
        var start = orders.startIndex
        while start < orders.endIndex {
            let end = min(start + Self.upsertBatchSize, orders.endIndex)
            let batch = orders[start..<end]
            try writer.write { db in try OrderRows.upsert(batch, at: Date(), in: db, noteForTeam: notesChangesForTeam) }
            start = end
        }
        wakeTeamFeed()
    }

    public func order(_ key: OrderKey) throws -> StoredOrder? {
        try writer.read { db in try OrderRows.fetch(key, in: db) }
    }

    public func orderCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? 0 }
    }

    /// Whether any order is cached: asked on the way to the first frame, so not a count (which
    /// reads a whole index: milliseconds per 100,000 orders).
    public func hasOrders() throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM orders)") ?? false }
    }

    /// Every cached order for the list, in no particular order (the list sorts).
    ///
    /// `orders list` and the local outbox's states read it (the TUI reads the list index,
    /// `openList`). A big cache is read in rowid ranges on every core, each range in its own read
    /// transaction of the pool: an order changes in place (same rowid) and a new one gets a higher
    /// rowid, so a write landing between two ranges can make the result a little newer, never
    /// drop or repeat an order.
    public func allSummaries() throws -> [OrderSummary] {
        try allSummaries(parts: nil)
    }

    /// `parts`: how many rowid ranges to read side by side; nil decides from the size and cores.
    func allSummaries(parts requested: Int?) throws -> [OrderSummary] {
        let plan = try writer.read { db in
            (extras: try SummaryExtras.fetchAll(in: db),
             count: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? 0,
             maxRowid: try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM orders") ?? 0)
        }
        let big = plan.count >= Self.parallelSummaryThreshold
        var parts = max(1, requested ?? (writer is DatabasePool && big ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1))
        if plan.maxRowid > Int64.max / 8 { parts = 1 }   // (ranges computed without overflow)
        let lastPart = parts - 1
        let step = plan.maxRowid / Int64(parts) + 1
        var results = [Result<[OrderSummary], any Error>](repeating: .success([]), count: parts)
        results.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output
            let writer = writer, extras = plan.extras, capacity = plan.count / parts + 1_024, total = plan.count + 1_024
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let low = part == 0 ? Int64.min : Int64(part) * step
                let high = part == lastPart ? Int64.max : Int64(part + 1) * step
                output[part] = Result {
                    try writer.read { db in
                        var summaries: [OrderSummary] = []
                        // The first range's array receives the others: room for all of them.
                        summaries.reserveCapacity(part == 0 ? total : capacity)
                        let rows = try Row.fetchCursor(
                            db, sql: "SELECT \(OrderRows.summaryColumns) FROM orders WHERE rowid >= ? AND rowid < ?", arguments: [low, high])
                        while let row = try rows.next() {
                            summaries.append(OrderRows.summary(from: row, extras: extras))
                        }
                        return summaries
                    }
                }
            }
        }
        // The readers' page caches are full of pages of the whole table, needed by no one now.
        if big { (writer as? DatabasePool)?.releaseMemoryEventually() }
        var summaries = try results[0].get()
        results[0] = .success([])   // (the only other reference: appending must not copy)
        for result in results.dropFirst() { summaries.append(contentsOf: try result.get()) }
        return summaries
    }

    /// Below this many orders one read is quick enough.
    static let parallelSummaryThreshold = 20_000

    /// Summaries of the given orders that are cached, in the order of `keys`.
    public func summaries(for keys: [OrderKey]) throws -> [OrderSummary] {
        try writer.read { db in
            var result: [OrderSummary] = []
            for key in keys {
                guard let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT \(OrderRows.summaryColumns) FROM orders WHERE id_channel = ? AND id_order = ?"),
                    arguments: [key.idChannel, key.idOrder])
                else { continue }
                let extras = try SummaryExtras.fetch(for: key, in: db)
                result.append(OrderRows.summary(from: row, extras: extras))
            }
            return result
        }
    }

    /// After the server confirmed a status change: the order's status, carrier and item statuses
    /// change locally, in the decoded columns and in the raw JSON (edited as a JSON tree, so
    /// fields OrderDesk does not model survive). An order that is not cached is left alone.
    public func applyStatusChange(_ change: StatusChangeRequest) throws {
        try writer.write { db in
            guard let stored = try OrderRows.fetch(change.key, in: db) else { return }
            let updated = try StatusChangeApplier.apply(change, to: stored)
            try OrderRows.upsert([updated], at: Date(), in: db, mergeCachedItems: false, noteForTeam: notesChangesForTeam)
        }
        wakeTeamFeed()
    }
}

/// SQL and row mapping for the `orders` table.
enum OrderRows {
    static let summaryColumns =
        "id_channel, id_order, status, paid_at, created_at, customer, item_count, total, currency, carrier, skus, email, phone"
    /// The column after them in a `SELECT summaryColumns, …` row.
    static let summaryColumnCount = summaryColumns.split(separator: ",").count
    static let skuSeparator: Character = "\n"

    static func fetch(_ key: OrderKey, in db: Database) throws -> StoredOrder? {
        guard let raw = try String.fetchOne(
            db.cachedStatement(sql: "SELECT raw FROM orders WHERE id_channel = ? AND id_order = ?"),
            arguments: [key.idChannel, key.idOrder])
        else { return nil }
        let data = Data(raw.utf8)
        do {
            return try StoredOrder(raw: data)
        } catch {
            throw OrderStoreError.corruptRow(table: "orders", detail: "\(key): \(error)")
        }
    }

    static func summary(from row: Row, extras: SummaryExtras) -> OrderSummary {
        let key = OrderKey(idChannel: row[0], idOrder: row[1])
        let skuText: String = row[10]
        let extra = extras.byOrder.isEmpty ? nil : extras.byOrder[key]
        return OrderSummary(
            key: key, status: OrderStatus(rawValue: row[2]), paidAt: row[3], createdAt: row[4], customer: row[5],
            email: row[11], phone: row[12], itemCount: row[6], total: row[7], currency: row[8], carrier: row[9],
            latestOutboundStatus: extra?.latestOutboundStatus,
            skus: splitSKUs(skuText),
            references: extra?.references ?? [], outboxState: extra?.outboxState)
    }

    /// The `skus` column back into SKUs. Splits the UTF-8 bytes at "\n" rather than the
    /// Characters: a third of `allSummaries`' time went to grapheme breaking here. (Unlike a
    /// Character split, it also splits after a SKU ending in "\r", which is what was joined.)
    static func splitSKUs(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let separator = skuSeparator.asciiValue!
        var text = text
        return text.withUTF8 { bytes in
            var skus: [String] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == separator {
                if end > start { skus.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
                start = end + 1
            }
            return skus
        }
    }

    /// Writes the orders in the caller's transaction. With `mergeCachedItems`, an order that
    /// arrives without items (a `basic` report) keeps the items already cached for it. With
    /// `noteForTeam`, each order is also noted in the team journal, in the same transaction, to
    /// be shared with the team (`OrderStore+TeamJournal`).
    static func upsert<C: Collection<StoredOrder>>(
        _ orders: C, at now: Date, in db: Database, mergeCachedItems: Bool = true, noteForTeam: Bool = false
    ) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO orders (id_channel, id_order, status, paid_at, created_at, customer, item_count, total,
                                currency, carrier, skus, raw, updated_at, email, phone, list_gen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id_channel, id_order) DO UPDATE SET
                status = excluded.status, paid_at = excluded.paid_at, created_at = excluded.created_at,
                customer = excluded.customer, item_count = excluded.item_count, total = excluded.total,
                currency = excluded.currency, carrier = excluded.carrier, skus = excluded.skus,
                raw = excluded.raw, updated_at = excluded.updated_at, email = excluded.email, phone = excluded.phone,
                list_gen = excluded.list_gen
            """)
        let seconds = now.storeSeconds
        let generation = orders.isEmpty ? 0 : try ListGeneration.advance(in: db)
        for var stored in orders {
            if mergeCachedItems, stored.order.items == nil {
                stored = try mergingCachedItems(into: stored, in: db)
            }
            let order = stored.order
            let raw = stored.raw.isEmpty
                ? String(decoding: try JSONEncoderFactory.make().encode(order), as: UTF8.self)
                : String(decoding: stored.raw, as: UTF8.self)
            let skus = order.items?.compactMap(\.sku).joined(separator: String(skuSeparator)) ?? ""
            statement.setUncheckedArguments([
                order.idChannel, order.idOrder, order.status.rawValue, order.paymentAccreditedAt, order.orderCreatedAt,
                order.customer?.fullName ?? "", order.lineCount ?? 0, order.total, order.currency, order.carrier,
                skus, raw, seconds, order.customer?.email ?? "", order.customer?.phone ?? "", generation,
            ])
            try statement.execute()
            if noteForTeam { try TeamJournalRows.note(OrderKey(idChannel: order.idChannel, idOrder: order.idOrder), in: db) }
        }
    }

    /// Just the items of a cached order, to learn cheaply whether there are any to keep.
    private struct ItemsOnly: Decodable { var items: [YujuOrder.Item]? }

    private static func mergingCachedItems(into stored: StoredOrder, in db: Database) throws -> StoredOrder {
        guard let cachedRaw = try String.fetchOne(
            db.cachedStatement(sql: "SELECT raw FROM orders WHERE id_channel = ? AND id_order = ?"),
            arguments: [stored.order.idChannel, stored.order.idOrder])
        else { return stored }
        let cachedData = Data(cachedRaw.utf8)
        let decoder = JSONDecoderFactory.make()
        guard let cachedItems = (try? decoder.decode(ItemsOnly.self, from: cachedData))?.items, !cachedItems.isEmpty
        else { return stored }
        var merged = stored
        merged.order.items = cachedItems
        // The cached items go into the new raw JSON as they were cached, unknown item fields included.
        if !stored.raw.isEmpty,
           case .object(var fields)? = try? decoder.decode(JSONValue.self, from: stored.raw),
           let itemsJSON = (try? decoder.decode(JSONValue.self, from: cachedData))?["items"]
        {
            fields["items"] = itemsJSON
            merged.raw = try JSONEncoderFactory.make().encode(JSONValue.object(fields))
        } else {
            merged.raw = Data()
        }
        return merged
    }
}

/// What the list shows beside each order from the other tables: the newest outbound record's
/// status, every outbound reference, and the state of the newest outbox entry.
struct SummaryExtras {
    struct PerOrder {
        var latestOutboundStatus: String?
        var references: [String] = []
        var outboxState: OutboxState?
    }
    var byOrder: [OrderKey: PerOrder] = [:]

    /// Two small queries merged in a dictionary: cheaper than a correlated join per order, and
    /// the outbound and outbox tables are tiny next to the orders.
    static func fetchAll(in db: Database) throws -> SummaryExtras {
        var extras = SummaryExtras()
        let outbounds = try Row.fetchCursor(db, sql: """
            SELECT id_channel, id_order, status, reference FROM outbounds
            ORDER BY id_channel, id_order, created_at, seq
            """)
        while let row = try outbounds.next() {
            extras.addOutbound(key: OrderKey(idChannel: row[0], idOrder: row[1]), status: row[2], reference: row[3])
        }
        let outbox = try Row.fetchCursor(db, sql: """
            SELECT o.id_channel, o.id_order, o.state FROM outbox o
            JOIN (SELECT MAX(id) AS id FROM outbox WHERE id_order IS NOT NULL GROUP BY id_channel, id_order) newest
              ON newest.id = o.id
            """)
        while let row = try outbox.next() {
            extras.byOrder[OrderKey(idChannel: row[0], idOrder: row[1]), default: PerOrder()].outboxState = OutboxState(rawValue: row[2])
        }
        return extras
    }

    static func fetch(for key: OrderKey, in db: Database) throws -> SummaryExtras {
        var extras = SummaryExtras()
        let outbounds = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT status, reference FROM outbounds WHERE id_channel = ? AND id_order = ?
                ORDER BY created_at, seq
                """),
            arguments: [key.idChannel, key.idOrder])
        while let row = try outbounds.next() {
            extras.addOutbound(key: key, status: row[0], reference: row[1])
        }
        if let state = try String.fetchOne(
            db.cachedStatement(sql: "SELECT state FROM outbox WHERE id_channel = ? AND id_order = ? ORDER BY id DESC LIMIT 1"),
            arguments: [key.idChannel, key.idOrder])
        {
            extras.byOrder[key, default: PerOrder()].outboxState = OutboxState(rawValue: state)
        }
        return extras
    }

    /// Rows arrive oldest first, so the last one seen is the newest.
    private mutating func addOutbound(key: OrderKey, status: String, reference: String) {
        byOrder[key, default: PerOrder()].latestOutboundStatus = status
        if !reference.isEmpty { byOrder[key, default: PerOrder()].references.append(reference) }
    }
}
