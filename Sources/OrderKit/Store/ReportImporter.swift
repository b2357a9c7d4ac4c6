import Foundation
import GRDB

/// What a report file import did.
public struct ImportSummary: Sendable, Hashable {
    /// Orders written to the cache.
    public var orders: Int
    /// Id strings read (an `only_ids` report: no order is cached).
    public var ids: Int
    /// Those ids, in the file's order; kept by the report run so they can be refreshed.
    public var idList: [String] = []
    /// Elements that could not be read as an order.
    public var skipped: Int
    /// The first few problems, each with the element's index and byte offset.
    public var errors: [String]

    public init(orders: Int = 0, ids: Int = 0, skipped: Int = 0, errors: [String] = []) {
        self.orders = orders
        self.ids = ids
        self.skipped = skipped
        self.errors = errors
    }
}

/// Why a report file could not be imported to the end. Orders of the batches before the
/// problem stay cached: they are valid orders, just not all of them.
public enum ReportImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAnArray(path: String, byteOffset: Int)
    case truncated(path: String, byteOffset: Int, elements: Int, ordersImported: Int)
    case dataAfterArray(path: String, byteOffset: Int, ordersImported: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read report file \(path): \(reason)"
        case .notAnArray(let path, let offset):
            "report file \(path) is not a JSON array (unexpected content at byte \(offset))"
        case .truncated(let path, let offset, let elements, let imported):
            "report file \(path) is cut short at byte \(offset), after \(elements) complete elements; "
                + "the \(imported) orders read before the cut were imported"
        case .dataAfterArray(let path, let offset, let imported):
            "report file \(path) has unexpected data after its array, at byte \(offset); \(imported) orders were imported"
        }
    }
}

extension OrderStore {
    /// Streams a report file (a JSON array of orders, `complete` or `basic`, or of id strings for
    /// `only_ids`) into the cache without loading it whole. `progress` gets the running count of
    /// elements read, after each batch.
    public func importReportFile(at url: URL, progress: (@Sendable (Int) -> Void)?) throws -> ImportSummary {
        try importReportFile(at: url, chunkSize: 1 << 20, progress: progress)
    }

    /// The same with the read size chosen (tests use tiny chunks to cut elements anywhere).
    public func importReportFile(at url: URL, chunkSize: Int, batchSize: Int = OrderStore.upsertBatchSize,
                                 progress: (@Sendable (Int) -> Void)?) throws -> ImportSummary {
        var importer = ReportImporter(store: self, path: url.path, batchSize: max(1, batchSize), progress: progress)
        let usual = try ImportWriterSettings.apply(to: writer)
        // Whatever ends the import, no batch is still being written when this returns, and the
        // writer is back to its usual settings.
        defer {
            importer.waitForWrite()
            ImportWriterSettings.restore(usual, on: writer)
        }
        let streamer: JSONArrayStreamer
        do {
            streamer = try JSONArrayStreamer(url: url, chunkSize: chunkSize)
        } catch {
            throw ReportImportError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        do {
            while let element = try streamer.next() {
                try importer.take(element)
            }
            try importer.flush()
            try importer.finishWrite()
        } catch let error as JSONArrayStreamer.StreamError {
            // Keep what was read before the problem: a truncated download still holds good orders.
            try importer.flush()
            try importer.finishWrite()
            throw importer.importError(error)
        }
        keepListIndexCurrent()
        return importer.summary
    }
}

/// The writer connection's settings for the length of an import. 100,000 orders write ~136 MiB:
/// with SQLite's defaults (a checkpoint every 1,000 pages, a 2 MiB page cache) the WAL was
/// copied into the database file some 35 times and the index pages kept being read back;
/// checkpointing every 64 MiB with a 32 MiB cache, the final checkpoint included, took the
/// import from 2.23 and 2.19 s to 1.77 and 1.88 s (A/B, medians of 5, OrderDeskBench --only
/// import). The usual values come back afterwards, the cache's memory is given back, and the
/// WAL is checkpointed.
struct ImportWriterSettings {
    var autocheckpointPages: Int
    var cacheSize: Int

    static let duringImport = ImportWriterSettings(autocheckpointPages: 16_384, cacheSize: -32_768)

    /// Sets `duringImport`; returns the settings it replaced.
    static func apply(to writer: any DatabaseWriter) throws -> ImportWriterSettings {
        try writer.writeWithoutTransaction { db in
            let usual = ImportWriterSettings(
                autocheckpointPages: try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1_000,
                cacheSize: try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000)
            try duringImport.set(in: db)
            return usual
        }
    }

    static func restore(_ usual: ImportWriterSettings, on writer: any DatabaseWriter) {
        try? writer.writeWithoutTransaction { db in
            try usual.set(in: db)
            try db.execute(sql: "PRAGMA shrink_memory")
            if !db.isInsideTransaction, writer is DatabasePool { try db.checkpoint(.passive) }
        }
    }

    private func set(in db: Database) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(autocheckpointPages)")
        try db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
    }
}

/// Collects elements into batches; decodes each batch on every core, then writes it in one
/// transaction. The write of a batch (about 40 % of the import) runs on its own queue while the
/// next batch is read and decoded; batches are still written one at a time, in file order.
struct ReportImporter {
    static let maxReportedErrors = 10

