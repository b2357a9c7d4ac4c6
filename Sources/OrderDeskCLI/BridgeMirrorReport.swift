import Foundation
import OrderKit

/// What became of the BRIDGE mirrors of a `status set --bridge`, told beside Yuju's outcome:
/// waits (about a minute at most) until BRIDGE shows them applied, then one line for the run
/// and one per mirror that was not applied.
enum BridgeMirrorReport {
    /// Returns how many mirrors BRIDGE refused.
    static func print(_ runtime: Runtime, statusEntries ids: [Int64]) async throws -> Int {
        let services = runtime.services
        await services.settleBridgeChanges()
        let records = try services.bridgeOutcomes(statusEntries: ids).compactMap { $0 }
        var counts: [BridgeChangeRecord.State: Int] = [:]
        for record in records { counts[record.state, default: 0] += 1 }
        let parts = BridgeChangeRecord.State.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        Console.err("BRIDGE: " + (parts.isEmpty ? "nothing mirrored" : parts.joined(separator: ", ")))
        for record in records where record.state != .applied {
            Console.err("\(record.key) \(record.outcomeText)")
        }
        return counts[.failed] ?? 0
    }

    /// `orderdesk.bridge` of `orders show --json`: the newest mirror (`internal_number`, `state`,
    /// `applied`, spec/product.md) with every mirror under `changes`; null when never mirrored.
    static func json(_ history: BridgeOrderHistory?) -> JSONValue {
        guard let history, let latest = history.changes.first else { return .null }
        var object = fields(latest)
        object["changes"] = .array(history.changes.map { .object(fields($0)) })
        return .object(object)
    }

    private static func fields(_ record: BridgeChangeRecord) -> [String: JSONValue] {
        [
            "internal_number": record.internalNumber.map(JSONValue.string) ?? .null,
            "state": .string(record.targetState.rawValue),
            "applied": .bool(record.state == .applied),
            "outcome": .string(record.state.rawValue),
            "bridge_channel": .string(record.bridgeChannel),
            "external_number": .string(record.externalNumber),
            "requested_at": .string(WireDate.formatFilter(record.requestedAt)),
            "last_checked": record.lastChecked.map { .string(WireDate.formatFilter($0)) } ?? .null,
            "detail": record.detail.map(JSONValue.string) ?? .null,
        ]
    }
}
