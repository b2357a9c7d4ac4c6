import Foundation

/// Applies a confirmed status change to a cached order: the decoded value and the raw JSON.
enum StatusChangeApplier {
    static func apply(_ change: StatusChangeRequest, to stored: StoredOrder) throws -> StoredOrder {
        let order = applied(change, to: stored.order)
        let targets = change.idItems.map(Set.init)
        // An item is addressed by what the client sends in id_items: its SKU, or its id.
        func isTarget(idItem: String?, sku: String?) -> Bool {
            guard let targets else { return true }
            return idItem.map(targets.contains) == true || sku.map(targets.contains) == true
        }

        var result = StoredOrder(order: order, raw: stored.raw)
        let decoder = JSONDecoderFactory.make()
        if !stored.raw.isEmpty, case .object(var fields) = try decoder.decode(JSONValue.self, from: stored.raw) {
            fields["status"] = .string(order.status.rawValue)
            if let carrier = change.carrier { fields["carrier"] = .string(carrier) }
            if case .array(var items)? = fields["items"] {
                for index in items.indices {
                    guard case .object(var item) = items[index],
                          isTarget(idItem: item["id_item"]?.stringValue, sku: item["sku"]?.stringValue)
                    else { continue }
                    item["status"] = .string(change.status.rawValue)
                    items[index] = .object(item)
                }
                fields["items"] = .array(items)
            }
            result.raw = try JSONEncoderFactory.make().encode(JSONValue.object(fields))
        }
        return result
    }

    /// The decoded order as the server has it once `change` is applied.
    static func applied(_ change: StatusChangeRequest, to original: YujuOrder) -> YujuOrder {
        var order = original
        if var items = order.items, !items.isEmpty {
            for index in items.indices where change.idItems.map(items[index].isNamed(by:)) ?? true {
                items[index].status = change.status
            }
            order.items = items
            order.status = change.idItems == nil
                ? change.status
                : OrderLifecycle.orderStatus(fromItems: items.map { $0.status ?? original.status })
        } else {
            order.status = change.status
        }
        if let carrier = change.carrier { order.carrier = carrier }
        return order
    }
}

extension StatusChangeRequest {
    /// Where this change will start: the cached order's items, moved on by the same order's
    /// changes still unsent (their stored payloads, oldest first) and those queued before it in
    /// the same batch. The same rule for every outbox, SQLite or the team's.
    public func startingStatus(from cached: YujuOrder, afterUnsentPayloads unsent: [String], andEarlierInBatch earlier: ArraySlice<OutboxRequest>) -> OrderStatus? {
        let decoded = unsent.compactMap { try? JSONDecoderFactory.make().decode(OutboxRequest.self, from: Data($0.utf8)) }
        var order = cached
        for case .status(let previous, _) in decoded + Array(earlier) where previous.key == key {
            order = StatusChangeApplier.applied(previous, to: order)
        }
        return order.startingStatus(for: idItems)
    }
}