    let store: OrderStore
    let path: String
    let batchSize: Int
    let progress: (@Sendable (Int) -> Void)?
    var pending: [JSONArrayStreamer.Element] = []
    var summary = ImportSummary()
    private var lastReportedIds = 0
    private let writeQueue = DispatchQueue(label: "orderdesk.import.write")
    /// The batch being written, if any.
    private var writing: WriteJob?

    private final class WriteJob: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        let count: Int
        /// Set on the write queue before `done` is signalled.
        var error: (any Error)?
        init(count: Int) { self.count = count }
    }

    init(store: OrderStore, path: String, batchSize: Int, progress: (@Sendable (Int) -> Void)?) {
        self.store = store
        self.path = path
        self.batchSize = batchSize
        self.progress = progress
        pending.reserveCapacity(batchSize)
    }

    mutating func take(_ element: JSONArrayStreamer.Element) throws {
        if element.bytes.first == UInt8(ascii: "\"") {
            // only_ids: an id alone is no order; the ids are kept for the run instead.
            summary.ids += 1
            if let id = try? JSONDecoder().decode(String.self, from: element.bytes) { summary.idList.append(id) }
            if summary.ids - lastReportedIds >= batchSize {
                lastReportedIds = summary.ids
                progress?(summary.orders + summary.ids)
            }
            return
        }
        pending.append(element)
        if pending.count >= batchSize { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let decoded = Self.decodeConcurrently(pending)
        var orders: [StoredOrder] = []
        orders.reserveCapacity(pending.count)
        for (element, result) in zip(pending, decoded) {
            switch result {
            case .success(let order):
                orders.append(StoredOrder(order: order, raw: element.bytes))
            case .failure(let error):
                summary.skipped += 1
                if summary.errors.count < Self.maxReportedErrors {
                    summary.errors.append("element \(element.index) at byte \(element.byteOffset): \(Self.describe(error))"
                        + " — \(Self.excerpt(element.bytes))")
                }
            }
        }
        pending.removeAll(keepingCapacity: true)
        try finishWrite()
        guard !orders.isEmpty else {
            progress?(summary.orders + summary.ids)
            return
        }
        let job = WriteJob(count: orders.count)
        let store = store, batch = orders
        writeQueue.async {
            do {
                try store.writer.write { db in try OrderRows.upsert(batch, at: Date(), in: db, noteForTeam: store.notesChangesForTeam) }
                store.wakeTeamFeed()
            } catch { job.error = error }
            job.done.signal()
        }
        writing = job
    }

    /// Waits for the batch being written; counts it and reports progress, or throws its error.
    mutating func finishWrite() throws {
        guard let job = writing else { return }
        writing = nil
        job.done.wait()
        if let error = job.error { throw error }
        summary.orders += job.count
        progress?(summary.orders + summary.ids)
    }

    /// Waits for the batch being written, if any, ignoring its outcome (an error is on its way out).
    mutating func waitForWrite() {
        writing?.done.wait()
        writing = nil
    }

    /// Each worker takes every n-th element with its own decoder; results land by index, so the
    /// order of the file is kept.
    static func decodeConcurrently(_ elements: [JSONArrayStreamer.Element]) -> [Result<YujuOrder, any Error>] {
        let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8, elements.count)
        var results = [Result<YujuOrder, any Error>](repeating: .failure(CancellationError()), count: elements.count)
        results.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let decoder = JSONDecoderFactory.make()
                // Only the list columns and the items are written from the decoded order; the
                // billing address and actions stay in the raw JSON. Most elements never get here:
                // PlainOrderReader reads the plain ones.
                decoder.userInfo[YujuOrder.skipFreeFormFields] = true
                var index = worker
                while index < elements.count {
                    let bytes = elements[index].bytes
                    output[index] = Result { try PlainOrderReader.read(bytes) ?? decoder.decode(YujuOrder.self, from: bytes) }
                    index += workers
                }
            }
        }
        return results
    }

    func importError(_ error: JSONArrayStreamer.StreamError) -> ReportImportError {
        switch error {
        case .notAnArray(let offset): .notAnArray(path: path, byteOffset: offset)
        case .truncated(let offset, let elements): .truncated(path: path, byteOffset: offset, elements: elements, ordersImported: summary.orders)
        case .dataAfterArray(let offset): .dataAfterArray(path: path, byteOffset: offset, ordersImported: summary.orders)
        }
    }

    /// DecodingError's own descriptions are long; this names the field and the problem.
    static func describe(_ error: Error) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field \(parent.isEmpty ? "" : parent + ".")\(key.stringValue)"
        case DecodingError.typeMismatch(let type, let context):
            return "wrong type at \(path(context.codingPath)) (expected \(type))"
        case DecodingError.valueNotFound(let type, let context):
            return "null at \(path(context.codingPath)) (expected \(type))"
        case DecodingError.dataCorrupted(let context):
            let at = path(context.codingPath)
            return at.isEmpty ? "invalid JSON: \(context.debugDescription)" : "invalid value at \(at): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    /// The start of the element, on one line, for the error message.
    static func excerpt(_ bytes: Data, limit: Int = 80) -> String {
        let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
        let oneLine = text.map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let short = String(oneLine.prefix(limit))
        return short.count < text.count ? short + "…" : short
    }
}
