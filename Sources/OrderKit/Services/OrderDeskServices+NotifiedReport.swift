import Foundation

extension OrderDeskServices {
    /// A `std-orders-report` notification: the report is ready, so it is downloaded and imported
    /// (one progress GET for its `url`, which spends the 2 req/s budget; the file does not).
    /// A run already imported is left alone (nil). A report this profile never ran (another
    /// tool of the same account ran it) is imported too, without touching the ledger: its run
    /// was spent by whoever ran it.
    public func importNotifiedReport(_ idReport: String) async throws -> ImportSummary? {
        let known = try store.reportRuns(since: .distantPast).last { $0.idReport == idReport }
        if known?.status == "imported" { return nil }
        var run = known ?? ReportRun(
            idReport: idReport, variant: .standard, returnType: .complete, requestedAt: .distantPast,
            filters: ReportRequest(filters: .init()), status: "notified")
        return try await waitAndImport(&run, pollInterval: Assumed.reportPollFirstSeconds)
    }
}
