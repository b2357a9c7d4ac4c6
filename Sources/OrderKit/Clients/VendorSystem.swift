/// The three remote systems, for errors, logs and budgets.
public enum VendorSystem: String, Sendable, Codable, CaseIterable {
    case yuju, bridge, datacrush

    public var displayName: String {
        switch self {
        case .yuju: "Yuju"
        case .bridge: "BRIDGE"
        case .datacrush: "Datacrush"
        }
    }
}
