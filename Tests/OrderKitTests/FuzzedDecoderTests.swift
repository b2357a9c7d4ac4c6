import Foundation
@testable import OrderKit
import Testing

/// quality.md, "malformed / truncated / huge responses (fuzzed)": every decoder of a vendor
/// answer gets every truncation of a valid body, seeded random mutations and extreme values. Each
/// input must decode or throw, never trap; what decodes must also survive what OrderDesk does
/// with it next (summaries, the store, error texts). A trap ends the test process, so a crash
/// here shows as the whole run dying.
@Suite struct FuzzedDecoderTests {
    /// One decoder of a vendor answer, with a valid body to mutate.
    struct Target: CustomTestStringConvertible, Sendable {
        var name: String
        var valid: String
        var decode: @Sendable (Data) throws -> Void
        /// False for readers that answer nil instead of throwing (the error-body reader).
        var refusesBadInput = true
        var testDescription: String { name }

        init(name: String, valid: String, refusesBadInput: Bool = true, decode: @escaping @Sendable (Data) throws -> Void) {
            self.name = name
            self.valid = valid.trimmingCharacters(in: .whitespacesAndNewlines)
            self.refusesBadInput = refusesBadInput
            self.decode = decode
        }
    }

    static let order = StoreTestSupport.orderJSON(id: "50032", carrier: "DHL")

    static let targets: [Target] = [
        Target(name: "YujuOrder", valid: order) { data in
            let order = try JSONDecoderFactory.make().decode(YujuOrder.self, from: data)
            try FuzzedDecoderTests.consume(order, raw: data)
        },
        Target(name: "[OutboundRecord]", valid: "[" + fixture("seed000_outbound_response") + "]") { data in
            let records = try JSONDecoderFactory.make().decode([OutboundRecord].self, from: data)
            for record in records { _ = record.actions.map(\.decodedParams); _ = try JSONEncoderFactory.make().encode(record) }
        },
        Target(name: "StatusChangeResponse", valid: fixture("seed001_status_response")) { data in
            _ = try JSONDecoderFactory.make().decode(StatusChangeResponse.self, from: data)
        },
        Target(name: "ReportCreated", valid: fixture("seed002_report_created")) { data in
            _ = try JSONDecoderFactory.make().decode(ReportCreated.self, from: data)
        },
        Target(name: "ReportProgress", valid: #"{"id_report":"7a966b0a498649c69ebcfd71f5cbb519","status":"COMPLETED","url":"http://127.0.0.1:1/f.json"}"#) { data in
            _ = try JSONDecoderFactory.make().decode(ReportProgress.self, from: data)
        },
        Target(name: "BridgeAckResponse", valid: #"{"ack":0,"message":"El cambio de estado para la orden: bridge0000000294 se ejecutó con éxito"}"#) { data in
            let ack = try JSONDecoderFactory.make().decode(BridgeAckResponse.self, from: data)
            _ = BridgeText.internalNumber(inChangeMessage: ack.message)
        },
        Target(name: "BridgeStatusResponse", valid: #"{"ack":0,"message":"-","currentStatus":"confirmed","currentStatusName":"confirmado","history":[{"initialState":"open","finalState":"confirmed","createdDate":"2025-06-10 10:05:00"}]}"#) { data in
            _ = try JSONDecoderFactory.make().decode(BridgeStatusResponse.self, from: data)
        },
        Target(name: "BridgeLoginResponse", valid: #"{"ack":0,"token":"eyJhbGciOi.x.y"}"#) { data in
            _ = try JSONDecoderFactory.make().decode(BridgeLoginResponse.self, from: data)
        },
        Target(name: "DatacrushResult", valid: fixture("seed004_fail")) { data in
            _ = try JSONDecoderFactory.make().decode(DatacrushResult.self, from: data)
        },
        Target(name: "error body message", valid: fixture("seed001_status_error"), refusesBadInput: false) { data in
            if let message = VendorBody.message(in: data) {
                _ = YujuText.minutesInReportLimit(message)
            }
        },
    ]

