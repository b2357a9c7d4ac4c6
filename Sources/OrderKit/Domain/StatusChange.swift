/// Body of `PUT /orders/status` (seed 001).
public struct StatusChangeRequest: Codable, Hashable, Sendable {
    public var idOrder: String
    public var idChannel: Int
    public var status: OrderStatus
    /// Absent: the vendor uses the default carrier.
    public var carrier: String?
    /// Absent: every item of the order changes.
    public var idItems: [String]?

    public init(idOrder: String, idChannel: Int, status: OrderStatus, carrier: String? = nil, idItems: [String]? = nil) {
        self.idOrder = idOrder
        self.idChannel = idChannel
        self.status = status
        self.carrier = carrier
        self.idItems = idItems
    }

    enum CodingKeys: String, CodingKey {
        case idOrder = "id_order", idChannel = "id_channel", status, carrier, idItems = "id_items"
    }

    public var key: OrderKey { OrderKey(idChannel: idChannel, idOrder: idOrder) }

    /// Refuses, with Yuju's texts, what the server would refuse for its shape alone.
    public func validate() throws(ValidationFailure) {
        try Self.validate(idOrder: idOrder, idChannel: idChannel, status: status.rawValue)
        if let carrier, carrier.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationFailure(.yuju, Assumed.carrierEmpty, field: "carrier")
        }
        if let idItems, idItems.isEmpty || idItems.contains(where: \.isEmpty) {
            throw ValidationFailure(.yuju, Assumed.idItemsEmpty, field: "id_items")
        }
    }

    /// The checks on raw input, shared by the client (before sending) and the sandbox (on receipt).
    public static func validate(idOrder: String?, idChannel: Int?, status: String?) throws(ValidationFailure) {
        guard let idOrder, !idOrder.isEmpty else { throw ValidationFailure(.yuju, YujuText.idOrderRequired, field: "id_order") }
        guard idChannel != nil else { throw ValidationFailure(.yuju, Assumed.idChannelRequired, field: "id_channel") }
        guard let status, !status.isEmpty else { throw ValidationFailure(.yuju, Assumed.statusRequired, field: "status") }
        guard OrderStatus(status).isSettable else {
            throw ValidationFailure(.yuju, Assumed.statusValueInvalid, field: "status")
        }
    }
}

/// 200 body of `PUT /orders/status`: `{"ok":1,"message":"ok"}`.
public struct StatusChangeResponse: Codable, Hashable, Sendable {
    public var ok: Int
    public var message: String
    public init(ok: Int = 1, message: String = YujuText.statusOK) {
        self.ok = ok
        self.message = message
    }
}

/// Every Yuju error body: `{"message":"..."}`.
public struct YujuMessage: Codable, Hashable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}
