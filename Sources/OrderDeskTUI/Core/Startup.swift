import Foundation
import OrderKit

/// What the app is doing before the list can show: the loading line's words. The UI runs from
/// the first moment (`OrderDeskTUIApp.launch`), so there is never a blank screen while the
/// sandbox starts or the cache fills.
public enum StartupStep: Equatable, Sendable {
    case starting
    case startingSandbox
    case openingCache
    case connectingTeam
    /// Report runs filling an empty sandbox cache: orders imported so far.
    case importing(orders: Int, runs: Int)
    case resuming
    /// The backend is there: the cached orders are being read.
    case readingOrders
}

/// The synchronous facts of a backend, handed to the state once it is there.
public struct BackendInfo: Sendable {
    public var isSandbox: Bool
    public var bridgeConfigured: Bool
    public var carriers: [String]
    public var defaultCarrier: String?
    public var timeZone: TimeZone
    public var itemIds: ItemIdField
    public var bridgeMirrorGate: BridgeMirrorGate?
    public var operatorName: String
    public var channelNames: [Int: String]
    public var carrierLists: CarrierLists?

    public init(isSandbox: Bool, bridgeConfigured: Bool, carriers: [String], defaultCarrier: String?, timeZone: TimeZone,
                itemIds: ItemIdField, bridgeMirrorGate: BridgeMirrorGate?, operatorName: String, channelNames: [Int: String] = [:],
                carrierLists: CarrierLists? = nil) {
        self.isSandbox = isSandbox
        self.bridgeConfigured = bridgeConfigured
        self.carriers = carriers
        self.defaultCarrier = defaultCarrier
        self.timeZone = timeZone
        self.itemIds = itemIds
        self.bridgeMirrorGate = bridgeMirrorGate
        self.operatorName = operatorName
        self.channelNames = channelNames
        self.carrierLists = carrierLists
    }
}

/// Start-up in the reducer: the loading line, the backend's facts, and type-ahead (keys typed
/// before the list is there are kept and replayed once it is, never left for the shell).
enum StartupUpdate {
    static func step(_ state: inout AppState, _ step: StartupStep) {
        state.startup = step
    }

    static func backendReady(_ state: inout AppState, _ info: BackendInfo) {
        state.isSandbox = info.isSandbox
        state.bridgeConfigured = info.bridgeConfigured
        state.carriers = info.carriers
        state.defaultCarrier = info.defaultCarrier
        state.timeZone = info.timeZone
        state.itemIds = info.itemIds
        state.bridgeMirrorGate = info.bridgeMirrorGate
        state.operatorName = info.operatorName
        state.channelNames = info.channelNames
        state.carrierLists = info.carrierLists
        state.startup = .readingOrders
    }

    /// Whether a key waits for the list: until it is loaded, unless loading failed (then keys
    /// act at once, so `q` still quits).
    static func holds(_ state: AppState) -> Bool { !state.loaded && !state.loadFailed }

    /// The kept keys, handled in the order they were typed.
    static func replay(_ state: inout AppState) -> [Effect] {
        let keys = state.typeAhead
        state.typeAhead = []
        return keys.flatMap { Update.update(&state, .key($0)) }
    }

    /// The loading line: the step in words, and the keys kept so far.
    static func line(_ state: AppState) -> String {
        let t = state.text
        var text: String
        switch state.startup ?? .readingOrders {
        case .starting: text = t[.startingUp]
        case .startingSandbox: text = t[.startingSandbox]
        case .openingCache: text = t[.openingCache]
        case .connectingTeam: text = t[.connectingTeam]
        case .importing(let orders, let runs):
            text = "\(t[.startingSandbox]) \(t[.importingOrders]) \(state.formats.grouped(orders)) \(t[.orders]) (\(t[.reportRunShort]) \(runs + 1))"
        case .resuming: text = t[.resumingChanges]
        case .readingOrders: text = t[.loading]
        }
        return text
    }

    /// `typed ahead: /ramon` (keys as typed; special keys by their label).
    static func typedAhead(_ state: AppState) -> String? {
        guard !state.typeAhead.isEmpty else { return nil }
        let keys = state.typeAhead.map { key -> String in
            if case .char(let c) = key { return String(c) }
            return "‹\(state.text.label(key))›"
        }.joined()
        return "\(state.text[.typedAhead]): \(keys)"
    }
}
