import Foundation

/// One Yuju order in the channel's "normal" structure (`GET /orders/`, report files). Fields
/// OrderDesk does not model are kept by whoever stores the raw JSON beside this value.
public struct YujuOrder: Codable, Hashable, Sendable, Identifiable {
    public var idShop: Int?
    public var idChannel: Int
    public var idOrder: String
    public var status: OrderStatus
    public var orderCreatedAt: String?
    public var orderUpdatedAt: String?
    public var paymentAccreditedAt: String?
    public var currency: String?
    public var total: Double?
    public var paidTotal: Double?
    public var shippingCost: Double?
    public var notes: String?
    public var carrier: String?
    public var customer: Customer?
    public var billingAddress: JSONValue?
    /// Absent in `basic` report files.
    public var items: [Item]?
    public var actions: [JSONValue]?

    public var id: OrderKey { OrderKey(idChannel: idChannel, idOrder: idOrder) }

    public struct Customer: Codable, Hashable, Sendable {
        public var firstName: String?
        public var lastName: String?
        public var email: String?
        public var phone: String?

        public init(firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.phone = phone
        }

        public var fullName: String {
            [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        }

        enum CodingKeys: String, CodingKey {
            case firstName = "first_name", lastName = "last_name", email, phone
        }
    }

    public struct Item: Codable, Hashable, Sendable {
        public var idItem: String
        public var sku: String?
        public var name: String?
        public var quantity: Int?
        public var price: Double?
        public var status: OrderStatus?

        public init(idItem: String, sku: String? = nil, name: String? = nil, quantity: Int? = nil, price: Double? = nil, status: OrderStatus? = nil) {
            self.idItem = idItem
            self.sku = sku
            self.name = name
            self.quantity = quantity
            self.price = price
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case idItem = "id_item", sku, name, quantity, price, status
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            idItem = try c.decodeLenientString(forKey: .idItem)
            sku = try c.decodeLenientStringIfPresent(forKey: .sku)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            quantity = try c.decodeIfPresent(Int.self, forKey: .quantity)
            price = try c.decodeLenientDoubleIfPresent(forKey: .price)
            status = try c.decodeIfPresent(String.self, forKey: .status).map(OrderStatus.init(rawValue:))
        }

        /// The value to send in `id_items` by default (`Assumed.yujuItemIds`).
        public var wireId: String { wireId(Assumed.yujuItemIds) }

        /// The value to send in `id_items` as `[yuju] item_ids` says: the SKU when there is one,
        /// else the id; or always the id.
        public func wireId(_ field: ItemIdField) -> String {
            switch field {
            case .sku: sku ?? idItem
            case .idItem: idItem
            }
        }
    }

    public init(
        idShop: Int? = nil, idChannel: Int, idOrder: String, status: OrderStatus,
        orderCreatedAt: String? = nil, orderUpdatedAt: String? = nil, paymentAccreditedAt: String? = nil,
        currency: String? = nil, total: Double? = nil, paidTotal: Double? = nil, shippingCost: Double? = nil,
        notes: String? = nil, carrier: String? = nil, customer: Customer? = nil, billingAddress: JSONValue? = nil,
        items: [Item]? = nil, actions: [JSONValue]? = nil
    ) {
        self.idShop = idShop
        self.idChannel = idChannel
        self.idOrder = idOrder
        self.status = status
        self.orderCreatedAt = orderCreatedAt
        self.orderUpdatedAt = orderUpdatedAt
        self.paymentAccreditedAt = paymentAccreditedAt
        self.currency = currency
        self.total = total
        self.paidTotal = paidTotal
        self.shippingCost = shippingCost
        self.notes = notes
        self.carrier = carrier
        self.customer = customer
        self.billingAddress = billingAddress
        self.items = items
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey {
        case idShop = "id_shop", idChannel = "id_channel", idOrder = "id_order", status
        case orderCreatedAt = "order_created_at", orderUpdatedAt = "order_updated_at"
        case paymentAccreditedAt = "payment_accredited_at", currency, total
        case paidTotal = "paid_total", shippingCost = "shipping_cost", notes, carrier, customer
        case billingAddress = "billing_address", items, actions
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        idShop = try? c.decodeIfPresent(Int.self, forKey: .idShop)
        idChannel = try Int(c.decodeLenientString(forKey: .idChannel)).orThrow(
            DecodingError.dataCorruptedError(forKey: .idChannel, in: c, debugDescription: "id_channel is not an integer"))
        idOrder = try c.decodeLenientString(forKey: .idOrder)
        // Statuses are read as the plain strings OrderStatus wraps, without a nested decoder.
        status = OrderStatus(rawValue: try c.decode(String.self, forKey: .status))
        orderCreatedAt = try c.decodeIfPresent(String.self, forKey: .orderCreatedAt)
        orderUpdatedAt = try c.decodeIfPresent(String.self, forKey: .orderUpdatedAt)
        paymentAccreditedAt = try c.decodeIfPresent(String.self, forKey: .paymentAccreditedAt)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        total = try c.decodeLenientDoubleIfPresent(forKey: .total)
        paidTotal = try c.decodeLenientDoubleIfPresent(forKey: .paidTotal)
        shippingCost = try c.decodeLenientDoubleIfPresent(forKey: .shippingCost)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        carrier = try c.decodeIfPresent(String.self, forKey: .carrier)
        customer = try c.decodeIfPresent(Customer.self, forKey: .customer)
        items = try c.decodeIfPresent([Item].self, forKey: .items)
        if decoder.userInfo[Self.skipFreeFormFields] as? Bool == true {
            billingAddress = nil
            actions = nil
            _ = try c.decodeIfPresent([SkippedValue].self, forKey: .actions)   // still must be an array
        } else {
            billingAddress = try c.decodeIfPresent(JSONValue.self, forKey: .billingAddress)
            actions = try c.decodeIfPresent([JSONValue].self, forKey: .actions)
        }
    }

    /// Set to `true` in a decoder's `userInfo` to leave `billingAddress` and `actions` nil: building
    /// those free-form trees is a quarter of decoding an order, and a report import, which keeps
    /// the raw JSON beside the list columns, never reads them. Every other field is decoded and
    /// checked as usual (`actions` must still be an array).
    public static let skipFreeFormFields = CodingUserInfoKey(rawValue: "orderdesk.yuju-order.skip-free-form-fields")!

    /// Any JSON value, consumed without building anything.
    private struct SkippedValue: Decodable {
        init(from decoder: Decoder) throws {}
    }

    /// Number of item lines, what the list's Items column shows (nil when the items were not
    /// loaded).
    public var lineCount: Int? { items?.count }

    /// Number of units across items (nil when the items were not loaded). Saturates instead of
    /// trapping when a vendor sends absurd quantities.
    public var itemCount: Int? {
        items.map { items in
            items.reduce(0) { total, item in
                let quantity = item.quantity ?? 1
                let (sum, overflow) = total.addingReportingOverflow(quantity)
                return overflow ? (quantity > 0 ? Int.max : Int.min) : sum
            }
        }
    }
}

/// An order's identity: `id_order` is unique only together with its channel.
public struct OrderKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var idChannel: Int
    public var idOrder: String

    public init(idChannel: Int, idOrder: String) {
        self.idChannel = idChannel
        self.idOrder = idOrder
    }

    public static func < (lhs: OrderKey, rhs: OrderKey) -> Bool {
        (lhs.idChannel, lhs.idOrder) < (rhs.idChannel, rhs.idOrder)
    }

    public var description: String { "\(idChannel)/\(idOrder)" }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
