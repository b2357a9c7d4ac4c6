import Foundation

/// What the outbox worker tells the TUI and CLI, one event per state change of an entry.
public struct OutboxEvent: Sendable, Hashable {
    public var id: Int64
    public var key: OrderKey?
    public var summary: String
    /// The change itself, for a reader that words it its own way (the TUI, in its language).
    public var request: OutboxRequest?
    public var state: OutboxState
    /// The server's answer when sent, the reason when failed.
    public var detail: String?
    public var at: Date

    public init(id: Int64, key: OrderKey?, summary: String, request: OutboxRequest? = nil, state: OutboxState, detail: String? = nil, at: Date) {
        self.id = id
        self.request = request
        self.key = key
        self.summary = summary
        self.state = state
        self.detail = detail
        self.at = at
    }

    init(_ entry: OutboxEntry, state: OutboxState, detail: String? = nil, at: Date) {
        self.init(id: entry.id, key: entry.request.key, summary: entry.request.summary, request: entry.request, state: state, detail: detail, at: at)
    }
}
