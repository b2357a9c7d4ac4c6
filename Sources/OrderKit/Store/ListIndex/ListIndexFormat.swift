import Foundation

/// The layout of a list index file (`OrderListIndex`), shared by its builder and its reader.
///
/// A 256-byte header, then sections aligned to 8 bytes. Rows are in key order (channel, then the
/// id's UTF-8 bytes, as SQLite's unique index orders them), so a key is found by binary search.
///
///     header   magic, version, store id, generation, row count, max rowid, section offsets,
///              file length, and an FNV-1a checksum of the header itself
///     channels      Int64 × n
///     statusCodes   UInt16 × n: index into the status table
///     outbox        UInt8 × n: 0 none, else `OutboxState.allCases` index + 1
///     paidKeys      Int64 × n: `PaidSortKey`
///     defaultOrder  Int32 × n: rows by paid date, newest first, ties by key descending
///     searchMasks   UInt64 × n: `SearchByteMask` of each row's search text
///     searchStarts  UInt64 × (n + 1): each row's `ListSearchText` in searchBytes
///     recordStarts  UInt64 × (n + 1): each row's record in recordBytes
///     statusTable   count, then the statuses' texts
///     searchBytes
///     recordBytes   per row: id, paid, created, customer, e-mail, phone, item lines, total,
///                   currency, carrier, latest outbound status, SKUs, references
enum ListIndexFormat {
    static let magic: [UInt8] = Array("ODLIST01".utf8)
    static let version: UInt32 = 2
    static let headerSize = 256
    static let checksumOffset = 248

    enum Section: Int, CaseIterable {
        case channels, statusCodes, outbox, paidKeys, defaultOrder, searchMasks, searchStarts, recordStarts, statusTable, searchBytes,
             recordBytes
    }

    enum HeaderField {
        static let version = 8
        static let storeId = 16
        static let generation = 32
        static let count = 40
        static let maxRowid = 48
        static let sections = 56
        static var fileLength: Int { sections + Section.allCases.count * 8 }
    }

    static func aligned(_ offset: Int) -> Int { (offset + 7) & ~7 }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func outboxCode(_ state: OutboxState?) -> UInt8 {
        guard let state, let index = OutboxState.allCases.firstIndex(of: state) else { return 0 }
        return UInt8(index + 1)
    }

    static func outboxState(_ code: UInt8) -> OutboxState? {
        code == 0 || Int(code) > OutboxState.allCases.count ? nil : OutboxState.allCases[Int(code) - 1]
    }
}

/// Appends varints, texts and numbers to a byte array (the records and the status table).
struct ListRecordWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func text(_ text: String) {
        varint(UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    /// nil as 0, a text as its length + 1.
    mutating func optionalText(_ text: String?) {
        guard let text else { return varint(0) }
        varint(UInt64(text.utf8.count) + 1)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func texts(_ texts: [String]) {
        varint(UInt64(texts.count))
        for text in texts { self.text(text) }
    }

    mutating func integer(_ value: Int) {
        varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1)))))
    }

    mutating func optionalDouble(_ value: Double?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func summary(_ summary: OrderSummary) {
        text(summary.key.idOrder)
        optionalText(summary.paidAt)
        optionalText(summary.createdAt)
        text(summary.customer)
        text(summary.email)
        text(summary.phone)
        integer(summary.itemCount)
        optionalDouble(summary.total)
        optionalText(summary.currency)
        optionalText(summary.carrier)
        optionalText(summary.latestOutboundStatus)
        texts(summary.skus)
        texts(summary.references)
    }
}

/// Reads what `ListRecordWriter` wrote. The bytes were checked when the file was opened (header,
/// lengths); a record cut short reads as empty texts rather than past its end.
struct ListRecordReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    mutating func varint() -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    private mutating func utf8(count: Int) -> String {
        let end = min(bytes.count, offset + count)
        defer { offset = end }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    mutating func text() -> String { utf8(count: Int(clamping: varint())) }

    mutating func optionalText() -> String? {
        let length = varint()
        return length == 0 ? nil : utf8(count: Int(clamping: length - 1))
    }

    mutating func texts() -> [String] {
        let count = Int(clamping: varint())
        var texts: [String] = []
        texts.reserveCapacity(min(count, 64))
        for _ in 0..<count where offset < bytes.count { texts.append(text()) }
        return texts
    }

    mutating func integer() -> Int {
        let raw = varint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func optionalDouble() -> Double? {
        guard offset < bytes.count else { return nil }
        let flag = bytes[offset]
        offset += 1
        guard flag == 1, offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// The id alone: the first field.
    mutating func idBytes() -> UnsafeRawBufferPointer {
        let count = Int(clamping: varint())
        let end = min(bytes.count, offset + count)
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    }

    mutating func summary(channel: Int, status: OrderStatus, outboxState: OutboxState?) -> OrderSummary {
        let id = text()
        let paidAt = optionalText(), createdAt = optionalText()
        let customer = text(), email = text(), phone = text()
        let itemCount = integer()
        let total = optionalDouble()
        let currency = optionalText(), carrier = optionalText(), latestOutbound = optionalText()
        let skus = texts(), references = texts()
        return OrderSummary(
            key: OrderKey(idChannel: channel, idOrder: id), status: status, paidAt: paidAt, createdAt: createdAt,
            customer: customer, email: email, phone: phone, itemCount: itemCount, total: total, currency: currency,
            carrier: carrier, latestOutboundStatus: latestOutbound, skus: skus, references: references, outboxState: outboxState)
    }
}
