/// OrderDesk's own mapping between the systems (`spec/api.md`, last section); configurable, these
/// are the defaults.
public struct SystemMapping: Hashable, Sendable {
    /// Yuju status → BRIDGE state.
    public var bridgeStates: [OrderStatus: BridgeState]
    /// Yuju `id_channel` → BRIDGE channel code.
    public var bridgeChannels: [Int: String]

    public static let defaultBridgeStates: [OrderStatus: BridgeState] = [
        .readyToShip: .readyToPick, .shipped: .transit, .delivered: .closed, .canceled: .cancelled,
    ]

    public init(bridgeStates: [OrderStatus: BridgeState] = SystemMapping.defaultBridgeStates, bridgeChannels: [Int: String] = [:]) {
        self.bridgeStates = bridgeStates
        self.bridgeChannels = bridgeChannels
    }

    /// The BRIDGE change that mirrors a Yuju status change, or nil when the status or channel has
    /// no mapping.
    public func bridgeChange(for order: OrderKey, to status: OrderStatus, notes: String? = nil) -> BridgeChangeRequest? {
        guard let state = bridgeStates[status], let channel = bridgeChannels[order.idChannel] else { return nil }
        return BridgeChangeRequest(orderState: state.rawValue, externalNumber: order.idOrder, channel: channel, notes: notes)
    }
}

