import Foundation
import SwiftCSV

/// `status set --file`: a CSV with the header `id_order,id_channel,status,carrier,items`
/// (items `;`-separated, carrier and items may be empty). Every row is checked; all problems
/// are reported together, each with its line number.
public enum StatusChangeFile {
    public static let columns = ["id_order", "id_channel", "status", "carrier", "items"]

    public struct RowError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible, LocalizedError {
        public var errors: [RowError]
        public var description: String { "\(errors.count) invalid row\(errors.count == 1 ? "" : "s"); nothing was queued" }
        public var errorDescription: String? { description }
    }

    public static func parse(contentsOf url: URL) throws -> [StatusChangeRequest] {
        try parse(String(contentsOf: url, encoding: .utf8))
    }

    public static func parse(_ text: String) throws -> [StatusChangeRequest] {
        let csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
        let missing = ["id_order", "id_channel", "status"].filter { !csv.header.contains($0) }
        guard missing.isEmpty else {
            throw Invalid(errors: [RowError(line: 1, message: "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header must be \(columns.joined(separator: ",")))")])
        }
        var changes: [StatusChangeRequest] = []
        var errors: [RowError] = []
        for (index, row) in csv.rows.enumerated() {
            let line = index + 2
            func field(_ name: String) -> String? {
                let value = row[name]?.trimmingCharacters(in: .whitespaces) ?? ""
                return value.isEmpty ? nil : value
            }
            guard let channelText = field("id_channel") else {
                errors.append(RowError(line: line, message: Assumed.idChannelRequired))
                continue
            }
            guard let channel = Int(channelText) else {
                errors.append(RowError(line: line, message: "id_channel \(channelText) is not an integer"))
                continue
            }
            let items = field("items")?.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let change = StatusChangeRequest(
                idOrder: field("id_order") ?? "", idChannel: channel, status: OrderStatus(field("status") ?? ""),
                carrier: field("carrier"), idItems: items?.isEmpty == false ? items : nil)
            do {
                try change.validate()
                changes.append(change)
            } catch {
                errors.append(RowError(line: line, message: error.description))
            }
        }
        guard errors.isEmpty else { throw Invalid(errors: errors) }
        return changes
    }
}
