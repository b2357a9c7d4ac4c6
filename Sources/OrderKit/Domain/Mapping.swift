/// OrderDesk's own mapping between the systems (`spec/api.md`, last section). The BRIDGE channel
/// codes and any state overrides come from `[bridge]` (`BridgeSettings`); the mirror itself is
/// `BridgeMirrorGate` and `OrderDeskServices+Bridge`. The Datacrush mapping is
/// `DatacrushOrder(yuju:)` with `Assumed.DatacrushIds`.
public enum SystemMapping {
    /// Yuju status → BRIDGE state, by default.
    public static let defaultBridgeStates: [OrderStatus: BridgeState] = [
        .readyToShip: .readyToPick, .shipped: .transit, .delivered: .closed, .canceled: .cancelled,
    ]
}
