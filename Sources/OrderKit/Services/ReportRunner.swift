import Foundation

/// Progress of one report run, for the TUI and `report run --wait`.
public enum ReportEvent: Sendable, Hashable, CustomStringConvertible {
    case requested(idReport: String)
    case status(idReport: String, ReportProgress.Status)
    case downloaded(idReport: String, bytes: Int)
    case importing(idReport: String, orders: Int)
    case imported(idReport: String, ImportSummary)
    case failed(String)

    public var description: String {
        switch self {
        case .requested(let id): "report \(id) requested"
        case .status(let id, let status): "report \(id): \(status.rawValue)"
        case .downloaded(let id, let bytes): "report \(id): downloaded \(bytes) bytes"
        case .importing(let id, let orders): "report \(id): imported \(orders) orders so far"
        case .imported(let id, let summary): "report \(id): imported \(summary.orders) orders, \(summary.ids) ids, \(summary.skipped) skipped"
        case .failed(let reason): "report failed: \(reason)"
        }
    }
}

public struct ReportOutcome: Sendable {
    public var run: ReportRun
    public var created: ReportCreated
    /// Set when waited for and imported.
    public var imported: ImportSummary?
}

extension OrderDeskServices {
    /// Runs an orders report: validates the filters locally (no run spent on one the server
    /// would refuse), checks the 24-h ledger, records the run before sending (a crash still
    /// counts it), posts it and, with `wait`, polls, downloads and imports the file.
    public func runReport(
        _ variant: ReportVariant = Assumed.importedReportVariant, returnType: ReportReturnType = .complete, _ request: ReportRequest, wait: Bool,
        pollInterval: Double = Assumed.reportPollFirstSeconds
    ) async throws -> ReportOutcome {
        do { try request.validate() } catch { throw ClientError.invalid(error) }
        // The importer reads one structure; a run whose file it would misread is not spent.
        if wait, variant != Assumed.importedReportVariant { throw ServiceError.reportNotImportable(variant) }
        try await reportBudget.reserve()
        var run = ReportRun(variant: variant, returnType: returnType, requestedAt: clock.now(), filters: request, status: "requested")
        do {
            run = try store.insertReportRun(run)
            await reportBudget.record(run)
        } catch {
            await reportBudget.release()
            throw error
        }
        await reportBudget.release()
        let created: ReportCreated
        do {
            created = try await yuju.runReport(variant, returnType: returnType, request)
        } catch let error as ClientError {
            // Counted only when Yuju may have run it: not when the request cannot have reached
            // it, nor on a 429 (refused before running). A timeout after the request was written
            // counts (the cautious reading). Only the report limit's own 429 blocks runs; the
            // general 2 req/s one says nothing about them.
            if case .rateLimited(_, _, _, let message) = error {
                if YujuText.isReportLimit(message) { await reportBudget.serverRefused(message: message) }
                run.markNotCounted("429: \(message)")
            } else if error.mayHaveReachedServer {
                run.status = "rejected: \(error.vendorMessage ?? error.description)"
            } else {
                run.markNotCounted(error.description)
            }
            try? store.updateReportRun(run)
            await reportBudget.record(run)
            reportEvents.publish(.failed(error.description))
            throw error
        }
        run.idReport = created.idReport
        run.status = ReportProgress.Status.created.rawValue
        try store.updateReportRun(run)
        await reportBudget.record(run)
        reportEvents.publish(.requested(idReport: created.idReport))
        guard wait else { return ReportOutcome(run: run, created: created, imported: nil) }
        let summary = try await waitAndImport(&run, pollInterval: pollInterval)
        return ReportOutcome(run: run, created: created, imported: summary)
    }

    /// `report status ID`: the server's progress for a run.
    public func reportStatus(_ idReport: String, variant: ReportVariant? = nil) async throws -> ReportProgress {
        let known = try store.reportRuns(since: .distantPast).last { $0.idReport == idReport }
        return try await yuju.reportProgress(variant ?? known?.variant ?? Assumed.importedReportVariant, id: idReport)
    }

