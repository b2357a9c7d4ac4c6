import Foundation

/// Reads a report element of the plain, common shape straight from its bytes into the same
/// `YujuOrder` that `JSONDecoder` gives with `YujuOrder.skipFreeFormFields` — or answers nil, and
/// the importer decodes the element with `JSONDecoder`.
///
/// Why: `JSONDecoder` was two thirds of a 100,000-order import's CPU (a keyed container, its
/// dictionary and generic lookups per object and per item), and the import must take under 3 s.
///
/// It is strict on purpose: it only says yes when the answer is certain. Anything unusual — an
/// escape in a modelled string, a number with an exponent or too many digits, a float where an
/// integer goes, a repeated field, invalid UTF-8, deep nesting — gives nil, so whatever it
/// accepts, `JSONDecoder` accepts too, with the same result (FuzzedDecoderTests checks both).
/// Unmodelled fields and the free-form ones are checked for valid JSON and skipped.
enum PlainOrderReader {
    static func read(_ data: Data) -> YujuOrder? {
        data.withUnsafeBytes { raw in
            var reader = Reader(raw.bindMemory(to: UInt8.self))
            guard let order = reader.order() else { return nil }
            reader.skipWhitespace()
            return reader.atEnd ? order : nil
        }
    }

    /// Gives up (nil) rather than guess; every function advances only on success.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0
        var depth = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { at >= bytes.count }

