/// What a finished effect has to say on the message line; the views word it (`L10n`).
public enum Outcome: Hashable, Sendable {
    case refreshed(orders: Int)
    case pushed(orders: Int)
}
