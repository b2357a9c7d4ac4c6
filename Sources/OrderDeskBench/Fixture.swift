import Foundation
import OrderKit
import OrderSandbox

/// The data every measurement runs on: an in-process sandbox seeded with `orders` orders, and
/// one `complete` report file holding all of them, fetched over HTTP the way `report run --wait`
/// fetches it. The sandbox refuses ranges over 180 days and its orders span 200 days, so two runs
/// are downloaded and their arrays joined into one file.
struct Fixture {
    let directory: URL
    let reportFile: URL
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
        let file = directory.appendingPathComponent("complete-\(orders).json")
        do {
            var parts: [URL] = []
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
                let part = directory.appendingPathComponent("part\(parts.count).json")
                _ = try await services.yuju.downloadReport(url: url, to: part)
                parts.append(part)
                end = from.addingTimeInterval(-1)
            }
            try joinArrays(parts, into: file)
            for part in parts { try? FileManager.default.removeItem(at: part) }
        } catch {
            await services.shutdown()
            await server.stop()
            throw error
        }
        let downloadSeconds = (clock.now - started).milliseconds / 1_000
        await services.shutdown()
        await server.stop()
        let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        return Fixture(directory: directory, reportFile: file, reportBytes: bytes, orderCount: orders,
                       seedSeconds: seedSeconds, downloadSeconds: downloadSeconds)
    }

    /// A report file from an earlier run, used as it is.
    static func existing(report: URL, orders: Int, in directory: URL) throws -> Fixture {
        let bytes = (try FileManager.default.attributesOfItem(atPath: report.path)[.size] as? Int) ?? 0
        return Fixture(directory: directory, reportFile: report, reportBytes: bytes, orderCount: orders, seedSeconds: 0, downloadSeconds: 0)
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

    /// `[a,b]` + `[c]` → `[a,b,c]`, byte for byte otherwise.
    static func joinArrays(_ parts: [URL], into file: URL) throws {
        var joined = Data("[".utf8)
        var first = true
        for part in parts {
            let data = try Data(contentsOf: part)
            guard let open = data.firstIndex(of: UInt8(ascii: "[")), let close = data.lastIndex(of: UInt8(ascii: "]")) else {
                throw BenchError("\(part.lastPathComponent) is not a JSON array")
            }
            let inner = data[(open + 1)..<close]
            guard inner.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { continue }
            if !first { joined.append(UInt8(ascii: ",")) }
            joined.append(inner)
            first = false
        }
        joined.append(UInt8(ascii: "]"))
        try joined.write(to: file)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
