import Foundation
import OrderKit

// OrderDeskBench: the in-process half of BENCHMARKS.md, on demand only (never part of `swift test`).
//   swift run -c release --scratch-path .build-release OrderDeskBench [--json] [--orders N] [--rounds N]
//       [--width W --height H] [--seed S] [--skip-filters] [--keep]
// The process half (cold start, RSS, bytes on a real pty, VisiData, curl) is in scripts/bench-*.sh.

struct Options {
    var json = false
    var orders = 100_000
    var rounds = 5
    var seed: UInt64 = 42
    var width = 120
    var height = 40
    var skipFilters = false
    var keep = false
    /// nil: everything; else "ui", "import" or "filters".
    var only: String?
    /// Complete report files holding `orders` orders together, kept from an earlier run (`--keep`),
    /// instead of seeding a sandbox and downloading them (`--report A --report B`, or `A,B`).
    var reports: [String] = []
    /// An existing store (a profile's `.sqlite`, its list index beside it): `--only load` and
    /// `--only ui` run on it as it is, with no fixture and no import.
    var store: String?

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        func value(_ name: String) throws -> String {
            guard let next = iterator.next() else { throw BenchError("\(name) needs a value") }
            return next
        }
        func number(_ name: String) throws -> Int {
            guard let n = Int(try value(name)), n > 0 else { throw BenchError("\(name) needs a positive number") }
            return n
        }
        while let argument = iterator.next() {
            switch argument {
            case "--json": json = true
            case "--orders": orders = try number(argument)
            case "--rounds": rounds = try number(argument)
            case "--seed": seed = UInt64(try number(argument))
            case "--width": width = try number(argument)
            case "--height": height = try number(argument)
            case "--skip-filters": skipFilters = true
            case "--keep": keep = true
            case "--report": reports += try value(argument).split(separator: ",").map(String.init)
            case "--store": store = try value(argument)
            case "--only":
                let part = try value(argument)
                guard ["ui", "import", "filters", "load", "team-take"].contains(part) else {
                    throw BenchError("--only takes ui, import, load, filters or team-take")
                }
                only = part
            case "-h", "--help":
                print("usage: OrderDeskBench [--json] [--orders N] [--rounds N] [--seed S] [--width W] [--height H] [--skip-filters] [--only ui|import|load|filters|team-take] [--keep] [--report FILE[,FILE…]]... [--store FILE]")
                exit(0)
            default: throw BenchError("unknown argument \(argument)")
            }
        }
    }
}

func machine() -> [String: String] {
    var info: [String: String] = [:]
    info["cores"] = String(ProcessInfo.processInfo.activeProcessorCount)
    if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = cpu.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
        info["cpu"] = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }
    info["ram_gib"] = String(format: "%.1f", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)
    info["load_at_start"] = loadAverage()
    #if DEBUG
    info["build"] = "debug"
    #else
    info["build"] = "release"
    #endif
    return info
}

/// The 1, 5 and 15 minute load averages (other work on a shared machine skews timings).
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
}

