import Foundation

/// Writes a list index (`ListIndexFormat`) from summaries given in key order: one pass over the
/// rows, their columns, search text and records appended as they come.
struct ListIndexBuilder {
    private let storeId: UUID
    private let generation: Int64
    private let maxRowid: Int64

    private var channels: [Int64] = []
    private var statusCodes: [UInt16] = []
    private var outbox: [UInt8] = []
    private var paidKeys: [Int64] = []
    private var searchStarts: [UInt64] = [0]
    private var recordStarts: [UInt64] = [0]
    private var search: [UInt8] = []
    private var records = ListRecordWriter()
    private var statusTable: [OrderStatus] = []
    private var statusCode: [OrderStatus: UInt16] = [:]
    private var lastKey: OrderKey?

    enum BuildError: Error, CustomStringConvertible {
        case outOfOrder(OrderKey, after: OrderKey)
        case tooManyStatuses

        var description: String {
            switch self {
            case .outOfOrder(let key, let previous): "list index rows out of key order: \(key) after \(previous)"
            case .tooManyStatuses: "more than 65,535 distinct statuses"
            }
        }
    }

    init(storeId: UUID, generation: Int64, maxRowid: Int64, expectedRows: Int = 0) {
        self.storeId = storeId
        self.generation = generation
        self.maxRowid = maxRowid
        channels.reserveCapacity(expectedRows)
        statusCodes.reserveCapacity(expectedRows)
        outbox.reserveCapacity(expectedRows)
        paidKeys.reserveCapacity(expectedRows)
        searchStarts.reserveCapacity(expectedRows + 1)
        recordStarts.reserveCapacity(expectedRows + 1)
        search.reserveCapacity(expectedRows * 64)
        records.bytes.reserveCapacity(expectedRows * 112)
    }

    var count: Int { channels.count }

    /// Appends a row; keys must come in `ListKeyOrder`, each once.
    mutating func append(_ summary: OrderSummary) throws {
        if let lastKey, !ListKeyOrder.less(lastKey, summary.key) { throw BuildError.outOfOrder(summary.key, after: lastKey) }
        lastKey = summary.key
        channels.append(Int64(summary.key.idChannel))
        if let code = statusCode[summary.status] {
            statusCodes.append(code)
        } else {
            guard statusTable.count < Int(UInt16.max) else { throw BuildError.tooManyStatuses }
            let code = UInt16(statusTable.count)
            statusTable.append(summary.status)
            statusCode[summary.status] = code
            statusCodes.append(code)
        }
        outbox.append(ListIndexFormat.outboxCode(summary.outboxState))
        paidKeys.append(PaidSortKey.key(summary))
        ListSearchText.append(summary, to: &search)
        searchStarts.append(UInt64(search.count))
        records.summary(summary)
        recordStarts.append(UInt64(records.bytes.count))
    }

    /// Newest paid first, ties by key descending; by the paid text when a date has another shape.
    private func defaultOrder() -> [Int32] {
        if let order = paidKeys.withUnsafeBufferPointer({ ListSortOrder.byKey($0, descending: true) }) { return order }
        var texts: [String] = []
        texts.reserveCapacity(count)
        records.bytes.withUnsafeBytes { bytes in
            for row in 0..<count {
                var reader = ListRecordReader(bytes: bytes, offset: Int(recordStarts[row]))
                _ = reader.text()
                let paid = reader.optionalText(), created = reader.optionalText()
                texts.append(paid ?? created ?? "")
            }
        }
        return ListSortOrder.byComparable(texts, descending: true, tieLess: <)
    }

    /// The file's bytes, section by section (the header first), each with the zeros that align
    /// the next: written in turn, never joined into one buffer.
    private func sections() -> [(bytes: [UInt8], padding: Int)] {
        var statusWriter = ListRecordWriter()
        statusWriter.varint(UInt64(statusTable.count))
        for status in statusTable { statusWriter.text(status.rawValue) }
        let parts: [[UInt8]] = [
            Self.bytes(of: channels), Self.bytes(of: statusCodes), outbox, Self.bytes(of: paidKeys),
            Self.bytes(of: defaultOrder()), Self.bytes(of: searchStarts), Self.bytes(of: recordStarts),
            statusWriter.bytes, search, records.bytes,
        ]
        var header = [UInt8](repeating: 0, count: ListIndexFormat.headerSize)
        var offset = ListIndexFormat.headerSize
        var padded: [(bytes: [UInt8], padding: Int)] = []
        header.withUnsafeMutableBytes { header in
            ListIndexFormat.magic.withUnsafeBytes { header.copyMemory(from: $0) }
            header.storeBytes(of: ListIndexFormat.version.littleEndian, toByteOffset: ListIndexFormat.HeaderField.version, as: UInt32.self)
            withUnsafeBytes(of: storeId.uuid) { uuid in
                for (index, byte) in uuid.enumerated() { header[ListIndexFormat.HeaderField.storeId + index] = byte }
            }
            header.storeBytes(of: generation.littleEndian, toByteOffset: ListIndexFormat.HeaderField.generation, as: Int64.self)
            header.storeBytes(of: Int64(count).littleEndian, toByteOffset: ListIndexFormat.HeaderField.count, as: Int64.self)
            header.storeBytes(of: maxRowid.littleEndian, toByteOffset: ListIndexFormat.HeaderField.maxRowid, as: Int64.self)
            for (index, part) in parts.enumerated() {
                header.storeBytes(of: Int64(offset).littleEndian, toByteOffset: ListIndexFormat.HeaderField.sections + index * 8, as: Int64.self)
                let end = offset + part.count
                padded.append((part, ListIndexFormat.aligned(end) - end))
                offset = ListIndexFormat.aligned(end)
            }
            header.storeBytes(of: Int64(offset).littleEndian, toByteOffset: ListIndexFormat.HeaderField.fileLength, as: Int64.self)
            let sum = ListIndexFormat.checksum(UnsafeRawBufferPointer(rebasing: header[0..<ListIndexFormat.checksumOffset]))
            header.storeBytes(of: sum.littleEndian, toByteOffset: ListIndexFormat.checksumOffset, as: UInt64.self)
        }
        return [(header, 0)] + padded
    }

    /// Files a killed writer left half written (`.<name>.<pid>.<random>`, its process gone).
    static func removeAbandonedFiles(beside url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: ".")
            guard let pid = parts.first.flatMap({ pid_t($0) }), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    private static func bytes<T: FixedWidthInteger>(of values: [T]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }   // (little-endian machines only: Linux x86-64 and arm64)
    }

    /// The whole file in memory (tests and in-memory stores).
    func build() -> [UInt8] {
        var file: [UInt8] = []
        for section in sections() { file += section.bytes + [UInt8](repeating: 0, count: section.padding) }
        return file
    }

    /// Writes the file beside `url` and renames it into place, so a reader sees the old file or
    /// the new one, whole, whatever happens to this process.
    func write(to url: URL) throws {
        Self.removeAbandonedFiles(beside: url)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8))")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            for section in sections() {
                try handle.write(contentsOf: section.bytes)
                try handle.write(contentsOf: [UInt8](repeating: 0, count: section.padding))
            }
            try handle.synchronize()
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// The order of rows in a list index: channel, then the id's UTF-8 bytes (SQLite's BINARY
/// collation, so the store's unique index gives the rows in this order).
public enum ListKeyOrder {
    public static func less(_ a: OrderKey, _ b: OrderKey) -> Bool {
        if a.idChannel != b.idChannel { return a.idChannel < b.idChannel }
        return a.idOrder.utf8.lexicographicallyPrecedes(b.idOrder.utf8)
    }
}
