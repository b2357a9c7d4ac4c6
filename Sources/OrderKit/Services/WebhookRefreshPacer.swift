/// The Yuju budget as the webhook refresh spends it: the shared pacer itself (one schedule for
/// every process of the profile, the operator's requests first), plus a callback the moment a
/// GET may leave (`onStart`), so the notifications stored before the request left are the ones
/// it covers.
struct WebhookRefreshPacer: RequestPacer {
    let shared: any RequestPacer

    /// Called (on the refreshing task) each time a request of that task is let through.
    ///
    /// A class, not the closure itself: bound as a task-local, an optional closure (two words)
    /// crashed the release build in `swift_task_localValuePush` on the first refresh (Swift 6.3,
    /// `scripts/webhooks-burst.sh` with `-c release`); a reference-sized value does not.
    @TaskLocal static var onStart: StartHook?

    final class StartHook: Sendable {
        let call: @Sendable () -> Void
        init(_ call: @escaping @Sendable () -> Void) { self.call = call }
    }

    var kind: BudgetKind { shared.kind }

    func acquire(priority: RequestPriority) async throws {
        try await shared.acquire(priority: priority)
        Self.onStart?.call()
    }

    func pause(for seconds: Double, message: String) async { await shared.pause(for: seconds, message: message) }
    func snapshot() async -> BudgetSnapshot { await shared.snapshot() }
    func updates() -> AsyncStream<BudgetSnapshot> { shared.updates() }
}
