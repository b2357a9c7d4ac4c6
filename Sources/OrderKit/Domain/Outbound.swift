import Foundation

/// Body of `POST`/`PUT /orders/outbounds` (seed 000).
public struct OutboundRequest: Codable, Hashable, Sendable {
    public var status: String
    public var message: String
    public var type: String
    public var moduleName: String?
    public var reference: String
    public var channelId: Int
    public var extra: [String: JSONValue]?
    public var actions: [Action]?

    public struct Action: Codable, Hashable, Sendable {
        public var message: String
        public var params: JSONValue
        public var name: String
        public init(message: String, params: JSONValue, name: String) {
            self.message = message
            self.params = params
            self.name = name
        }
    }

    public init(
        status: String, message: String, type: String = Assumed.outboundType, moduleName: String? = nil,
        reference: String, channelId: Int, extra: [String: JSONValue]? = nil, actions: [Action]? = nil
    ) {
        self.status = status
        self.message = message
        self.type = type
        self.moduleName = moduleName
        self.reference = reference
        self.channelId = channelId
        self.extra = extra
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey {
        case status, message, type, moduleName = "module_name", reference, channelId = "channel_id", extra, actions
    }

    /// Yuju answers any malformed outbound body with a bare "Error."; locally the field is named too.
    /// An action needs its `name` and `message` (seed 000 shows both in every action).
    public func validate() throws(ValidationFailure) {
        for (field, value) in [("status", status), ("message", message), ("type", type), ("reference", reference)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationFailure(.yuju, YujuText.outboundError, field: field)
        }
        for (index, action) in (actions ?? []).enumerated() {
            for (field, value) in [("name", action.name), ("message", action.message)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationFailure(.yuju, YujuText.outboundError, field: "actions[\(index)].\(field)")
            }
        }
    }
}

extension OutboundRequest.Action {
    /// A stored action sent back as it was given: its `params` string decoded into JSON again
    /// (kept as the string when it is not JSON), so an update keeps the record's actions.
    public init(stored: OutboundRecord.Action) {
        self.init(message: stored.message, params: stored.decodedParams ?? .string(stored.params), name: stored.name)
    }
}

/// One stored outbound record, as `POST /orders/outbounds` answers it (seed 000).
public struct OutboundRecord: Codable, Hashable, Sendable, Identifiable {
    /// The record's key (a UUID), needed to change it later.
    public var orderIntExternalPk: String
    public var createdAt: String
    public var updatedAt: String
    public var idChannel: Int
    public var idOrder: String
    public var idShop: Int?
    public var moduleName: String?
    public var extra: [String: JSONValue]?
    public var reference: String
    public var message: String
    public var status: String
    public var type: String
    public var actions: [Action]

    public var id: String { orderIntExternalPk }

    /// An action as stored: `params` comes back as a JSON-encoded string, and gains `id`,
    /// `id_channel` and `result`, null in the seed's example.
    public struct Action: Codable, Hashable, Sendable {
        public var params: String
        public var message: String
        public var id: JSONValue
        public var idChannel: JSONValue
        public var result: JSONValue
        public var name: String

        public init(params: String, message: String, id: JSONValue = .null, idChannel: JSONValue = .null, result: JSONValue = .null, name: String) {
            self.params = params
            self.message = message
            self.id = id
            self.idChannel = idChannel
            self.result = result
            self.name = name
        }

        enum CodingKeys: String, CodingKey {
            case params, message, id, idChannel = "id_channel", result, name
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            // Tolerate a server that sends params as an object after all.
            if let text = try? c.decode(String.self, forKey: .params) {
                params = text
            } else {
                params = try c.decodeIfPresent(JSONValue.self, forKey: .params)?.encodedString() ?? "{}"
            }
            message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
            id = try c.decodeIfPresent(JSONValue.self, forKey: .id) ?? .null
            idChannel = try c.decodeIfPresent(JSONValue.self, forKey: .idChannel) ?? .null
            result = try c.decodeIfPresent(JSONValue.self, forKey: .result) ?? .null
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        }

        /// The params decoded back into JSON (nil when the string is not JSON).
        public var decodedParams: JSONValue? {
            try? JSONDecoderFactory.make().decode(JSONValue.self, from: Data(params.utf8))
        }
    }

    public init(
        orderIntExternalPk: String, createdAt: String, updatedAt: String, idChannel: Int, idOrder: String,
        idShop: Int?, moduleName: String?, extra: [String: JSONValue]?, reference: String, message: String,
        status: String, type: String, actions: [Action]
    ) {
        self.orderIntExternalPk = orderIntExternalPk
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.idChannel = idChannel
        self.idOrder = idOrder
        self.idShop = idShop
        self.moduleName = moduleName
        self.extra = extra
        self.reference = reference
        self.message = message
        self.status = status
        self.type = type
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey {
        case orderIntExternalPk = "order_int_external_pk", createdAt = "created_at", updatedAt = "updated_at"
        case idChannel = "id_channel", idOrder = "id_order", idShop = "id_shop", moduleName = "module_name"
        case extra, reference, message, status, type, actions
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderIntExternalPk = try c.decodeLenientString(forKey: .orderIntExternalPk)
        createdAt = try c.decode(String.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(String.self, forKey: .updatedAt) ?? createdAt
        guard let channel = Int(try c.decodeLenientString(forKey: .idChannel)) else {
            throw DecodingError.dataCorruptedError(forKey: .idChannel, in: c, debugDescription: "id_channel is not an integer")
        }
        idChannel = channel
        idOrder = try c.decodeLenientString(forKey: .idOrder)
        idShop = try? c.decodeIfPresent(Int.self, forKey: .idShop)
        moduleName = try c.decodeIfPresent(String.self, forKey: .moduleName)
        extra = try c.decodeIfPresent([String: JSONValue].self, forKey: .extra)
        reference = try c.decodeLenientStringIfPresent(forKey: .reference) ?? ""
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? Assumed.outboundType
        actions = try c.decodeIfPresent([Action].self, forKey: .actions) ?? []
    }

    /// Writes `module_name` and `id_shop` as null rather than dropping them, as the seed shows.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(moduleName, forKey: .moduleName)
        try c.encode(orderIntExternalPk, forKey: .orderIntExternalPk)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(actions, forKey: .actions)
        try c.encode(idChannel, forKey: .idChannel)
        try c.encode(idOrder, forKey: .idOrder)
        try c.encode(idShop, forKey: .idShop)
        try c.encodeIfPresent(extra, forKey: .extra)
        try c.encode(reference, forKey: .reference)
        try c.encode(message, forKey: .message)
        try c.encode(status, forKey: .status)
        try c.encode(type, forKey: .type)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
