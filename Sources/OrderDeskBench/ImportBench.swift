import Foundation
import OrderKit

/// `OrderStore.importReportFile` of the fixture's complete reports into a fresh store, end to end:
/// read, split, decode, write, commit, and the list index kept current. Then what the TUI does
/// first on start: `openList`.
struct ImportResult {
    var importSeconds: [Double] = []
    /// Process CPU time (user + system) of each import: less sensitive than wall time to other
    /// work on the machine, so before/after comparisons use it too.
    var importCPUSeconds: [Double] = []
    var orders = 0
    var openListMs: [Double] = []
    var storeBytes = 0
    /// The last import's store, left for the UI benchmark.
    var storePath = ""
}

enum ImportBench {
    static func run(_ fixture: Fixture, rounds: Int) throws -> ImportResult {
        var result = ImportResult()
        for round in 0..<rounds {
            let path = fixture.directory.appendingPathComponent("import\(round)/state.sqlite").path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let store = try OrderStore(path: path)
            var summary = ImportSummary()
            let cpuBefore = processCPUSeconds()
            // Every report file in turn into the one store, as consecutive `report run --wait` do;
            // the importer streams each file, so memory is bounded by its batch, not the report.
            let ms = try timed {
                for file in fixture.reportFiles {
                    let part = try store.importReportFile(at: file, progress: nil)
                    summary.orders += part.orders
                    summary.skipped += part.skipped
                    summary.errors += part.errors
                }
            }
            result.importCPUSeconds.append(processCPUSeconds() - cpuBefore)
            guard summary.orders == fixture.orderCount, summary.skipped == 0 else {
                throw BenchError("import read \(summary.orders) orders, skipped \(summary.skipped) (expected \(fixture.orderCount)): \(summary.errors)")
            }
            result.orders = summary.orders
            result.importSeconds.append(ms / 1_000)
            note("  import round \(round + 1): \(format(ms / 1_000, 2)) s (CPU \(format(result.importCPUSeconds.last!, 2)) s)")
            if round == rounds - 1 {
                result.storePath = path
                for _ in 0..<rounds {
                    var count = 0
                    result.openListMs.append(try timed { count = try store.openList().count })
                    guard count == fixture.orderCount else { throw BenchError("openList gave \(count)") }
                }
                let files = ["", "-wal", "-shm", ".list"].map { path + $0 }
                result.storeBytes = files.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.reduce(0, +)
            } else {
                try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
            }
        }
        return result
    }
}

/// User + system CPU seconds of this process so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
