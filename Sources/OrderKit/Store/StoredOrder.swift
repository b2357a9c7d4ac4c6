import Foundation

/// A cached order with the vendor's JSON as received, so fields OrderDesk does not model survive
/// a round trip through the cache.
public struct StoredOrder: Sendable, Hashable {
    public var order: YujuOrder
    /// The vendor's JSON for this one order. Empty means "not known": the store then keeps the
    /// encoded `order` instead.
    public var raw: Data

    public init(order: YujuOrder, raw: Data) {
        self.order = order
        self.raw = raw
    }

    /// Decodes the order from its vendor JSON, keeping the bytes as they came.
    public init(raw: Data) throws {
        self.order = try JSONDecoderFactory.make().decode(YujuOrder.self, from: raw)
        self.raw = raw
    }
}
