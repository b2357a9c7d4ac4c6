import Foundation

/// Writes a list index (`ListIndexFormat`): the rows' columns, search text and records appended
/// as they come, in key order, or in any order with the key order given before writing
/// (`placeInKeyOrder`), which lets a rebuild read the store's table front to back instead of
/// seeking every row through the key index.
struct ListIndexBuilder {
    private let storeId: UUID
    private let generation: Int64
    private let maxRowid: Int64

    private var channels: [Int64] = []
    private var statusCodes: [UInt16] = []
    private var outbox: [UInt8] = []
    private var paidKeys: [Int64] = []
    private var searchMasks: [UInt64] = []
    private var searchStarts: [UInt64] = [0]
    private var recordStarts: [UInt64] = [0]
    private var search: [UInt8] = []
    private var records = ListRecordWriter()
    private var statusTable: [OrderStatus] = []
    private var statusCode: [OrderStatus: UInt16] = [:]
    private var lastKey: OrderKey?
    /// When rows came in another order: the appended row at each key-order position.
    private var keyOrder: [Int32]?

    enum BuildError: Error, CustomStringConvertible {
        case outOfOrder(OrderKey, after: OrderKey)
        case tooManyStatuses
        case notAPermutation

        var description: String {
            switch self {
            case .outOfOrder(let key, let previous): "list index rows out of key order: \(key) after \(previous)"
            case .tooManyStatuses: "more than 65,535 distinct statuses"
            case .notAPermutation: "list index key order does not place every row once"
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
        searchMasks.reserveCapacity(expectedRows)
        searchStarts.reserveCapacity(expectedRows + 1)
        recordStarts.reserveCapacity(expectedRows + 1)
        search.reserveCapacity(expectedRows * 64)
        records.bytes.reserveCapacity(expectedRows * 112)
    }

    var count: Int { channels.count }

    /// Appends a row; keys must come in `ListKeyOrder`, each once, unless `checkOrder` is false
    /// and `placeInKeyOrder` gives their order before the file is written.
    mutating func append(_ summary: OrderSummary, checkOrder: Bool = true) throws {
        if checkOrder {
            if let lastKey, !ListKeyOrder.less(lastKey, summary.key) { throw BuildError.outOfOrder(summary.key, after: lastKey) }
            lastKey = summary.key
        }
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
        searchMasks.append(SearchByteMask.mask(search[Int(searchStarts.last!)...]))
        searchStarts.append(UInt64(search.count))
        records.summary(summary)
        recordStarts.append(UInt64(records.bytes.count))
    }

    /// Rows appended out of key order: `order[position]` is the appended row (0-based) that
    /// belongs at `position`. Every row exactly once.
    mutating func placeInKeyOrder(_ order: [Int32]) throws {
        guard order.count == count else { throw BuildError.notAPermutation }
        var seen = [Bool](repeating: false, count: count)
        for row in order {
            guard row >= 0, Int(row) < count, !seen[Int(row)] else { throw BuildError.notAPermutation }
            seen[Int(row)] = true
        }
        keyOrder = order
    }

    /// The appended row at key-order position `position`.
    private func appended(_ position: Int) -> Int { keyOrder.map { Int($0[position]) } ?? position }

    private func inKeyOrder<T>(_ values: [T]) -> [T] { keyOrder.map { $0.map { values[Int($0)] } } ?? values }

    /// Newest paid first, ties by key descending; by the paid text when a date has another shape.
    private func defaultOrder(paidKeys: [Int64]) -> [Int32] {
        if let order = paidKeys.withUnsafeBufferPointer({ ListSortOrder.byKey($0, descending: true) }) { return order }
        var texts: [String] = []
        texts.reserveCapacity(count)
        records.bytes.withUnsafeBytes { bytes in
            for row in 0..<count {
                var reader = ListRecordReader(bytes: bytes, offset: Int(recordStarts[appended(row)]))
                _ = reader.text()
                let paid = reader.optionalText(), created = reader.optionalText()
                texts.append(paid ?? created ?? "")
            }
        }
        return ListSortOrder.byComparable(texts, descending: true, tieLess: <)
    }

    /// A section's bytes: held whole, or gathered row by row from the appended bytes when rows
    /// came out of key order (never copied whole a second time).
    private enum Part {
        case bytes([UInt8])
        case gathered(from: [UInt8], starts: [UInt64], order: [Int32], count: Int)

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .gathered(_, _, _, let count): count
            }
        }

        /// The bytes in pieces of about `chunk` bytes, in order.
        func forEachPiece(chunk: Int, _ body: ([UInt8]) throws -> Void) rethrows {
            switch self {
            case .bytes(let bytes):
                try body(bytes)
            case .gathered(let source, let starts, let order, _):
                var piece: [UInt8] = []
                piece.reserveCapacity(chunk + 4_096)
                for row in order {
                    piece += source[Int(starts[Int(row)])..<Int(starts[Int(row) + 1])]
                    if piece.count >= chunk { try body(piece); piece.removeAll(keepingCapacity: true) }
                }
                if !piece.isEmpty { try body(piece) }
            }
        }
    }

    /// Each row's start in bytes laid out in key order, and the end.
    private func startsInKeyOrder(_ starts: [UInt64]) -> [UInt64] {
        guard let keyOrder else { return starts }
        var placed: [UInt64] = [0]
        placed.reserveCapacity(starts.count)
        for row in keyOrder { placed.append(placed.last! + starts[Int(row) + 1] - starts[Int(row)]) }
        return placed
    }

    private func bytesInKeyOrder(_ bytes: [UInt8], starts: [UInt64]) -> Part {
        guard let keyOrder else { return .bytes(bytes) }
        return .gathered(from: bytes, starts: starts, order: keyOrder, count: bytes.count)
    }

    /// The file's bytes, section by section (the header first), each with the zeros that align
    /// the next: written in turn, never joined into one buffer.
    private func sections() -> [(part: Part, padding: Int)] {
        var statusWriter = ListRecordWriter()
        statusWriter.varint(UInt64(statusTable.count))
        for status in statusTable { statusWriter.text(status.rawValue) }
        let placedPaidKeys = inKeyOrder(paidKeys)
        let parts: [Part] = [
            .bytes(Self.bytes(of: inKeyOrder(channels))), .bytes(Self.bytes(of: inKeyOrder(statusCodes))), .bytes(inKeyOrder(outbox)),
            .bytes(Self.bytes(of: placedPaidKeys)), .bytes(Self.bytes(of: defaultOrder(paidKeys: placedPaidKeys))),
            .bytes(Self.bytes(of: inKeyOrder(searchMasks))),
            .bytes(Self.bytes(of: startsInKeyOrder(searchStarts))), .bytes(Self.bytes(of: startsInKeyOrder(recordStarts))),
            .bytes(statusWriter.bytes), bytesInKeyOrder(search, starts: searchStarts), bytesInKeyOrder(records.bytes, starts: recordStarts),
        ]
        var header = [UInt8](repeating: 0, count: ListIndexFormat.headerSize)
        var offset = ListIndexFormat.headerSize
        var padded: [(part: Part, padding: Int)] = []
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
        return [(.bytes(header), 0)] + padded
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
        for section in sections() {
            section.part.forEachPiece(chunk: 1 << 20) { file += $0 }
            file += [UInt8](repeating: 0, count: section.padding)
        }
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
                try section.part.forEachPiece(chunk: 1 << 20) { try handle.write(contentsOf: $0) }
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
