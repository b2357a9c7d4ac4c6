/// Napse BRIDGE order states (seed 003's table).
public enum BridgeState: String, Codable, Sendable, CaseIterable {
    case open, confirmed, readyToPick, inproc, complete, transit, closed, cancelled

    /// Seed 003's "Nombre" column.
    public var spanishName: String {
        switch self {
        case .open: "abierto/creado"
        case .confirmed: "confirmado"
        case .readyToPick: "listo para surtir"
        case .inproc: "surtiendo"
        case .complete: "completo"
        case .transit: "entregado"
        case .closed: "cerrado"
        case .cancelled: "cancelado"
        }
    }

    /// `closed` and `cancelled` are final: no change leaves them (code 1023).
    public var isFinal: Bool { self == .closed || self == .cancelled }
}

/// BRIDGE's `ack` codes (seed 003, plus the assumed ones).
public enum BridgeAck {
    public static let success = 0
    public static let stateRequired = 1040
    public static let orderCodeRequired = 991
    public static let sameState = 1021
    public static let finalState = 1023
    public static let orderNotFound = Assumed.bridgeOrderNotFoundAck
    public static let unauthorized = Assumed.bridgeUnauthorizedAck
    public static let unknown = 9999
}

/// Body of `POST /order/change-status/state/change`.
public struct BridgeChangeRequest: Codable, Hashable, Sendable {
    public var orderState: String
    public var internalNumber: String?
    public var externalNumber: String?
    public var channel: String?
    public var notes: String?

    public init(orderState: String, internalNumber: String? = nil, externalNumber: String? = nil, channel: String? = nil, notes: String? = nil) {
        self.orderState = orderState
        self.internalNumber = internalNumber
        self.externalNumber = externalNumber
        self.channel = channel
        self.notes = notes
    }

    /// How the order is addressed: internalNumber, or externalNumber with channel.
    public enum Address: Hashable, Sendable {
        case internalNumber(String)
        case external(number: String, channel: String)
    }

    /// The checks that need no knowledge of the order (1040, 991, unknown state).
    public func validate() throws(ValidationFailure) -> (BridgeState, Address) {
        try Self.validate(orderState: orderState, internalNumber: internalNumber, externalNumber: externalNumber, channel: channel)
    }

    public static func validate(orderState: String?, internalNumber: String?, externalNumber: String?, channel: String?) throws(ValidationFailure) -> (BridgeState, Address) {
        guard let orderState, !orderState.isEmpty else {
            throw ValidationFailure(.bridge, BridgeText.stateRequired, code: BridgeAck.stateRequired, field: "orderState")
        }
        let address: Address
        if let internalNumber, !internalNumber.isEmpty {
            address = .internalNumber(internalNumber)
        } else if let externalNumber, !externalNumber.isEmpty, let channel, !channel.isEmpty {
            address = .external(number: externalNumber, channel: channel)
        } else {
            throw ValidationFailure(.bridge, BridgeText.orderCodeRequired, code: BridgeAck.orderCodeRequired, field: "internalNumber")
        }
        guard let state = BridgeState(rawValue: orderState) else {
            throw ValidationFailure(.bridge, BridgeText.unknownError, code: Assumed.bridgeUnknownStateAck, field: "orderState")
        }
        return (state, address)
    }
}

/// BRIDGE's transition rules (seed 003): a final state never changes (1023), a state never
/// changes to itself (1021); any other move is accepted.
public enum BridgeLifecycle {
    public static func check(from current: BridgeState, to next: BridgeState) throws(ValidationFailure) {
        if current.isFinal {
            throw ValidationFailure(.bridge, BridgeText.finalState, code: BridgeAck.finalState)
        }
        if current == next {
            throw ValidationFailure(.bridge, BridgeText.sameState, code: BridgeAck.sameState)
        }
    }
}

/// Every BRIDGE answer: `{"ack":<code>,"message":"..."}`.
public struct BridgeAckResponse: Codable, Hashable, Sendable {
    public var ack: Int
    public var message: String
    public init(ack: Int, message: String) {
        self.ack = ack
        self.message = message
    }
    public var isSuccess: Bool { ack == BridgeAck.success }
}

/// `POST /auth/login` (**assumed** from Napse's public docs).
public struct BridgeLoginRequest: Codable, Hashable, Sendable {
    public var clientId: String
    public var clientSecret: String
    public init(clientId: String, clientSecret: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }
}

public struct BridgeLoginResponse: Codable, Hashable, Sendable {
    public var ack: Int
    public var token: String?
    public var message: String?
    public init(ack: Int, token: String?, message: String? = nil) {
        self.ack = ack
        self.token = token
        self.message = message
    }
}

/// `POST /order/status` body.
public struct BridgeStatusQuery: Codable, Hashable, Sendable {
    public var internalOrderNumber: String
    public init(internalOrderNumber: String) { self.internalOrderNumber = internalOrderNumber }
}

/// `POST /order/status` answer: current state and its history.
public struct BridgeStatusResponse: Codable, Hashable, Sendable {
    public var ack: Int
    public var message: String
    public var currentStatus: String?
    public var currentStatusName: String?
    public var history: [HistoryEntry]?

    public struct HistoryEntry: Codable, Hashable, Sendable {
        public var initialState: String
        public var finalState: String
        public var createdDate: String
        public init(initialState: String, finalState: String, createdDate: String) {
            self.initialState = initialState
            self.finalState = finalState
            self.createdDate = createdDate
        }
    }

    public init(ack: Int, message: String, currentStatus: String? = nil, currentStatusName: String? = nil, history: [HistoryEntry]? = nil) {
        self.ack = ack
        self.message = message
        self.currentStatus = currentStatus
        self.currentStatusName = currentStatusName
        self.history = history
    }
}