func run() async throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orderdesk-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { if !options.keep { try? FileManager.default.removeItem(at: directory) } }
    let info = machine()
    if info["build"] == "debug" { note("warning: debug build; the targets are for release (-c release)") }

    if options.only == "team-take" {
        try await TeamTakeBench.run(takes: 1_000, rounds: options.rounds)
        return
    }
    if options.only == "filters" {
        let filters = try await ReportFilterBench.run()
        printFilters(filters)
        return
    }
    if let path = options.store {
        if options.only == "ui" {
            let list = try OrderStore(path: path).openList()
            UIBench.run(list: list, width: options.width, height: options.height, rounds: options.rounds).printScenarios()
        } else {
            try LoadBench.run(storePath: path, width: options.width, height: options.height, rounds: options.rounds).print()
        }
        return
    }
    let fixture: Fixture
    if !options.reports.isEmpty {
        fixture = try Fixture.existing(reports: options.reports.map { URL(fileURLWithPath: $0) }, orders: options.orders, in: directory)
    } else {
        note("fixture: sandbox with \(options.orders) orders (seed \(options.seed)), complete report over HTTP …")
        fixture = try await Fixture.make(orders: options.orders, seed: options.seed, in: directory)
    }
    note("fixture: \(fixture.reportFiles.count) report files, \(fixture.reportBytes / 1_048_576) MiB in \(format(fixture.downloadSeconds, 1)) s (seeding \(format(fixture.seedSeconds, 1)) s)")

    let importRounds = options.only == "ui" || options.only == "load" ? 1 : options.rounds
    note("import: \(importRounds) rounds into fresh stores …")
    let imported = try ImportBench.run(fixture, rounds: importRounds)
    if options.only == "load" {
        try LoadBench.run(storePath: imported.storePath, width: options.width, height: options.height, rounds: options.rounds).print()
        return
    }
    if options.only == "import" {
        printImport(imported, fixture)
        return
    }
    let store = try OrderStore(path: imported.storePath)
    let list = try store.openList()

    note("ui: \(options.rounds) rounds at \(options.width)×\(options.height) …")
    let ui = UIBench.run(list: list, width: options.width, height: options.height, rounds: options.rounds)

    var load: LoadResult?
    if options.only == nil {
        note("load: \(options.rounds) rounds of openList + listLoaded …")
        load = try LoadBench.run(storePath: imported.storePath, width: options.width, height: options.height, rounds: options.rounds)
    }

    var filters: FilterResult?
    if !options.skipFilters && options.only == nil {
        note("report filters: invalid filter sets against a fresh sandbox each …")
        filters = try await ReportFilterBench.run()
    }

    if options.json {
        printJSON(options: options, info: info, fixture: fixture, imported: imported, ui: ui, load: load, filters: filters)
    } else {
        printTable(options: options, info: info, fixture: fixture, imported: imported, ui: ui, load: load, filters: filters)
    }
    if options.keep { note("kept \(directory.path)") }
}

func printTable(options: Options, info: [String: String], fixture: Fixture, imported: ImportResult, ui: UIResult, load: LoadResult?,
                filters: FilterResult?) {
    print("OrderDeskBench — \(options.orders) orders, \(options.rounds) rounds, \(options.width)×\(options.height), \(info["build"]!) build")
    print("machine: \(info["cores"]!) cores, \(info["cpu"] ?? "?"), \(info["ram_gib"]!) GiB; load \(info["load_at_start"] ?? "?") at start, \(loadAverage()) at end")
    print("")
    ui.printScenarios()
    if let move = ui.oneRowMove {
        print("")
        print("one-row move: \(move.rowsChanged) rows changed, \(move.runs) runs, \(move.cellsChanged) cells, \(move.textBytes) text bytes "
              + "(full frame: \(move.fullFrameRuns) runs, \(move.fullFrameTextBytes) text bytes)")
    }
    print("")
    printImport(imported, fixture)
    if let load {
        print("")
        load.print()
    }
    if let filters {
        print("")
        printFilters(filters)
    }
}

func printImport(_ imported: ImportResult, _ fixture: Fixture) {
    print("store: import of complete reports, \(imported.orders) orders in \(fixture.reportFiles.count) files (\(fixture.reportBytes / 1_048_576) MiB), fresh store each round")
    print("  importReportFile (every file): median \(format(median(imported.importSeconds), 2)) s of \(list(imported.importSeconds, 2)) s   target < 3 s")
    print("  CPU time (user + sys) of the import: median \(format(median(imported.importCPUSeconds), 2)) s of \(list(imported.importCPUSeconds, 2)) s")
    print("  openList (\(imported.orders) rows): median \(format(median(imported.openListMs), 1)) ms of \(list(imported.openListMs, 1))")
    print("  store files (sqlite, -wal, -shm, .list): \(imported.storeBytes / 1_048_576) MiB; fixture download (\(fixture.reportFiles.count) runs, sandbox encoding included): \(format(fixture.downloadSeconds, 1)) s")
}

func printFilters(_ filters: FilterResult) {
    print("report runs wasted on invalid filters: \(filters.wasted) (\(filters.cases.count) filter sets, \(filters.serverRejected) refused by the server with 400)")
    for c in filters.cases {
        let server = "server \(c.serverStatus)" + (c.serverCountedRun ? " +1 run" : "")
        let orderDesk = "OrderDesk: " + (c.orderDeskRefused ? "refused locally" : "SENT")
        let wasted = ", reached server \(c.requestsReachingServer), runs \(c.runsCountedByServer + c.ledgerRuns)"
        print("  " + pad(c.name, 28) + pad(server, 18) + orderDesk + wasted + " — " + String(c.orderDeskMessage.prefix(70)))
    }
}