        mutating func skipWhitespace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        /// Consumes `byte` after whitespace.
        mutating func take(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        mutating func peek() -> UInt8? {
            skipWhitespace()
            return at < bytes.count ? bytes[at] : nil
        }

        // MARK: The order

        mutating func order() -> YujuOrder? {
            var order = YujuOrder(idChannel: 0, idOrder: "", status: "")
            let seen = fields(Field.names) { reader, field in
                switch Field(rawValue: field)! {
                case .idShop:
                    // `try? decodeIfPresent(Int.self)`: an integer, else nil for a string or null.
                    switch reader.peek() {
                    case UInt8(ascii: "\""): return reader.skipString()
                    case UInt8(ascii: "n"): return reader.literal("null")
                    default:
                        guard let value = reader.integer() else { return false }
                        order.idShop = value
                        return true
                    }
                case .idChannel:
                    guard let text = reader.lenientString(), let channel = Int(text) else { return false }
                    order.idChannel = channel
                    return true
                case .idOrder:
                    guard let text = reader.lenientString() else { return false }
                    order.idOrder = text
                    return true
                case .status:
                    guard let text = reader.string() else { return false }
                    order.status = OrderStatus(rawValue: text)
                    return true
                case .orderCreatedAt: return reader.optionalString(into: &order.orderCreatedAt)
                case .orderUpdatedAt: return reader.optionalString(into: &order.orderUpdatedAt)
                case .paymentAccreditedAt: return reader.optionalString(into: &order.paymentAccreditedAt)
                case .currency: return reader.optionalString(into: &order.currency)
                case .notes: return reader.optionalString(into: &order.notes)
                case .carrier: return reader.optionalString(into: &order.carrier)
                case .total: return reader.optionalLenientDouble(into: &order.total)
                case .paidTotal: return reader.optionalLenientDouble(into: &order.paidTotal)
                case .shippingCost: return reader.optionalLenientDouble(into: &order.shippingCost)
                case .customer:
                    if reader.peek() == UInt8(ascii: "n") { return reader.literal("null") }
                    guard let customer = reader.customer() else { return false }
                    order.customer = customer
                    return true
                case .items:
                    if reader.peek() == UInt8(ascii: "n") { return reader.literal("null") }
                    guard let items = reader.items() else { return false }
                    order.items = items
                    return true
                case .billingAddress:
                    return reader.skipValue()
                case .actions:
                    // Must be an array (or null); its contents are not read.
                    guard reader.peek() == UInt8(ascii: "[") || reader.peek() == UInt8(ascii: "n") else { return false }
                    return reader.skipValue()
                }
            }
            let required: UInt32 = 1 << Field.idChannel.rawValue | 1 << Field.idOrder.rawValue | 1 << Field.status.rawValue
            guard let seen, seen & required == required else { return nil }
            return order
        }

        /// YujuOrder's coding keys, by position in `names`.
        enum Field: Int {
            case idShop, idChannel, idOrder, status, orderCreatedAt, orderUpdatedAt, paymentAccreditedAt, currency, total
            case paidTotal, shippingCost, notes, carrier, customer, billingAddress, items, actions

            static let names = keys("id_shop", "id_channel", "id_order", "status", "order_created_at", "order_updated_at",
                                    "payment_accredited_at", "currency", "total", "paid_total", "shipping_cost", "notes",
                                    "carrier", "customer", "billing_address", "items", "actions")
        }

        static let customerNames = keys("first_name", "last_name", "email", "phone")
        static let itemNames = keys("id_item", "sku", "name", "quantity", "price", "status")

        static func keys(_ names: String...) -> [[UInt8]] { names.map { Array($0.utf8) } }

        /// The position in `names` of the key at `range`, if it is one of them.
        func match(_ range: Range<Int>, _ names: [[UInt8]]) -> Int? {
            let count = range.count
            for (index, name) in names.enumerated() where name.count == count {
                var same = true
                for offset in 0..<count where bytes[range.lowerBound + offset] != name[offset] {
                    same = false
                    break
                }
                if same { return index }
            }
            return nil
        }

        mutating func customer() -> YujuOrder.Customer? {
            var customer = YujuOrder.Customer()
            let seen = fields(Self.customerNames) { reader, field in
                switch field {
                case 0: return reader.optionalString(into: &customer.firstName)
                case 1: return reader.optionalString(into: &customer.lastName)
                case 2: return reader.optionalString(into: &customer.email)
                default: return reader.optionalString(into: &customer.phone)
                }
            }
            return seen != nil ? customer : nil
        }

        mutating func items() -> [YujuOrder.Item]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var items: [YujuOrder.Item] = []
            if take(UInt8(ascii: "]")) { return items }
            repeat {
                guard let item = item() else { return nil }
                items.append(item)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? items : nil
        }

        mutating func item() -> YujuOrder.Item? {
            var item = YujuOrder.Item(idItem: "")
            let seen = fields(Self.itemNames) { reader, field in
                switch field {
                case 0:
                    guard let text = reader.lenientString() else { return false }
                    item.idItem = text
                    return true
                case 1:
                    if reader.peek() == UInt8(ascii: "n") { return reader.literal("null") }
                    guard let text = reader.lenientString() else { return false }
                    item.sku = text
                    return true
                case 2: return reader.optionalString(into: &item.name)
                case 3:
                    if reader.peek() == UInt8(ascii: "n") { return reader.literal("null") }
                    guard let quantity = reader.integer() else { return false }
                    item.quantity = quantity
                    return true
                case 4: return reader.optionalLenientDouble(into: &item.price)
                default:
                    var status: String?
                    guard reader.optionalString(into: &status) else { return false }
                    item.status = status.map(OrderStatus.init(rawValue:))
                    return true
                }
            }
            return (seen ?? 0) & 1 != 0 ? item : nil   // id_item is required
        }

        // MARK: Values of the modelled fields

        /// An object whose keys in `names` are read by `field` (given the key's position in
        /// `names`); other keys are checked and skipped, a key given twice is refused. The keys
        /// read, as bits by position; nil if the object is not plain.
        mutating func fields(_ names: [[UInt8]], _ field: (inout Reader, Int) -> Bool) -> UInt32? {
            var seen: UInt32 = 0
            let complete = object { reader, key in
                guard let index = reader.match(key, names) else { return reader.skipValue() }
                guard seen & (1 << index) == 0 else { return false }
                seen |= 1 << index
                return field(&reader, index)
            }
            return complete ? seen : nil
        }

        /// `{ "key": value, ... }`, `field` reading each value; keys must be plain strings.
        mutating func object(_ field: (inout Reader, Range<Int>) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { return false }
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                guard let key = plainString(), take(UInt8(ascii: ":")), field(&self, key) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// The bytes of a string without escapes or control characters, in valid UTF-8.
        mutating func plainString() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            var ascii = true
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    guard ascii || Self.isValidUTF8(bytes, start..<at) else { return nil }
                    at += 1
                    return start..<(at - 1)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                at += 1
            }
            return nil
        }

        mutating func string() -> String? {
            plainString().map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }

        /// `decodeIfPresent(String.self)`: a string or null.
        mutating func optionalString(into value: inout String?) -> Bool {
            if peek() == UInt8(ascii: "n") { value = nil; return literal("null") }
            guard let text = string() else { return false }
            value = text
            return true
        }

        /// `LenientString`: a string as it is, or an integer as its digits.
        mutating func lenientString() -> String? {
            if peek() == UInt8(ascii: "\"") { return string() }
            return integer().map { String($0) }
        }

