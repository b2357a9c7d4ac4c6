/// One order of `POST /ecommerce/v1/order/add` (seed 004). The body is an array of these.
public struct DatacrushOrder: Codable, Hashable, Sendable {
    public var id: Int
    public var orderNumber: Int
    public var status: String
    /// ISO 4217, lower case in the seed's example.
    public var currencyCode: String
    public var gateway: String
    public var total: Double
    public var discountTotal: Double
    public var shippingTotal: Double
    public var taxTotal: Double
    public var adminUrl: String?
    public var financialStatus: String
    public var source: String
    /// `YYYY-MM-DD`
    public var createdAt: String
    public var items: [Item]
    public var customer: Customer

    public struct Item: Codable, Hashable, Sendable {
        public var id: Int
        public var productId: Int
        public var variantId: Int
        public var quantity: Int
        public var name: String
        public var price: Double

        public init(id: Int, productId: Int, variantId: Int, quantity: Int, name: String, price: Double) {
            self.id = id
            self.productId = productId
            self.variantId = variantId
            self.quantity = quantity
            self.name = name
            self.price = price
        }

        enum CodingKeys: String, CodingKey {
            case id, productId = "product_id", variantId = "variant_id", quantity, name, price
        }
    }

    public struct Customer: Codable, Hashable, Sendable {
        public var id: Int
        public var email: String
        public var firstName: String
        public var lastName: String
        public var source: String

        public init(id: Int, email: String, firstName: String, lastName: String, source: String) {
            self.id = id
            self.email = email
            self.firstName = firstName
            self.lastName = lastName
            self.source = source
        }

        enum CodingKeys: String, CodingKey {
            case id, email, firstName = "first_name", lastName = "last_name", source
        }
    }

    public init(
        id: Int, orderNumber: Int, status: String, currencyCode: String, gateway: String, total: Double,
        discountTotal: Double, shippingTotal: Double, taxTotal: Double, adminUrl: String?, financialStatus: String,
        source: String, createdAt: String, items: [Item], customer: Customer
    ) {
        self.id = id
        self.orderNumber = orderNumber
        self.status = status
        self.currencyCode = currencyCode
        self.gateway = gateway
        self.total = total
        self.discountTotal = discountTotal
        self.shippingTotal = shippingTotal
        self.taxTotal = taxTotal
        self.adminUrl = adminUrl
        self.financialStatus = financialStatus
        self.source = source
        self.createdAt = createdAt
        self.items = items
        self.customer = customer
    }

    enum CodingKeys: String, CodingKey {
        case id, orderNumber = "order_number", status, currencyCode = "currency_code", gateway, total
        case discountTotal = "discount_total", shippingTotal = "shipping_total", taxTotal = "tax_total"
        case adminUrl = "admin_url", financialStatus = "financial_status", source, createdAt = "created_at"
        case items, customer
    }

    /// `admin_url` is written as null rather than dropped, as in the seed.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(orderNumber, forKey: .orderNumber)
        try c.encode(status, forKey: .status)
        try c.encode(currencyCode, forKey: .currencyCode)
        try c.encode(gateway, forKey: .gateway)
        try c.encode(total, forKey: .total)
        try c.encode(discountTotal, forKey: .discountTotal)
        try c.encode(shippingTotal, forKey: .shippingTotal)
        try c.encode(taxTotal, forKey: .taxTotal)
        try c.encode(adminUrl, forKey: .adminUrl)
        try c.encode(financialStatus, forKey: .financialStatus)
        try c.encode(source, forKey: .source)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(items, forKey: .items)
        try c.encode(customer, forKey: .customer)
    }

    /// Seed 004's rule that the types cannot carry, as Datacrush answers it (the sandbox's check):
    /// every order has at least one item and its texts are not empty.
    public func validate() throws(ValidationFailure) {
        if items.isEmpty {
            throw ValidationFailure(.datacrush, DatacrushText.atLeastOneItem, code: Assumed.datacrushInvalidOrderCode, field: "items")
        }
        for (field, value) in [("status", status), ("currency_code", currencyCode), ("created_at", createdAt)]
        where value.isEmpty {
            throw ValidationFailure(.datacrush, DatacrushText.decodeError, code: Assumed.datacrushInvalidOrderCode, field: field)
        }
    }
}

/// Datacrush's answer: `{"result":"success"}` or
/// `{"result":"fail","error":{"code":N,"message":"..."},"error_list":[]}`.
public struct DatacrushResult: Codable, Hashable, Sendable {
    public var result: String
    public var error: ErrorDetail?
    public var errorList: [JSONValue]?

    public struct ErrorDetail: Codable, Hashable, Sendable {
        public var code: Int
        public var message: String
        public init(code: Int, message: String) {
            self.code = code
            self.message = message
        }
    }

    public static let success = DatacrushResult(result: "success", error: nil, errorList: nil)

    public static func fail(code: Int, message: String, errorList: [JSONValue] = []) -> DatacrushResult {
        DatacrushResult(result: "fail", error: ErrorDetail(code: code, message: message), errorList: errorList)
    }

    public init(result: String, error: ErrorDetail?, errorList: [JSONValue]?) {
        self.result = result
        self.error = error
        self.errorList = errorList
    }

    public var isSuccess: Bool { result == "success" }

    enum CodingKeys: String, CodingKey { case result, error, errorList = "error_list" }
}

/// Datacrush's error codes with their texts (seed 004).
public enum DatacrushError {
    public static let decode = (code: 210, message: DatacrushText.decodeError)
    public static let unauthorized = (code: 401, message: DatacrushText.unauthorized)
    public static let forbidden = (code: 403, message: DatacrushText.forbidden)
    public static let internalError = (code: 500, message: DatacrushText.internalError)
}
