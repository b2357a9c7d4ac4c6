extension OutboxRequest {
    /// Delivering it may queue another entry (a status change mirrored to BRIDGE queues the
    /// BRIDGE change): the worker looks at the queue again after sending it.
    var mayQueueFollowUp: Bool {
        if case .status(_, true) = self { return true }
        return false
    }
}
