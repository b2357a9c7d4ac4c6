import Foundation
import OrderKit
import OrderSandbox

/// The data every measurement runs on: an in-process sandbox seeded with `orders` orders, and
/// the `complete` report files holding all of them, fetched over HTTP the way `report run --wait`
/// fetches them. The sandbox refuses ranges over 180 days and its orders span 200 days, so two runs
/// are downloaded; the import reads both files into one store, as two `report run --wait` do.
/// (They used to be joined into one file in memory: at 1,000,000 orders that is two ~480 MB
/// reads plus a 968 MB buffer. Nothing here holds a report in memory now.)
struct Fixture {
    let directory: URL
    /// The report files, in download order (newest orders first).
    let reportFiles: [URL]
    let reportBytes: Int
    let orderCount: Int
    /// Time to seed the sandbox, and to run + download the two reports (sandbox side included).
    let seedSeconds: Double
    let downloadSeconds: Double

    static func make(orders: Int, seed: UInt64, in directory: URL) async throws -> Fixture {
        let clock = ContinuousClock()
        var started = clock.now
        let server = try await SandboxServer.start(SandboxOptions(orders: orders, seed: seed, reportDelay: .milliseconds(50)))
        let seedSeconds = (clock.now - started).milliseconds / 1_000
        let services = makeServices(baseURL: server.baseURL, statePath: directory.appendingPathComponent("fixture/state.sqlite").path)
        started = clock.now
        var parts: [URL] = []
        do {
            let now = Date()
            var end = now
            let start = now.addingTimeInterval(-200 * 86_400)
            while end > start {
                let from = Swift.max(start, end.addingTimeInterval(-Double(ReportRequest.maxRangeDays) * 86_400 + 1))
                let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(from: WireDate.formatFilter(from, in: Assumed.yujuTimeZone), to: WireDate.formatFilter(end, in: Assumed.yujuTimeZone))))
                let created = try await services.yuju.runReport(Assumed.importedReportVariant, returnType: .complete, request)
                var progress = try await services.yuju.reportProgress(Assumed.importedReportVariant, id: created.idReport)
                while !progress.status.isDone {
                    try await Task.sleep(for: .milliseconds(50))
                    progress = try await services.yuju.reportProgress(Assumed.importedReportVariant, id: created.idReport)
                }
                guard progress.status == .completed, let url = progress.url else { throw BenchError("report \(created.idReport) ended \(progress.status)") }
                let part = directory.appendingPathComponent("complete-\(orders).part\(parts.count + 1).json")
                _ = try await services.yuju.downloadReport(url: url, to: part)
                parts.append(part)
                end = from.addingTimeInterval(-1)
            }
        } catch {
            await services.shutdown()
            await server.stop()
            throw error
        }
        let downloadSeconds = (clock.now - started).milliseconds / 1_000
        await services.shutdown()
        await server.stop()
        return Fixture(directory: directory, reportFiles: parts, reportBytes: try size(of: parts), orderCount: orders,
                       seedSeconds: seedSeconds, downloadSeconds: downloadSeconds)
    }

    /// Report files from an earlier run (`--keep`), used as they are; together they hold `orders` orders.
    static func existing(reports: [URL], orders: Int, in directory: URL) throws -> Fixture {
        Fixture(directory: directory, reportFiles: reports, reportBytes: try size(of: reports), orderCount: orders, seedSeconds: 0, downloadSeconds: 0)
    }

    static func size(of files: [URL]) throws -> Int {
        try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
    }

    static func makeServices(baseURL: String, statePath: String) -> OrderDeskServices {
        let config = OrderDeskConfig.sandbox(
            baseURL: baseURL, yujuToken: SandboxCredentials.yujuToken, bridgeClientId: SandboxCredentials.bridgeClientId,
            bridgeClientSecret: SandboxCredentials.bridgeClientSecret, datacrushPortalId: SandboxCredentials.datacrushPortalId,
            datacrushApiKey: SandboxCredentials.datacrushApiKey, statePath: statePath)
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: statePath).deletingLastPathComponent(), withIntermediateDirectories: true)
        // The store is opened lazily by callers that need one; a throwaway one here.
        let store = try! OrderStore(path: statePath)
        return OrderDeskServices(config: config, store: store)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
