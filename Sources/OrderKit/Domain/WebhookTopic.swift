/// The `x-yuju-topic` of a notification (`api.md`, "Yuju webhooks").
public enum WebhookTopic: String, Sendable, Codable, CaseIterable {
    case newOrder = "new-std-order"
    case updatedOrder = "updated-std-order"
    case reportReady = "std-orders-report"

    /// Whether the notification names an order (refreshed with the one-order GET) rather than a
    /// report (downloaded and imported).
    public var isAboutAnOrder: Bool { self != .reportReady }
}

/// The notification's HTTP headers, by their wire names.
public enum WebhookHeader {
    public static let topic = "x-yuju-topic"
    public static let resource = "x-yuju-resource"
    public static let delivery = "x-yuju-delivery"
    public static let signature = "x-yuju-signature"
}
