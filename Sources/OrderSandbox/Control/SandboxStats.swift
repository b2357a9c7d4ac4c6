import Foundation
import OrderKit

/// What `GET /_sandbox/stats` reports, so a test can prove a change landed exactly once.
struct SandboxStats: Sendable, Encodable {
    /// "<METHOD path>" (path without query, with its prefix) → count, vendor routes only.
    var requests: [String: Int] = [:]
    var rateLimited: [String: Int] = [:]
    var reportRuns = 0
    /// "<id_channel>/<id_order>" → every real status change, in order.
    var transitions: [String: [Transition]] = [:]
    var noopStatusPuts = 0
    /// BRIDGE internalNumber → the `notes` of every change accepted for it, in order (empty
    /// when a change had none): BRIDGE keeps them with the change, and a test reads them here.
    var bridgeNotes: [String: [String]] = [:]
    /// Filled from the webhook sender when stats are read.
    var webhooks = WebhookCounts()

    struct Transition: Sendable, Encodable {
        /// The order's status before the change.
        var from: String
        /// The status requested (for a per-item change the order's own status may stay behind).
        var to: String
        /// The SKUs (or ids) of the items that changed.
        var items: [String]
        var carrier: String
        /// Sandbox clock, `YYYY-MM-DDTHH:mm:ss.ffffff`.
        var at: String
    }

    enum CodingKeys: String, CodingKey {
        case requests, rateLimited = "rate_limited", reportRuns = "report_runs", transitions, noopStatusPuts = "noop_status_puts", bridgeNotes = "bridge_notes", webhooks
    }
}
