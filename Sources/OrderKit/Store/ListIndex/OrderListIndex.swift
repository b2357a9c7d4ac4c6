import Foundation
import Synchronization

/// The orders list as a file (`ListIndexFormat`), memory-mapped: opening it reads its header,
/// and a row costs only the pages it touches, so the first frame reads the first page of rows
/// whatever the cache's size. Immutable: changes after it was written come beside it
/// (`OrderList.changed`), and the store writes a new file when they grow.
public final class OrderListIndex: @unchecked Sendable {
    private let bytes: UnsafeRawBufferPointer
    private let release: @Sendable () -> Void
    /// The file, for reading records with `pread` (-1 in memory). Records are read, not touched
    /// through the mapping: the kernel maps a whole page-cache folio (up to megabytes) per
    /// fault, so rows read at random across a sort would make most of the file resident.
    private let descriptor: Int32

    public let count: Int
    /// The store's list generation the file was written at: rows changed after it are read
    /// from the store beside the file.
    public let generation: Int64
    public let storeId: UUID
    /// The highest rowid of the orders table when the file was written: rows above it are new.
    public let maxRowid: Int64
    public let statuses: [OrderStatus]

    private let channels: UnsafeRawBufferPointer
    private let statusCodes: UnsafeRawBufferPointer
    private let outbox: UnsafeRawBufferPointer
    private let paidKeys: UnsafeRawBufferPointer
    private let defaultOrderBytes: UnsafeRawBufferPointer
    private let searchMaskBytes: UnsafeRawBufferPointer
    private let searchStarts: UnsafeRawBufferPointer
    private let recordStarts: UnsafeRawBufferPointer
    private let records: UnsafeRawBufferPointer
    /// Every row's `ListSearchText`, one after the other.
    public let searchBytes: UnsafeBufferPointer<UInt8>

