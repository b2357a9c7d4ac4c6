/// The webhook listener as the status bar shows it. Without it an operator cannot tell a quiet
/// list from a list that is not live at all.
public enum WebhookListenerState: Hashable, Sendable {
    /// Taking notifications; `waiting`: notifications stored and not yet refreshed (a burst
    /// being drained through the Yuju budget), 0 when caught up.
    case listening(waiting: Int)
    /// No listener runs in this process: the list moves only on refreshes and reports (or,
    /// in team mode, on what colleagues and the team's listener store).
    case off
    /// The listener stopped without being asked to: notifications are no longer taken here.
    case failed
}
