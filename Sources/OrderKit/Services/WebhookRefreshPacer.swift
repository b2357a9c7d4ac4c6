/// The Yuju budget as the webhook refresh spends it: the shared pacer, at background priority,
/// so a burst of notifications never stands in front of the operator's own requests.
///
/// It also tells the refresher the moment a GET may start (`onStart`), so the notifications
/// that arrived before the request left are the ones it covers.
struct WebhookRefreshPacer: RequestPacer {
    let shared: any RequestPacer

    /// Called (on the refreshing task) each time a request of that task is let through.
    @TaskLocal static var onStart: (@Sendable () -> Void)?

    var kind: BudgetKind { shared.kind }

    func acquire() async throws {
        // PRIORITY: the one place the webhook refresh's priority is decided. With request
        // priorities in `RequestPacer` this is `shared.acquire(priority: .background)`.
        try await shared.acquire()
        Self.onStart?()
    }

    func pause(for seconds: Double, message: String) async { await shared.pause(for: seconds, message: message) }
    func snapshot() async -> BudgetSnapshot { await shared.snapshot() }
    func updates() -> AsyncStream<BudgetSnapshot> { shared.updates() }
}