    func waitAndImport(_ run: inout ReportRun, pollInterval: Double) async throws -> ImportSummary {
        guard let id = run.idReport else { throw ServiceError.reportFailed("no report id") }
        var last: ReportProgress.Status?
        var progress: ReportProgress
        // Polls share the 2 req/s budget with the operator's changes: they back off.
        var backoff = PollBackoff(first: pollInterval, max: Assumed.reportPollMaxSeconds)
        while true {
            progress = try await yuju.reportProgress(run.variant, id: id)
            if progress.status != last {
                last = progress.status
                run.status = progress.status.rawValue
                try? store.updateReportRun(run)
                reportEvents.publish(.status(idReport: id, progress.status))
            }
            if progress.status.isDone { break }
            try await clock.sleep(backoff.next())
        }
        guard progress.status == .completed, let url = progress.url else {
            let reason = "report \(id) ended with \(progress.status.rawValue)"
            reportEvents.publish(.failed(reason))
            throw ServiceError.reportFailed(reason)
        }
        let directory = URL(fileURLWithPath: config.statePath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("report-\(id).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let bytes = try await yuju.downloadReport(url: url, to: file)
        reportEvents.publish(.downloaded(idReport: id, bytes: bytes))
        let events = reportEvents
        let summary = try store.importReportFile(at: file) { count in events.publish(.importing(idReport: id, orders: count)) }
        if !summary.idList.isEmpty { try store.saveReportIds(summary.idList, for: id) }
        run.status = "imported"
        run.importedCount = summary.orders + summary.ids
        try? store.updateReportRun(run)
        await reportBudget.record(run)
        reportEvents.publish(.imported(idReport: id, summary))
        return summary
    }

    /// Fills an empty cache from the sandbox: `complete` runs over consecutive ranges of at
    /// most 180 days covering the last `days` days. Returns the runs spent and the imports.
    /// `afterRun`: told the runs so far after each one (a start-up's progress line).
    public func fillCacheFromReports(days: Int = 200, pollInterval: Double = 0.5,
                                     afterRun: (@Sendable ([ReportOutcome]) -> Void)? = nil) async throws -> [ReportOutcome] {
        let now = clock.now()
        var outcomes: [ReportOutcome] = []
        var end = now
        let start = now.addingTimeInterval(-Double(days) * 86_400)
        while end > start {
            let from = max(start, end.addingTimeInterval(-Double(ReportRequest.maxRangeDays) * 86_400 + 1))
            let zone = config.yuju.timeZone
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(from, in: zone), to: WireDate.formatFilter(end, in: zone))))
            outcomes.append(try await runReport(returnType: .complete, request, wait: true, pollInterval: pollInterval))
            afterRun?(outcomes)
            end = from.addingTimeInterval(-1)
        }
        return outcomes
    }

    /// What `refreshFromReport` did: the orders fetched, and the ids it could not place.
    public struct ReportRefresh: Sendable {
        public var result: RefreshResult
        /// Ids on no cached channel, with no `channel` given and the run's filter naming none.
        public var withoutChannel: [String]
    }

    /// Refreshes exactly the orders an `only_ids` report listed, by one-order GET (no report run
    /// spent). The report gives ids without channels: an id takes the channel of its cached
    /// order, else `channel`, else the run's only channel filter.
    public func refreshFromReport(_ idReport: String, channel: Int? = nil, priority: RequestPriority = .operator) async throws -> ReportRefresh {
        guard let ids = try store.reportIds(idReport) else { throw ServiceError.noReportIds(idReport) }
        let run = try store.reportRuns(since: .distantPast).last { $0.idReport == idReport }
        let filterChannels = run?.filters.filters.channels ?? []
        let fallback = channel ?? (filterChannels.count == 1 ? filterChannels[0] : nil)
        var keys: [OrderKey] = []
        var withoutChannel: [String] = []
        for id in ids {
            let cached = try store.cachedKeys(idOrder: id)
            if !cached.isEmpty {
                keys += cached
            } else if let fallback {
                keys.append(OrderKey(idChannel: fallback, idOrder: id))
            } else {
                withoutChannel.append(id)
            }
        }
        return ReportRefresh(result: await refresh(keys, priority: priority), withoutChannel: withoutChannel)
    }
}
