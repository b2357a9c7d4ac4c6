import Foundation
import OrderKit

/// One BRIDGE order, mirroring a Yuju order.
struct BridgeOrder: Sendable {
    var internalNumber: String
    var externalNumber: String
    var channel: String
    var state: BridgeState
    var history: [BridgeStatusResponse.HistoryEntry] = []
    /// Accepted changes not applied yet: the store's BRIDGE applies them after a delay.
    var pending: [PendingChange] = []

    struct PendingChange: Sendable {
        var target: BridgeState
        var applyAt: Date
    }

    /// The state the order will have once every accepted change is applied: new requests are
    /// checked against it, so two quick changes to the same state get 1021.
    var eventualState: BridgeState { pending.last?.target ?? state }

    mutating func applyDueChanges(now: Date) {
        while let first = pending.first, first.applyAt <= now {
            pending.removeFirst()
            history.append(.init(initialState: state.rawValue, finalState: first.target.rawValue, createdDate: WireTime.seconds(first.applyAt)))
            state = first.target
        }
    }
}

/// BRIDGE's data and sessions.
struct BridgeStore: Sendable {
    var orders: [String: BridgeOrder] = [:]
    /// "channel\u{0}externalNumber" → internalNumber
    var byExternal: [String: String] = [:]
    /// token → expiry on the sandbox clock
    var tokens: [String: Date] = [:]

    static func externalKey(number: String, channel: String) -> String { channel + "\u{0}" + number }

    mutating func insert(_ order: BridgeOrder) {
        orders[order.internalNumber] = order
        byExternal[Self.externalKey(number: order.externalNumber, channel: order.channel)] = order.internalNumber
    }

    func internalNumber(for address: BridgeChangeRequest.Address) -> String? {
        switch address {
        case .internalNumber(let number): orders[number] == nil ? nil : number
        case .external(let number, let channel): byExternal[Self.externalKey(number: number, channel: channel)]
        }
    }

    /// BRIDGE channel code of a Yuju channel (sandbox convention: "YJ" + id_channel).
    static func channelCode(forYujuChannel channel: Int) -> String { "YJ\(channel)" }

    /// `bridge` + 10-digit sequence, from 1 in seeding order.
    static func internalNumber(sequence: Int) -> String {
        let digits = String(sequence)
        return "bridge" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }
}
