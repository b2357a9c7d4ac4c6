/// `[webhooks]`: where the listener for Yuju's notifications binds and the secret their
/// signatures are checked with (`ORDERDESK_WEBHOOK_SECRET` when the file has none).
public struct WebhookSettings: Sendable {
    /// `HOST:PORT`; nil: no listener unless `orderdesk webhooks serve --listen` names one.
    public var listen: ListenAddress?
    public var secret: Secret?

    public init(listen: ListenAddress? = nil, secret: Secret? = nil) {
        self.listen = listen
        self.secret = secret
    }
}

/// `HOST:PORT` (`[::1]:PORT` for IPv6), as `[webhooks] listen` and `--listen` take it.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
        self.init(host: host, port: port)
    }

    /// `http://HOST:PORT`, brackets around an IPv6 host.
    public var url: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