func printJSON(options: Options, info: [String: String], fixture: Fixture, imported: ImportResult, ui: UIResult, load: LoadResult?,
               filters: FilterResult?) {
    var object: [String: Any] = [
        "orders": options.orders, "rounds": options.rounds, "width": options.width, "height": options.height, "machine": info,
    ]
    object["keypress_ms"] = Dictionary(uniqueKeysWithValues: ui.scenarios.map { scenario in
        (scenario.name, ["keys": scenario.all.count, "p50": median(scenario.p50s), "p99": median(scenario.p99s),
                         "p99_rounds": scenario.p99s, "max": scenario.all.max] as [String: Any])
    })
    object["index_build_ms"] = ui.indexBuildMs
    object["first_render_ms"] = ui.firstRenderMs
    if let move = ui.oneRowMove {
        object["one_row_move"] = ["rows_changed": move.rowsChanged, "runs": move.runs, "cells_changed": move.cellsChanged,
                                  "text_bytes": move.textBytes, "full_frame_text_bytes": move.fullFrameTextBytes, "full_frame_runs": move.fullFrameRuns]
    }
    object["fixture"] = ["report_files": fixture.reportFiles.map(\.path), "seed_seconds": fixture.seedSeconds, "download_seconds": fixture.downloadSeconds]
    object["load_at_end"] = loadAverage()
    object["import"] = ["orders": imported.orders, "report_bytes": fixture.reportBytes, "report_files": fixture.reportFiles.count,
                        "store_bytes": imported.storeBytes, "seconds": imported.importSeconds,
                        "median_seconds": median(imported.importSeconds), "cpu_seconds": imported.importCPUSeconds, "open_list_ms": imported.openListMs]
    if let load {
        object["cold_start_pieces_ms"] = ["open_list": load.openListMs, "index_build": load.indexBuildMs, "first_frame": load.firstFrameMs]
    }
    if let filters {
        object["report_filters"] = [
            "wasted_runs": filters.wasted, "cases": filters.cases.count, "server_rejected": filters.serverRejected,
            "details": filters.cases.map { ["name": $0.name, "server_status": $0.serverStatus, "refused_locally": $0.orderDeskRefused,
                                            "reached_server": $0.requestsReachingServer, "runs": $0.runsCountedByServer + $0.ledgerRuns] as [String: Any] },
        ]
    }
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

func list(_ values: [Double], _ decimals: Int) -> String {
    "[" + values.map { format($0, decimals) }.joined(separator: ", ") + "]"
}

do {
    try await run()
    exit(0)
} catch {
    note("OrderDeskBench: \(error)")
    exit(1)
}

extension UIResult {
    func printScenarios() {
        print("key press → frame in the cell buffer (update + render + diff), ms; p50/p99 = median over rounds")
        print(pad("scenario", 40) + pad("keys", 7) + pad("p50", 8) + pad("p99", 8) + pad("p99 range", 16) + pad("max", 8) + "target")
        for scenario in scenarios {
            let target = scenario.name.hasPrefix("filter") ? "p99 < 10" : "p99 < 1"
            let p99s = scenario.p99s
            let range = format(p99s.min() ?? .nan) + "–" + format(p99s.max() ?? .nan)
            var line = pad(scenario.name, 40) + pad(String(scenario.all.count), 7)
            line += pad(format(median(scenario.p50s)), 8) + pad(format(median(p99s)), 8)
            line += pad(range, 16) + pad(format(scenario.all.max), 8) + target
            print(line)
        }
        if !slowestFilterKeys.isEmpty {
            print("slowest filter keystrokes (query after the key, ms): "
                  + slowestFilterKeys.map { "\"\($0.query)\" \(format($0.ms, 1))" }.joined(separator: ", "))
        }
        print("list load (listLoaded): median \(format(median(indexBuildMs), 1)) ms of \(list(indexBuildMs, 1))")
        print("first full frame render + diff: median \(format(median(firstRenderMs))) ms")
    }
}
