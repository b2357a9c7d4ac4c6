/// Why a mirror to BRIDGE cannot be sent: refused when the change is asked for, so nothing is
/// queued that would only fail (or, as before, be dropped without a word) later.
public enum BridgeMirrorRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// No `[bridge]` section in the config.
    case notConfigured
    /// No BRIDGE channel code for this Yuju `id_channel` (`bridge.channel_codes`).
    case noChannelCode(idChannel: Int)
    /// No BRIDGE state for this Yuju status (`bridge.states`).
    case noState(OrderStatus)

    public var description: String {
        switch self {
        case .notConfigured:
            "cannot mirror to BRIDGE: there is no [bridge] section in the config"
        case .noChannelCode(let channel):
            "cannot mirror to BRIDGE: no BRIDGE channel code for id_channel \(channel) (add it under [bridge.channel_codes])"
        case .noState(let status):
            "cannot mirror to BRIDGE: no BRIDGE state for \(status) (add it under [bridge.states])"
        }
    }
}

/// Decides, from the config alone, whether changes can be mirrored. Shared by the services
/// (which refuse the request) and the TUI's change dialog (which shows the reason before
/// closing), so both say the same thing.
public struct BridgeMirrorGate: Sendable {
    let settings: BridgeSettings?

    public init(settings: BridgeSettings?) { self.settings = settings }

    /// The first reason any of `changes` cannot be mirrored; nil when all can.
    public func refusal(for changes: [StatusChangeRequest]) -> BridgeMirrorRefusal? {
        guard let settings else { return .notConfigured }
        for change in changes {
            if settings.channelCode(for: change.idChannel) == nil { return .noChannelCode(idChannel: change.idChannel) }
            if settings.states[change.status] == nil { return .noState(change.status) }
        }
        return nil
    }
}
