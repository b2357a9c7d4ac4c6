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

    /// The config setting that trusts a private CA for this system, for the error that says
    /// the server's certificate is not trusted. Only BRIDGE stores use their own certificates.
    public var trustSetting: String? {
        self == .bridge ? #"[bridge] ca_file = "/path/ca.pem""# : nil
    }
}