    public enum OpenError: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .unreadable(let why): "list index unreadable: \(why)"
            case .malformed(let why): "list index malformed: \(why)"
            }
        }
    }

    /// Maps the file read-only. Throws on any header or length that does not add up.
    public convenience init(contentsOf url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OpenError.unreadable(String(cString: strerror(errno))) }
        var info = stat()
        let length = fstat(descriptor, &info) == 0 ? Int(info.st_size) : -1
        guard length >= ListIndexFormat.headerSize,
              let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED
        else {
            let why = length < 0 ? String(cString: strerror(errno)) : nil
            close(descriptor)
            throw why.map(OpenError.unreadable) ?? OpenError.malformed("\(length) bytes")
        }
        nonisolated(unsafe) let mapped = address
        try self.init(bytes: UnsafeRawBufferPointer(start: address, count: length), descriptor: descriptor) {
            munmap(mapped, length)
            close(descriptor)
        }
    }

    /// A copy of `file`'s bytes (an index built in memory).
    public convenience init(file: [UInt8]) throws {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(file.count, 1), alignment: 8)
        file.withUnsafeBytes { copy.copyMemory(from: $0) }
        nonisolated(unsafe) let owned = copy
        try self.init(bytes: UnsafeRawBufferPointer(rebasing: copy[0..<file.count]), descriptor: -1) { owned.deallocate() }
    }

    private init(bytes: UnsafeRawBufferPointer, descriptor: Int32, release: @escaping @Sendable () -> Void) throws {
        self.bytes = bytes
        self.descriptor = descriptor
        self.release = release
        do {
            guard bytes.count >= ListIndexFormat.headerSize, Array(bytes[0..<8]) == ListIndexFormat.magic else { throw OpenError.malformed("not a list index") }
            func int64(_ offset: Int) -> Int64 { Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
            let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: ListIndexFormat.HeaderField.version, as: UInt32.self))
            guard version == ListIndexFormat.version else { throw OpenError.malformed("version \(version)") }
            let sum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: ListIndexFormat.checksumOffset, as: UInt64.self))
            guard sum == ListIndexFormat.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<ListIndexFormat.checksumOffset])) else {
                throw OpenError.malformed("header checksum")
            }
            guard int64(ListIndexFormat.HeaderField.fileLength) == Int64(bytes.count) else {
                throw OpenError.malformed("length \(bytes.count), header says \(int64(ListIndexFormat.HeaderField.fileLength))")
            }
            var uuid = UUID().uuid
            withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[16..<32])) }
            storeId = UUID(uuid: uuid)
            generation = int64(ListIndexFormat.HeaderField.generation)
            maxRowid = int64(ListIndexFormat.HeaderField.maxRowid)
            let rows = int64(ListIndexFormat.HeaderField.count)
            guard rows >= 0, rows < Int64(Int32.max) else { throw OpenError.malformed("\(rows) rows") }
            count = Int(rows)

            let sectionCount = ListIndexFormat.Section.allCases.count
            var starts: [Int] = []
            for index in 0..<sectionCount {
                let start = int64(ListIndexFormat.HeaderField.sections + index * 8)
                guard start >= Int64(ListIndexFormat.headerSize), start <= Int64(bytes.count), start >= Int64(starts.last ?? 0) else {
                    throw OpenError.malformed("section \(index) at \(start)")
                }
                starts.append(Int(start))
            }
            starts.append(bytes.count)
            func section(_ which: ListIndexFormat.Section, size: Int? = nil) throws -> UnsafeRawBufferPointer {
                let start = starts[which.rawValue], end = starts[which.rawValue + 1]
                if let size, end - start < size { throw OpenError.malformed("section \(which) is \(end - start) bytes, needs \(size)") }
                return UnsafeRawBufferPointer(rebasing: bytes[start..<(size.map { start + $0 } ?? end)])
            }
            channels = try section(.channels, size: count * 8)
            statusCodes = try section(.statusCodes, size: count * 2)
            outbox = try section(.outbox, size: count)
            paidKeys = try section(.paidKeys, size: count * 8)
            defaultOrderBytes = try section(.defaultOrder, size: count * 4)
            searchMaskBytes = try section(.searchMasks, size: count * 8)
            searchStarts = try section(.searchStarts, size: (count + 1) * 8)
            recordStarts = try section(.recordStarts, size: (count + 1) * 8)
            let search = try section(.searchBytes)
            records = try section(.recordBytes)
            let searchEnd = Int(UInt64(littleEndian: searchStarts.loadUnaligned(fromByteOffset: count * 8, as: UInt64.self)))
            let recordEnd = Int(UInt64(littleEndian: recordStarts.loadUnaligned(fromByteOffset: count * 8, as: UInt64.self)))
            guard searchEnd <= search.count, recordEnd <= records.count else { throw OpenError.malformed("text past its section") }
            searchBytes = UnsafeBufferPointer(start: search.baseAddress?.assumingMemoryBound(to: UInt8.self), count: searchEnd)

            var reader = ListRecordReader(bytes: try section(.statusTable), offset: 0)
            let statusCount = Int(clamping: reader.varint())
            guard statusCount <= Int(UInt16.max) else { throw OpenError.malformed("\(statusCount) statuses") }
            var statuses: [OrderStatus] = []
            for _ in 0..<statusCount { statuses.append(OrderStatus(rawValue: reader.text())) }
            self.statuses = statuses
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    // MARK: Columns

    public func channel(_ row: Int) -> Int { Int(Int64(littleEndian: channels.loadUnaligned(fromByteOffset: row * 8, as: Int64.self))) }
    public func statusCode(_ row: Int) -> Int { Int(UInt16(littleEndian: statusCodes.loadUnaligned(fromByteOffset: row * 2, as: UInt16.self))) }
    public func status(_ row: Int) -> OrderStatus {
        let code = statusCode(row)
        return code < statuses.count ? statuses[code] : OrderStatus(rawValue: "")
    }
    public func outboxState(_ row: Int) -> OutboxState? { ListIndexFormat.outboxState(outbox[row]) }
    public func paidKey(_ row: Int) -> Int64 { Int64(littleEndian: paidKeys.loadUnaligned(fromByteOffset: row * 8, as: Int64.self)) }
    /// Rows by paid date, newest first (the list's default sort).
    public func defaultOrder(_ position: Int) -> Int32 { Int32(littleEndian: defaultOrderBytes.loadUnaligned(fromByteOffset: position * 4, as: Int32.self)) }
    public var defaultOrder: [Int32] {
        Array(UnsafeBufferPointer(start: defaultOrderBytes.baseAddress?.assumingMemoryBound(to: Int32.self), count: count))
    }

    /// Each row's `SearchByteMask` (8-aligned in a page-aligned mapping: read in place).
    public var searchMasks: UnsafeBufferPointer<UInt64> {
        UnsafeBufferPointer(start: searchMaskBytes.baseAddress?.assumingMemoryBound(to: UInt64.self), count: count)
    }

    /// Each row's start in `searchBytes`, and the end after the last (the section is 8-aligned
    /// in a page-aligned mapping, so it is read in place).
    public var searchStartOffsets: UnsafeBufferPointer<UInt64> {
        UnsafeBufferPointer(start: searchStarts.baseAddress?.assumingMemoryBound(to: UInt64.self), count: count + 1)
    }

    /// The row's record, read from the file (or the memory holding an index built in memory).
    private func withRecord<Result>(_ row: Int, _ body: (inout ListRecordReader) -> Result) -> Result {
        let start = min(Int(UInt64(littleEndian: recordStarts.loadUnaligned(fromByteOffset: row * 8, as: UInt64.self))), records.count)
        let end = min(max(start, Int(UInt64(littleEndian: recordStarts.loadUnaligned(fromByteOffset: (row + 1) * 8, as: UInt64.self)))), records.count)
        guard descriptor >= 0, let recordsStart = records.baseAddress, let fileStart = bytes.baseAddress else {
            var reader = ListRecordReader(bytes: UnsafeRawBufferPointer(rebasing: records[start..<end]), offset: 0)
            return body(&reader)
        }
        let fileOffset = off_t(recordsStart - fileStart + start)
        return withUnsafeTemporaryAllocation(byteCount: end - start, alignment: 1) { buffer in
            var done = 0
            while done < buffer.count {
                let read = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, fileOffset + off_t(done))
                if read > 0 { done += read } else if read < 0 && errno == EINTR { continue } else { break }
            }
            // (A read cut short, the file having been truncated under us, decodes as empty texts.)
            var reader = ListRecordReader(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<done]), offset: 0)
            return body(&reader)
        }
    }

    /// Rows decoded lately, in slots by row number: a frame draws the same few dozen rows a key
    /// press before, and reading and decoding them again made every move cost ~0.3 ms more than
    /// rows in memory. A row replaces the one in its slot: emptying a full table at once (512
    /// rows' strings released in one key press) made paging slower than no table.
    private let recentSummaries = Mutex<[(row: Int, summary: OrderSummary)?]>(Array(repeating: nil, count: OrderListIndex.recentSlots))
    private static let recentSlots = 512

    /// The row, decoded.
    public func summary(_ row: Int) -> OrderSummary {
        let slot = row % Self.recentSlots
        if let recent = recentSummaries.withLock({ $0[slot] }), recent.row == row { return recent.summary }
        let summary = withRecord(row) { $0.summary(channel: channel(row), status: status(row), outboxState: outboxState(row)) }
        recentSummaries.withLock { $0[slot] = (row, summary) }
        return summary
    }

    public func key(_ row: Int) -> OrderKey {
        OrderKey(idChannel: channel(row), idOrder: withRecord(row) { $0.text() })
    }

    /// The row holding `key`, by binary search over the rows' key order.
    public func row(of key: OrderKey) -> Int? {
        var low = 0, high = count
        var id = key.idOrder
        return id.withUTF8 { id -> Int? in
            while low < high {
                let middle = (low + high) / 2
                let order = compare(row: middle, channel: key.idChannel, id: UnsafeRawBufferPointer(id))
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// The row's key against (channel, id): negative, zero or positive.
    private func compare(row: Int, channel: Int, id: UnsafeRawBufferPointer) -> Int {
        let rowChannel = self.channel(row)
        if rowChannel != channel { return rowChannel < channel ? -1 : 1 }
        return withRecord(row) { reader in
            let rowId = reader.idBytes()
            let common = min(rowId.count, id.count)
            if common > 0, let a = rowId.baseAddress, let b = id.baseAddress {
                let result = memcmp(a, b, common)
                if result != 0 { return Int(result) }
            }
            return rowId.count - id.count
        }
    }
}
