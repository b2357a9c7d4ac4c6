/// How Yuju orders become Datacrush orders (`spec/api.md`, "Mapping between systems"). Datacrush
/// ids are integers and `order/add` upserts by `id`, while Yuju ids are unique only within a
/// channel and are not always numeric: every id is therefore derived from what identifies the
/// thing in Yuju, the same on every machine and after a reinstall, never from a local counter.
extension Assumed {
    public enum DatacrushIds {
        /// Every id is a 64-bit FNV-1a hash of a labelled text (`order:4301:50032`), folded into
        /// [1, 2^53): stable across processes and platforms, unlike Swift's seeded `Hasher`, and
        /// exact for consumers that read JSON numbers as doubles. Two of a million orders share an
        /// id with a chance of about 1 in 18,000; `order_number` keeps the readable number.
        static let largestExact: UInt64 = 1 << 53

        /// The Datacrush order `id`: distinct for the same `id_order` on two channels.
        public static func order(channel: Int, idOrder: String) -> Int {
            hashed("order:\(channel):\(idOrder)")
        }

        /// `order_number`: the numeric `id_order`, or its leading digits (`21972602301-A` →
        /// 21972602301); with no leading digits, the order's Datacrush id.
        public static func orderNumber(channel: Int, idOrder: String) -> Int {
            let digits = idOrder.prefix(while: \.isASCIIDigit)
            if !digits.isEmpty, digits.count <= 15, let number = Int(digits) { return number }
            return order(channel: channel, idOrder: idOrder)
        }

        /// One customer id per customer: from the email (trimmed, lower case) where there is one;
        /// otherwise the customer of that one order.
        public static func customer(email: String?, channel: Int, idOrder: String) -> Int {
            let email = (email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            return email.isEmpty ? hashed("customer-of:\(channel):\(idOrder)") : hashed("customer:\(email)")
        }

        /// `product_id` and `variant_id`: a SKU names one variant of one product (Yuju sends no
        /// product grouping), so both come from the whole SKU. Without a SKU, the item of that
        /// channel.
        public static func product(sku: String?, channel: Int, idItem: String) -> Int {
            if let sku, !sku.isEmpty { return hashed("sku:\(sku)") }
            return hashed("item:\(channel):\(idItem)")
        }

        /// The line `id` within the order: the numeric `id_item`, else its hash.
        public static func item(idItem: String) -> Int {
            if let number = Int(idItem), number >= 0, UInt64(number) < largestExact { return number }
            return hashed("item-id:\(idItem)")
        }

        static func hashed(_ text: String) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            return Int(1 + hash % (largestExact - 1))
        }
    }

    /// Yuju carries no payment gateway, discount or tax: `gateway` is "yuju", the two totals 0.
    public static let datacrushGateway = "yuju"
    /// `financial_status` is "paid" once Yuju has a `payment_accredited_at`, else "pending".
    public static let datacrushPaidStatus = "paid"
    public static let datacrushUnpaidStatus = "pending"
    /// Datacrush's `error_list` has no documented shape: an entry is read as an object with the
    /// order `id` and a `message` (what the sandbox sends), or as a bare text.
    public static let datacrushErrorListShape = #"{"id": <order id>, "message": "..."}"#
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