    static func fixture(_ name: String) -> String {
        (try? Fixture.data(name)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// What happens to a decoded order next: its list summary, the store, the CLI's JSON.
    static func consume(_ order: YujuOrder, raw: Data) throws {
        let summary = OrderSummary(order: order)
        _ = summary.itemCount
        guard let store = store else { return }
        try store.upsertOrders([StoredOrder(raw: raw)])
        _ = try store.allSummaries()
        _ = try JSONEncoderFactory.make().encode(order)
    }

    /// One store for every decoded order (opening one per input costs its migrations).
    static let store = try? OrderStore.inMemory()

    /// Decodes and reports whether it worked; a trap would end the process instead.
    static func attempt(_ target: Target, _ data: Data) -> Bool {
        do { try target.decode(data); return true } catch { return false }
    }

    @Test(arguments: targets)
    func validBodiesDecode(_ target: Target) {
        #expect(Self.attempt(target, Data(target.valid.utf8)), "the unmutated body must decode")
    }

    @Test(arguments: targets)
    func everyTruncationIsAnErrorNeverACrash(_ target: Target) {
        let bytes = Array(target.valid.utf8)
        var decoded = 0
        for length in 0..<bytes.count where Self.attempt(target, Data(bytes[..<length])) { decoded += 1 }
        // A JSON object or array cut short is never valid JSON.
        if target.refusesBadInput { #expect(decoded == 0, "\(decoded) truncations decoded") }
    }

    /// 400 mutations per decoder in `swift test`; `scripts/reliability-fuzz.sh` sets
    /// ORDERDESK_FUZZ_ITERATIONS (and ORDERDESK_FUZZ_SEED for fresh inputs) for long runs.
    static let iterations = ProcessInfo.processInfo.environment["ORDERDESK_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 400
    static let seed = ProcessInfo.processInfo.environment["ORDERDESK_FUZZ_SEED"].flatMap(UInt64.init) ?? 0

    @Test(arguments: targets)
    func seededMutationsNeverCrash(_ target: Target) {
        var random = SplitMix64(seed: Self.seed &+ UInt64(truncatingIfNeeded: target.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        let bytes = Array(target.valid.utf8)
        var outcomes = [0, 0]
        for _ in 0..<Self.iterations {
            let mutated = Self.mutate(bytes, &random)
            outcomes[Self.attempt(target, Data(mutated)) ? 1 : 0] += 1
        }
        if target.refusesBadInput { #expect(outcomes[0] > 0, "some mutations must be refused") }
    }

    /// Values at the edges of every type, in every field of the order and the records.
    static let extremes: [String] = [
        "null", "true", "0", "-1", "1e308", "-1e308", "1e-320", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "18446744073709551616", "1.7976931348623157e308", "\"\"", "\"1e400\"", "\"NaN\"",
        "\"-Infinity\"", "\"9223372036854775808\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
        "\"\\u0000\\u001b[2J\\u009b\\u202e\"", "\"\\ud800\"", "\"" + String(repeating: "x", count: 100_000) + "\"",
    ]

    @Test func extremeValuesInEveryOrderFieldNeverCrash() throws {
        let fields = ["id_shop", "id_channel", "id_order", "status", "order_created_at", "payment_accredited_at",
                      "currency", "total", "paid_total", "shipping_cost", "notes", "carrier", "customer", "billing_address",
                      "items", "actions"]
        let itemFields = ["id_item", "sku", "name", "quantity", "price", "status"]
        let target = Self.targets[0]
        for value in Self.extremes {
            for field in fields { _ = Self.attempt(target, Data(Self.replacing(field, with: value, in: Self.order).utf8)) }
            for field in itemFields {
                // Every item gets the value: sums over items (the item count) see it twice.
                let text = Self.order.replacingOccurrences(
                    of: #""\#(field)":("[^"]*"|[0-9.]+)"#, with: "\"\(field)\":\(value)", options: String.CompareOptions.regularExpression)
                _ = Self.attempt(target, Data(text.utf8))
            }
        }
        // The two quantities that overflow an Int when added.
        let overflow = Self.order.replacingOccurrences(of: #""quantity":1"#, with: #""quantity":9223372036854775807"#)
        #expect(Self.attempt(target, Data(overflow.utf8)))
        let order = try JSONDecoderFactory.make().decode(YujuOrder.self, from: Data(overflow.utf8))
        #expect(order.itemCount == Int.max, "saturates rather than traps")
    }

    /// An order with free-form fields for the import decoding to skip.
    static let orderWithFreeFormFields = String(order.dropLast())
        + #","billing_address":{"address1":"Calle Hidalgo 1371","zip":"44334","geo":[20.67,-103.35],"po_box":null},"#
        + #""actions":[{"name":"request_http","params":"{\"a\":1}","result":true,"message":"Reintento"}]}"#

    /// A report import decodes with `YujuOrder.skipFreeFormFields`. It must accept and refuse
    /// what the full decoding does and give the same order, except that only the full decoding
    /// looks inside `billing_address` and `actions` (and may refuse what it finds there).
    @Test func importDecodingAgreesWithFullDecoding() throws {
        let full = JSONDecoderFactory.make()
        let lean = JSONDecoderFactory.make()
        lean.userInfo[YujuOrder.skipFreeFormFields] = true
        var random = SplitMix64(seed: Self.seed &+ 0x1397)
        let bytes = Array(Self.orderWithFreeFormFields.utf8)
        var outcomes = (bothRead: 0, bothRefused: 0, onlyLeanRead: 0)
        for attempt in 0..<(Self.iterations * 5) {
            let data = Data(attempt == 0 ? bytes : Self.mutate(bytes, &random))
            switch (Result { try full.decode(YujuOrder.self, from: data) }, Result { try lean.decode(YujuOrder.self, from: data) }) {
            case (.success(var order), .success(let leanOrder)):
                outcomes.bothRead += 1
                #expect(leanOrder.billingAddress == nil && leanOrder.actions == nil)
                order.billingAddress = nil
                order.actions = nil
                #expect(order == leanOrder, "\(String(decoding: data, as: UTF8.self))")
            case (.failure, .failure):
                outcomes.bothRefused += 1
            case (.failure(let error), .success):
                outcomes.onlyLeanRead += 1
                let field = Self.codingPath(of: error).first?.stringValue
                #expect(field == "billing_address" || field == "actions", "only the full decoding refused: \(error)")
            case (.success, .failure(let error)):
                Issue.record("only the import decoding refused \(String(decoding: data, as: UTF8.self)): \(error)")
            }
        }
        #expect(outcomes.bothRead > 0 && outcomes.bothRefused > 0)

        // The one known difference, and what both still refuse.
        let hugeNumber = Self.orderWithFreeFormFields.replacingOccurrences(of: "20.67", with: "1e400")
        #expect(throws: DecodingError.self) { try full.decode(YujuOrder.self, from: Data(hugeNumber.utf8)) }
        #expect(try lean.decode(YujuOrder.self, from: Data(hugeNumber.utf8)).id == OrderKey(idChannel: 4301, idOrder: "50032"))
        let actionsNotAList = Self.replacing("actions", with: "{}", in: Self.orderWithFreeFormFields)
        #expect(throws: DecodingError.self) { try lean.decode(YujuOrder.self, from: Data(actionsNotAList.utf8)) }
    }

    /// Orders of the shapes a report holds, for PlainOrderReader: the sandbox's (numbers for
    /// prices, free-form billing address), numeric ids, nulls, empty and absent items, unmodelled
    /// fields with escapes and non-ASCII text.
    static let plainShapes: [String] = [
        orderWithFreeFormFields,
        #"{"actions":[],"billing_address":{"address1":"Calle Hidalgo 1371","city":"Rosario","zip":"44334"},"currency":"MXN","customer":{"email":"valentina@correo.example.mx","first_name":"Valentina","last_name":"López","phone":"+52 33 9500 3778"},"id_channel":4308,"id_order":"12345","id_shop":512,"items":[{"id_item":"1","name":"Sartén antiadherente","price":540,"quantity":1,"sku":"sku1","status":"pending"},{"id_item":"2","name":"Sombrero de paja","price":239.5,"quantity":4,"sku":"sku2","status":"pending"}],"notes":"","order_created_at":"2026-10-23T12:55:18","order_updated_at":"2026-10-23T14:36:45","paid_total":1666,"payment_accredited_at":"2026-10-23T14:36:45","shipping_cost":170,"status":"pending","total":1666}"#,
        #"{ "id_channel" : "4301", "id_order" : 50032, "status" : "shipped", "id_shop" : "7", "total" : "199.90", "paid_total" : null, "carrier" : null, "customer" : null, "items" : [ { "id_item" : 7, "sku" : 123, "quantity" : null, "price" : "0.5", "status" : null } ], "actions" : null }"#,
        #"{"id_channel":1,"id_order":"A-1","status":"pending","items":[],"extra":{"note":"tab\there \"quoted\" \\ \/ ünï 🚚","list":[1,-2.5,true,false,null,{}]},"customer":{"first_name":"Zoë","vendor_id":99}}"#,
        #"{"id_channel":1,"id_order":"A-2","status":"canceled","items":null,"notes":null}"#,
    ]

    /// PlainOrderReader reads the plain elements of an import without JSONDecoder. Whatever it
    /// reads, JSONDecoder with `skipFreeFormFields` must read identically; what it leaves (nil)
    /// goes to JSONDecoder. It must also take the plain shapes, or it saves nothing.
    @Test func plainOrderReaderAgreesWithJSONDecoder() {
        let lean = JSONDecoderFactory.make()
        lean.userInfo[YujuOrder.skipFreeFormFields] = true
        var read = 0, left = 0
        func check(_ data: Data) {
            guard let fast = PlainOrderReader.read(data) else { left += 1; return }
            read += 1
            let text = String(decoding: data, as: UTF8.self)
            do {
                let decoded = try lean.decode(YujuOrder.self, from: data)
                #expect(fast == decoded, "\(text)")
            } catch {
                Issue.record("PlainOrderReader read what JSONDecoder refuses (\(error)): \(text)")
            }
        }
        for shape in Self.plainShapes {
            #expect(PlainOrderReader.read(Data(shape.utf8)) != nil, "a plain shape must be read: \(shape)")
            check(Data(shape.utf8))
        }
        // Left to JSONDecoder: each of these is unusual in one way.
        let base = Self.plainShapes[1]
        let unusual = [
            base.replacingOccurrences(of: #""Valentina""#, with: #""Valen\u0074ina""#),
            base.replacingOccurrences(of: #""price":540"#, with: #""price":5.4e2"#),
            base.replacingOccurrences(of: #""quantity":1"#, with: #""quantity":1.0"#),
            base.replacingOccurrences(of: #""id_order":"12345""#, with: #""id_order":-0"#),
            base.replacingOccurrences(of: #""status":"pending","total""#, with: #""status":"pending","status":"shipped","total""#),
            base.replacingOccurrences(of: #""total":1666"#, with: #""total":1234567890123456"#),
            base.replacingOccurrences(of: #""total":1666"#, with: #""total":"NaN""#),
        ]
        for text in unusual {
            #expect(PlainOrderReader.read(Data(text.utf8)) == nil, "\(text)")
        }
        var random = SplitMix64(seed: Self.seed &+ 0x9A1F)
        for shape in Self.plainShapes {
            let bytes = Array(shape.utf8)
            for _ in 0..<(Self.iterations * 3) { check(Data(Self.mutate(bytes, &random))) }
            for value in Self.extremes {
                for field in ["id_shop", "id_channel", "id_order", "status", "total", "customer", "items", "actions", "sku", "quantity",
                              "price", "id_item", "first_name", "billing_address"] {
                    check(Data(Self.replacing(field, with: value, in: shape).utf8))
                }
            }
        }
        #expect(read > Self.iterations && left > Self.iterations, "read \(read), left \(left)")
    }

    static func codingPath(of error: any Error) -> [any CodingKey] {
        switch error as? DecodingError {
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .keyNotFound(_, let context)?, .dataCorrupted(let context)?:
            context.codingPath
        default: []
        }
    }

    @Test func extremeValuesInEveryOutboundFieldNeverCrash() {
        let valid = Self.targets[1].valid
        let fields = ["order_int_external_pk", "created_at", "updated_at", "id_channel", "id_order", "id_shop", "module_name",
                      "extra", "reference", "message", "status", "type", "actions", "params", "id", "result", "name"]
        for value in Self.extremes {
            for field in fields { _ = Self.attempt(Self.targets[1], Data(Self.replacing(field, with: value, in: valid).utf8)) }
        }
    }

    @Test func hugeAndDeepBodiesAreRefusedOrReadWithoutCrashing() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let deepObject = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        for target in Self.targets where target.refusesBadInput {
            #expect(!Self.attempt(target, Data(deep.utf8)))
            #expect(!Self.attempt(target, Data(deepObject.utf8)))
        }
        // Deep nesting inside a free-form field (billing_address is any JSON).
        let nested = Self.replacing("billing_address", with: deepObject, in: Self.order)
        _ = Self.attempt(Self.targets[0], Data(nested.utf8))
        // 5,000 items and a 2 MB note: read, summarised and stored.
        let item = #"{"id_item":"1","sku":"S","name":"n","quantity":1,"price":1,"status":"pending"}"#
        let many = Self.replacing("items", with: "[" + Array(repeating: item, count: 5_000).joined(separator: ",") + "]", in: Self.order)
        #expect(Self.attempt(Self.targets[0], Data(many.utf8)))
        let longNote = Self.replacing("notes", with: "\"" + String(repeating: "ñ\\u001b[1m", count: 200_000) + "\"",
                                      in: Self.order.replacingOccurrences(of: "\"currency\"", with: "\"notes\":\"\",\"currency\""))
        #expect(Self.attempt(Self.targets[0], Data(longNote.utf8)))
    }

    @Test func reportLimitTextWithAbsurdMinutesStaysWithinTheDay() {
        let text = "Este endpoint tiene un límite de 5 ejecuciones en un rango de 24 horas. Podrás volver a ejecutarlo dentro de "
        #expect(YujuText.minutesInReportLimit(text + "99999999999999999999 minutos.") != nil)
        #expect((YujuText.minutesInReportLimit(text + "9000000000000000000 minutos.") ?? 0) <= 24 * 60)
        #expect(YujuText.minutesInReportLimit(text + "17 minutos.") == 17)
    }

    @Test func retryAfterIsANumberOfSecondsWithinReason() {
        func parse(_ header: String) -> Double? {
            TransportResponse(status: 429, headers: ["Retry-After": header]).retryAfter
        }
        #expect(parse("2") == 2)
        #expect(parse(" 1.5 ") == 1.5)
        for junk in ["nan", "NaN", "inf", "-inf", "infinity", "-1", "soon", "", "Wed, 32 Oct 2015 07:28:00 GMT"] {
            #expect(parse(junk) == nil, "\(junk)")
        }
        // An HTTP date: the time until then, 0 once it has passed (found: not read at all).
        let now = Date(timeIntervalSince1970: 1_445_412_470) // 2015-10-21T07:27:50Z
        #expect(TransportResponse(status: 429, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]).retryAfter(now: now) == 10)
        #expect(parse("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        for huge in ["1e300", "99999999999999999999", "1e20"] {
            let value = parse(huge)
            #expect(value != nil && value! <= TransportResponse.maxRetryAfter, "\(huge)")
        }
    }

    // MARK: Helpers

    /// Replaces the value of the first `"field":` in `json` (a string, number, literal, or a
    /// balanced object/array) with `value`.
    static func replacing(_ field: String, with value: String, in json: String) -> String {
        let bytes = Array(json.utf8)
        let marker = Array("\"\(field)\":".utf8)
        guard let start = (0...(bytes.count - marker.count)).first(where: { Array(bytes[$0..<$0 + marker.count]) == marker }) else { return json }
        let valueStart = start + marker.count
        var end = valueStart
        var depth = 0, inString = false, escaped = false
        while end < bytes.count {
            let byte = bytes[end]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { end += 1; break }
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                if depth == 0 { break }
                depth -= 1
                if depth == 0 { end += 1; break }
            } else if byte == UInt8(ascii: ","), depth == 0 {
                break
            }
            end += 1
        }
        return String(decoding: bytes[..<valueStart], as: UTF8.self) + value + String(decoding: bytes[end...], as: UTF8.self)
    }

    static let tokens: [[UInt8]] = ["null", "1e308", "-0", "\"\\u0000\"", "\"\\u001b]52;c;eA==\\u0007\"", "[]", "{}", "true",
                                     "9223372036854775808", "\"", "\\", ",", ":", "{", "]", "\u{FF}\u{FE}", "\"\\ud83d\""].map { Array($0.utf8) }

    /// One random edit: flip a byte, drop a range, repeat a range, or splice in a token.
    static func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.below(3)) {
            guard !bytes.isEmpty else { return tokens[random.below(tokens.count)] }
            let at = random.below(bytes.count)
            switch random.below(5) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(16)))
            case 2:
                let end = min(bytes.count, at + 1 + random.below(32))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            case 3: bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: at)
            default:
                // Replace a value after a colon with a token: keeps the document mostly valid.
                if let colon = bytes[at...].firstIndex(of: UInt8(ascii: ":")) {
                    let valueEnd = bytes[(colon + 1)...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") } ?? bytes.count
                    bytes.replaceSubrange((colon + 1)..<valueEnd, with: tokens[random.below(tokens.count)])
                }
            }
        }
        return bytes
    }
}
