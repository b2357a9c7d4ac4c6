import ArgumentParser
import Foundation
import OrderKit

/// `--json` / `--csv` for lists.
struct FormatOptions: ParsableArguments {
    @Flag(name: .long, help: "JSON output.") var json = false
    @Flag(name: .long, help: "CSV output (lists).") var csv = false
}

enum Output {
    /// A plain text table: header, then rows, columns padded to the widest cell. Cells pass the
    /// shared `Sanitizer`, the TUI's rule too, so hostile text reads the same here as on its screen.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let clean = rows.map { $0.map { Sanitizer.clean($0) } }
        var widths = header.map(\.count)
        for row in clean {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], min(cell.count, 40)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let cut = cell.count > 40 ? String(cell.prefix(39)) + "…" : cell
                return index == cells.count - 1 ? cut : cut.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + clean.map(line)).joined(separator: "\n")
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        escapeInvisibles(String(decoding: try JSONEncoderFactory.make(pretty: true).encode(value), as: UTF8.self))
    }

    /// JSON escapes C0 controls but writes DEL, C1 controls and bidi/format characters raw; as
    /// `\uXXXX` they mean the same to a JSON reader and nothing to a terminal. (Outside strings
    /// JSON text is ASCII, so every one of them is inside a string.)
    static func escapeInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            for unit in String(scalar).utf16 { out.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars) }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return (0x7F...0x9F).contains(scalar.value) || category == .format || category == .lineSeparator || category == .paragraphSeparator
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return ISO8601DateFormatter().string(from: date)
    }
}
