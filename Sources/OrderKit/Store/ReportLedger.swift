import Foundation
import GRDB

/// One report request, kept so the 5-per-24-h budget survives restarts.
public struct ReportRun: Codable, Sendable, Hashable {
    /// Set by the store.
    public var id: Int64?
    public var idReport: String?
    public var variant: ReportVariant
    public var returnType: ReportReturnType
    public var requestedAt: Date
    public var filters: ReportRequest
    /// `requested`, the server's `CREATED`/`PROCESSING`/`COMPLETED`/`ERROR`, `imported`,
    /// `rejected: <text>`, or `not counted: <reason>`.
    public var status: String
    public var importedCount: Int?

    public init(
        id: Int64? = nil, idReport: String? = nil, variant: ReportVariant, returnType: ReportReturnType, requestedAt: Date,
        filters: ReportRequest, status: String, importedCount: Int? = nil
    ) {
        self.id = id
        self.idReport = idReport
        self.variant = variant
        self.returnType = returnType
        self.requestedAt = requestedAt
        self.filters = filters
        self.status = status
        self.importedCount = importedCount
    }
}

extension ReportRun {
    static let notCountedPrefix = "not counted: "

    /// Kept for the record, but it spends no run of the 5: the request never left this machine
    /// (connection refused, name not resolved), or Yuju answered 429 without running it.
    public var spendsBudget: Bool { !status.hasPrefix(Self.notCountedPrefix) }

    public mutating func markNotCounted(_ reason: String) { status = Self.notCountedPrefix + reason }
}

extension OrderStore {
    public func recordReportRun(_ run: ReportRun) throws {
        _ = try insertReportRun(run)
    }

    /// Records the run and returns it with its ledger id, for later `updateReportRun` calls.
    @discardableResult
    public func insertReportRun(_ run: ReportRun) throws -> ReportRun {
        let filters = String(decoding: try JSONEncoderFactory.make().encode(run.filters), as: UTF8.self)
        return try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO report_runs (id_report, variant, return_type, requested_at, filters, status, imported_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.idReport, run.variant.rawValue, run.returnType.rawValue, run.requestedAt.storeSeconds, filters,
                    run.status, run.importedCount,
                ])
            var stored = run
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Updates the run found by its ledger id; without one, by `idReport`, else by the time it
    /// was requested (so a caller that kept only what it recorded can still update it).
    public func updateReportRun(_ run: ReportRun) throws {
        let filters = String(decoding: try JSONEncoderFactory.make().encode(run.filters), as: UTF8.self)
        try writer.write { db in
            let id: Int64?
            if let known = run.id {
                id = known
            } else if let idReport = run.idReport, let found = try Int64.fetchOne(
                db, sql: "SELECT id FROM report_runs WHERE id_report = ? ORDER BY id DESC LIMIT 1", arguments: [idReport])
            {
                id = found
            } else {
                id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM report_runs WHERE requested_at = ? AND variant = ? ORDER BY id DESC LIMIT 1",
                    arguments: [run.requestedAt.storeSeconds, run.variant.rawValue])
            }
            guard let id else { throw OrderStoreError.reportRunNotFound(run.idReport ?? "requested at \(run.requestedAt)") }
            try db.execute(
                sql: """
                    UPDATE report_runs SET id_report = ?, variant = ?, return_type = ?, requested_at = ?, filters = ?,
                        status = ?, imported_count = ? WHERE id = ?
                    """,
                arguments: [
                    run.idReport, run.variant.rawValue, run.returnType.rawValue, run.requestedAt.storeSeconds, filters,
                    run.status, run.importedCount, id,
                ])
            if db.changesCount == 0 { throw OrderStoreError.reportRunNotFound("#\(id)") }
        }
    }

    /// Runs requested at or after `since`, oldest first: what the report budget counts.
    public func reportRuns(since: Date) throws -> [ReportRun] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT id, id_report, variant, return_type, requested_at, filters, status, imported_count
                    FROM report_runs WHERE requested_at >= ? ORDER BY requested_at, id
                    """,
                arguments: [since.storeSeconds])
            let decoder = JSONDecoderFactory.make()
            return try rows.map { row in
                let id: Int64 = row[0]
                let variantText: String = row[2]
                let returnTypeText: String = row[3]
                let filtersText: String = row[5]
                guard let variant = ReportVariant(rawValue: variantText), let returnType = ReportReturnType(rawValue: returnTypeText),
                      let filters = try? decoder.decode(ReportRequest.self, from: Data(filtersText.utf8))
                else { throw OrderStoreError.corruptRow(table: "report_runs", detail: "run \(id)") }
                return ReportRun(
                    id: id, idReport: row[1], variant: variant, returnType: returnType, requestedAt: Date(storeSeconds: row[4]),
                    filters: filters, status: row[6], importedCount: row[7])
            }
        }
    }
}