        /// `decodeLenientDoubleIfPresent`: a number, a numeric string, or null.
        mutating func optionalLenientDouble(into value: inout Double?) -> Bool {
            switch peek() {
            case UInt8(ascii: "n"):
                value = nil
                return literal("null")
            case UInt8(ascii: "\""):
                guard let text = string(), let number = Double(text), number.isFinite else { return false }
                value = number
                return true
            default:
                guard let text = numberText(), let number = Double(text) else { return false }
                value = number
                return true
            }
        }

        /// An integer literal of at most 15 digits, not "-0".
        mutating func integer() -> Int? {
            let start = at
            guard let range = numberRange() else { return nil }
            var value = 0
            var negative = false
            for index in range {
                let byte = bytes[index]
                if byte == UInt8(ascii: "-") { negative = true; continue }
                guard byte != UInt8(ascii: ".") else { at = start; return nil }
                value = value * 10 + Int(byte &- 0x30)
            }
            guard !(negative && value == 0) else { at = start; return nil }
            return negative ? -value : value
        }

        mutating func numberText() -> String? {
            numberRange().map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 15 digits in all (exactly representable,
        /// read the same by every correct parser); no exponent.
        mutating func numberRange() -> Range<Int>? {
            skipWhitespace()
            let start = at
            var digits = 0
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] &- 0x30 < 10 }
            guard digit(at) else { at = start; return nil }
            if bytes[at] == UInt8(ascii: "0") {
                at += 1
                digits += 1
            } else {
                while digit(at) { at += 1; digits += 1 }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digit(at) else { at = start; return nil }
                while digit(at) { at += 1; digits += 1 }
            }
            if at < bytes.count, let next = Optional(bytes[at]),
               next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || next &- 0x30 < 10 || next == UInt8(ascii: ".") {
                at = start
                return nil
            }
            guard digits <= 15 else { at = start; return nil }
            return start..<at
        }

        mutating func literal(_ word: StaticString) -> Bool {
            skipWhitespace()
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count else { return false }
            for i in 0..<count where bytes[at + i] != word.utf8Start[i] { return false }
            at += count
            return true
        }

        // MARK: Values skipped

        static let maxDepth = 64

        /// Any JSON value, checked and passed over. Strings may hold the simple escapes (not
        /// \u, whose surrogate rules are left to JSONDecoder).
        mutating func skipValue() -> Bool {
            switch peek() {
            case UInt8(ascii: "\"")?: return skipString()
            case UInt8(ascii: "{")?: return object { reader, _ in reader.skipValue() }
            case UInt8(ascii: "[")?:
                at += 1
                depth += 1
                defer { depth -= 1 }
                guard depth <= Self.maxDepth else { return false }
                if take(UInt8(ascii: "]")) { return true }
                repeat {
                    guard skipValue() else { return false }
                } while take(UInt8(ascii: ","))
                return take(UInt8(ascii: "]"))
            case UInt8(ascii: "t")?: return literal("true")
            case UInt8(ascii: "f")?: return literal("false")
            case UInt8(ascii: "n")?: return literal("null")
            default: return numberRange() != nil
            }
        }

        mutating func skipString() -> Bool {
            guard take(UInt8(ascii: "\"")) else { return false }
            let start = at
            var ascii = true
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    at += 1
                    return ascii || Self.isValidUTF8(bytes, start..<(at - 1))
                }
                if byte < 0x20 { return false }
                if byte >= 0x80 { ascii = false }
                if byte == UInt8(ascii: "\\") {
                    guard at + 1 < bytes.count, Self.simpleEscapes.contains(bytes[at + 1]) else { return false }
                    at += 2
                    continue
                }
                at += 1
            }
            return false
        }

        static let simpleEscapes = Array("\"\\/bfnrt".utf8)

        /// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or values
        /// past U+10FFFF.
        static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
            var index = range.lowerBound
            while index < range.upperBound {
                let lead = bytes[index]
                if lead < 0x80 { index += 1; continue }
                let (count, smallest, bits): (Int, UInt32, UInt8) =
                    lead & 0xE0 == 0xC0 ? (1, 0x80, 0x1F) : lead & 0xF0 == 0xE0 ? (2, 0x800, 0x0F) : lead & 0xF8 == 0xF0 ? (3, 0x10000, 0x07) : (0, 0, 0)
                guard count > 0, index + count < range.upperBound else { return false }
                var scalar = UInt32(lead & bits)
                for offset in 1...count {
                    let next = bytes[index + offset]
                    guard next & 0xC0 == 0x80 else { return false }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                guard scalar >= smallest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
                index += count + 1
            }
            return true
        }
    }
}
