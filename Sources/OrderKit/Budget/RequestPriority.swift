/// Who is waiting for a request. The operator's own work (status changes, outbound info, the
/// order they opened) goes first; background work (report polls, list refreshes, webhook
/// refreshes) takes a start only when nobody else is waiting for one, so it never stands in
/// front of a key press.
public enum RequestPriority: String, Sendable, Codable {
    case `operator`
    case background
}
