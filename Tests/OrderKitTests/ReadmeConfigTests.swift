import Foundation
@testable import OrderKit
import Testing

/// Issue 13: the README holds the config reference, so a user needs nothing outside the repo.
/// Its example must load, say what it shows, and name every key the loader reads.
@Suite struct ReadmeConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The ```toml block under "## Config reference".
    static func example() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Config reference"), "no config reference in the README")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```toml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func theExampleLoadsAsItSays() throws {
        // `ca_file` must name an existing file: the example's path is only an example.
        let text = try Self.example().split(separator: "\n").filter { !$0.hasPrefix("ca_file") }.joined(separator: "\n")
        let parsed = try ConfigLoader(environment: [:]).parse(text, sourcePath: nil)
        let config = parsed.config
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        #expect(config.yuju.authScheme == .raw && config.yuju.requestsPerSecond == 2 && config.yuju.reportRunsPerDay == 5)
        #expect(config.yuju.timeZone.identifier == "America/Mexico_City" && config.yuju.itemIds == .sku)
        #expect(config.bridge?.channelCodes[4301] == "MLMX" && config.bridge?.channelCode(for: 4308) == "YJ4308")
        #expect(config.bridge?.states[.shipped] == .transit)
        #expect(config.datacrush?.portalId == 1234 && config.datacrush?.callsPerMinute == 100)
        #expect(config.ui.language == "es" && config.ui.defaultCarrier == "Estafeta")
        #expect(config.ui.keys == ["change_status": "C", "filter": "/,ctrl-f"])
        #expect(config.ui.locale == "es_MX" && config.ui.channelNames[4301] == "Mercado Libre MX")
        #expect(config.ui.carrierLists.carriers(channel: 4301, currency: "ARS").first == "Andreani")
        #expect(config.ui.carrierLists.carriers(channel: 4312, currency: "MXN") == ["Mercado Envíos", "DHL"])
        #expect(config.ui.carrierLists.carriers(channel: 4301, currency: "MXN").first == "DHL")
        #expect(config.network.maxAttempts == 6 && config.network.requestTimeout == 30)
        #expect(config.team?.operatorName == "ana" && config.team?.leaseSeconds == 10)
        #expect(config.webhooks.listen?.port == 8089)
    }

    /// Every key `ConfigLoader` reads (`string("…")`, `number("…")`…) is in the example.
    @Test func everyKeyTheLoaderReadsIsDocumented() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("Sources/OrderKit/Config/ConfigLoader.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\.(?:string|number|stringArray|stringTable|stringArrayTable)\("([a-z_]+)"\)"#)
        let keys = Set(pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).compactMap { match in
            Range(match.range(at: 1), in: source).map { String(source[$0]) }
        })
        #expect(keys.count >= 25, "found \(keys.count) keys: the pattern no longer matches the loader")
        let example = try Self.example()
        for key in keys.sorted() {
            #expect(example.contains("\n\(key) = ") || example.contains(".\(key)]") || example.contains("\n[\(key)]"), "\(key) is not in the README's config reference")
        }
    }
}
