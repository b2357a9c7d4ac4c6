import Foundation
import OrderKit

/// The one webhook target registered with `POST /_sandbox/webhooks`.
struct WebhookTarget: Sendable, Equatable {
    var url: String
    var secret: Secret

    /// `{"url": "http://127.0.0.1:P/...", "secret": "..."}`; `{"url": null}` removes the target
    /// (`.some(nil)`); nil for anything else. The sandbox posts to loopback only, like it binds.
    static func read(_ fields: [String: JSONValue]) -> WebhookTarget?? {
        guard let url = fields["url"] else { return nil }
        if url == .null { return .some(nil) }
        guard case .string(let text) = url, let parsed = URL(string: text), parsed.scheme == "http",
              let host = parsed.host, ["127.0.0.1", "localhost", "::1"].contains(host),
              case .string(let secret)? = fields["secret"], !secret.isEmpty
        else { return nil }
        return .some(WebhookTarget(url: text, secret: Secret(secret)))
    }
}

/// `stats.webhooks`: deliveries answered 2xx, attempts that were not, deliveries given up.
struct WebhookCounts: Sendable, Encodable, Equatable {
    var sent = 0
    var failed = 0
    var dropped = 0
}
