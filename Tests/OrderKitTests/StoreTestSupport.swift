import Foundation
@testable import OrderKit

/// Helpers shared by the Store* tests.
enum StoreTestSupport {
    /// A fresh directory under the system temp dir; the database goes one level deeper so the
    /// store has to create its parent directory.
    static func temporaryDatabasePath(_ name: String = "state.sqlite") -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("orderdesk-store-tests-\(UUID().uuidString)", isDirectory: true)
        return (directory, directory.appendingPathComponent("profile/\(name)").path)
    }

    static func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }

    /// One order as Yuju sends it, with fields OrderDesk does not model (`vendor_extra`,
    /// `items[].vendor_item_note`) so tests can check they survive.
    static func orderJSON(
        channel: Int = 4301, id: String, status: String = "ready_to_ship", paidAt: String = "2024-05-02T10:00:00",
        customer: (String, String) = ("Ana", "Pérez"), carrier: String? = nil,
        items: [(id: String, sku: String, status: String)]? = [("1", "sku1", "ready_to_ship"), ("2", "sku2", "ready_to_ship")]
    ) -> String {
        var fields: [String] = [
            "\"id_shop\":7", "\"id_channel\":\(channel)", "\"id_order\":\"\(id)\"", "\"status\":\"\(status)\"",
            "\"order_created_at\":\"2024-05-01T09:00:00\"", "\"payment_accredited_at\":\"\(paidAt)\"",
            "\"currency\":\"MXN\"", "\"total\":199.9",
            "\"customer\":{\"first_name\":\"\(customer.0)\",\"last_name\":\"\(customer.1)\",\"email\":\"ana@example.com\"}",
            "\"vendor_extra\":{\"claims\":[],\"flag\":true}",
        ]
        if let carrier { fields.append("\"carrier\":\"\(carrier)\"") }
        if let items {
            let itemTexts = items.map { item in
                "{\"id_item\":\"\(item.id)\",\"sku\":\"\(item.sku)\",\"name\":\"Playera \(item.sku)\",\"quantity\":1,"
                    + "\"price\":99.95,\"status\":\"\(item.status)\",\"vendor_item_note\":\"keep me\"}"
            }
            fields.append("\"items\":[\(itemTexts.joined(separator: ","))]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func stored(_ json: String) throws -> StoredOrder {
        try StoredOrder(raw: Data(json.utf8))
    }

    static func rawObject(_ stored: StoredOrder) throws -> [String: JSONValue] {
        guard case .object(let fields) = try JSONDecoder().decode(JSONValue.self, from: stored.raw) else { return [:] }
        return fields
    }

    static func outbound(pk: String, channel: Int = 4301, order: String, createdAt: String, status: String, reference: String = "ref") -> OutboundRecord {
        OutboundRecord(
            orderIntExternalPk: pk, createdAt: createdAt, updatedAt: createdAt, idChannel: channel, idOrder: order, idShop: nil,
            moduleName: "wms", extra: ["tracking": "ABC"], reference: reference, message: "msg \(status)", status: status,
            type: "order", actions: [])
    }

    static func writeFile(_ text: String, in directory: URL, name: String = "report.json") throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
