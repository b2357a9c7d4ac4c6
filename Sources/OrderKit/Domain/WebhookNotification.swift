import Foundation

/// One Yuju webhook notification, read from its raw body (`api.md`, "Yuju webhooks"). It
/// carries no order data: only which order (or report) changed.
public struct WebhookNotification: Sendable, Hashable, Codable {
    public var topic: WebhookTopic
    public var resource: String
    /// Set for order topics.
    public var key: OrderKey?
    /// Set for `std-orders-report`.
    public var idReport: String?
    /// `YYYY-MM-DDTHH:MM:SS`, Yuju's clock, as sent.
    public var sentAt: String

    public init(topic: WebhookTopic, resource: String, key: OrderKey?, idReport: String?, sentAt: String) {
        self.topic = topic
        self.resource = resource
        self.key = key
        self.idReport = idReport
        self.sentAt = sentAt
    }

    /// An order notification as Yuju sends it.
    public static func order(_ topic: WebhookTopic, _ key: OrderKey, sentAt: String) -> WebhookNotification {
        WebhookNotification(topic: topic, resource: resource(for: key), key: key, idReport: nil, sentAt: sentAt)
    }

    /// A `std-orders-report` notification.
    public static func report(_ idReport: String, sentAt: String) -> WebhookNotification {
        WebhookNotification(topic: .reportReady, resource: "/std-orders-report/\(idReport)", key: nil, idReport: idReport, sentAt: sentAt)
    }

    /// `/orders/?id_channel=N&id_order=ID`, the `x-yuju-resource` of an order.
    public static func resource(for key: OrderKey) -> String {
        "/orders/?id_channel=\(key.idChannel)&id_order=\(key.idOrder)"
    }

    /// The body Yuju posts: `{"topic","resource","id_channel","id_order","sent_at"}`, or
    /// `id_report` instead of the two ids.
    public var body: Data {
        var fields: [String: JSONValue] = [
            "topic": .string(topic.rawValue), "resource": .string(resource), "sent_at": .string(sentAt),
        ]
        if let key {
            fields["id_channel"] = .int(Int64(key.idChannel))
            fields["id_order"] = .string(key.idOrder)
        }
        if let idReport { fields["id_report"] = .string(idReport) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(JSONValue.object(fields))) ?? Data()
    }
}

/// Why a notification body was not taken. `unknownTopic` is not an error of the sender: Yuju may
/// add topics, so it is acknowledged (202) and ignored.
public enum WebhookRejection: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case hostileId(field: String)
    case unknownTopic

    public var description: String {
        switch self {
        case .malformed(let reason): "not a Yuju notification: \(reason)"
        case .hostileId(let field): "refused: \(field) is not a plain id (letters, digits, - _ . only, at most \(Assumed.webhookMaxIdLength))"
        case .unknownTopic: "unknown topic: ignored"
        }
    }
}

extension WebhookNotification {
    /// Reads and checks a raw body. Every id must be plain text (`Assumed.webhookIdCharacters`):
    /// an id is stored and later drawn, so anything that could carry an escape sequence is
    /// refused here, before it is stored. The header topic, when given, must match the body's.
    public static func parse(_ body: Data, headerTopic: String?) throws(WebhookRejection) -> WebhookNotification {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body), case .object(let fields) = value else {
            throw .malformed("the body is not a JSON object")
        }
        guard case .string(let topicText)? = fields["topic"] else { throw .malformed("topic missing") }
        if let headerTopic, headerTopic != topicText { throw .malformed("the topic header and the body disagree") }
        guard let topic = WebhookTopic(rawValue: topicText) else { throw .unknownTopic }
        guard case .string(let resource)? = fields["resource"] else { throw .malformed("resource missing") }
        guard case .string(let sentAt)? = fields["sent_at"], WireDate.parseFilter(sentAt) != nil else {
            throw .malformed("sent_at missing or not YYYY-MM-DDTHH:MM:SS")
        }
        if topic.isAboutAnOrder {
            guard let channelValue = fields["id_channel"] else { throw .malformed("id_channel missing") }
            guard case .int(let channel) = channelValue, let idChannel = Int(exactly: channel), idChannel > 0 else {
                throw .hostileId(field: "id_channel")
            }
            guard case .string(let idOrder)? = fields["id_order"] else { throw .malformed("id_order missing") }
            try checkId(idOrder, field: "id_order")
            let key = OrderKey(idChannel: idChannel, idOrder: idOrder)
            guard resource == Self.resource(for: key) else { throw .malformed("resource does not name the order") }
            return .order(topic, key, sentAt: sentAt)
        }
        guard case .string(let idReport)? = fields["id_report"] else { throw .malformed("id_report missing") }
        try checkId(idReport, field: "id_report")
        let notification = Self.report(idReport, sentAt: sentAt)
        guard resource == notification.resource else { throw .malformed("resource does not name the report") }
        return notification
    }

    /// An id from outside: plain characters only, and not too long.
    public static func checkId(_ text: String, field: String) throws(WebhookRejection) {
        guard !text.isEmpty, text.count <= Assumed.webhookMaxIdLength,
              text.allSatisfy({ Assumed.webhookIdCharacters.contains($0) })
        else { throw .hostileId(field: field) }
    }
}
