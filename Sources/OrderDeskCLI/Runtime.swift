import Foundation
import Logging
import OrderDeskTUI
import OrderKit
import OrderSandbox
import OrderTeam

/// Config + store + services for one command, and the in-process sandbox when there is no
/// configuration (or `--sandbox`).
struct Runtime {
    let config: OrderDeskConfig
    let services: OrderDeskServices
    let sandbox: SandboxServer?
    /// Team mode's parts, all or none.
    let team: Team?
    /// The orders list, being read since the store opened (the TUI only).
    let list: ListPrefetch?
    /// Changes a previous run left queued or interrupted, resumed at start (with `resume`).
    var resumed = 0

    enum Mode: Equatable {
        case configured(String)
        case inProcessSandbox
        case externalSandbox(String)
    }

    /// `resume`: send what a previous run left in the outbox (commands that send; not reads).
    /// `fillCache`: in-process sandbox only, fill the fresh cache with report runs first.
    /// `prefetchSummaries`: start reading the orders list as soon as the store is open.
    /// `progress`: each start-up step as it begins (the TUI's loading line).
    static func with<T>(_ options: GlobalOptions, resume: Bool = false, fillCache: Bool = true, prefetchSummaries: Bool = false,
                        progress: Progress? = nil, _ body: (Runtime) async throws -> T) async throws -> T {
        let runtime = try await make(options, resume: resume, fillCache: fillCache, prefetchSummaries: prefetchSummaries, progress: progress)
        do {
            let result = try await body(runtime)
            await runtime.close()
            return result
        } catch {
            await runtime.close()
            throw error
        }
    }

    static func mode(_ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Mode {
        if let url = options.sandboxURL ?? environment["ORDERDESK_SANDBOX_URL"], !url.isEmpty { return .externalSandbox(url) }
        if options.sandbox { return .inProcessSandbox }
        if let file = try ConfigLoader().configFile(explicit: options.config) { return .configured(file) }
        return .inProcessSandbox
    }

    typealias Progress = @Sendable (StartupStep) -> Void

    static func make(_ options: GlobalOptions, resume: Bool, fillCache: Bool, prefetchSummaries: Bool = false,
                     progress: Progress? = nil) async throws -> Runtime {
        let loader = ConfigLoader()
        let paths = loader.paths
        var ui = UISettings()
        var network = NetworkSettings()
        var team: TeamSettings?
        var webhooks = WebhookSettings(secret: loader.environment[ConfigLoader.webhookSecretVariable].flatMap { $0.isEmpty ? nil : Secret($0) })
        // The config file's UI, network, team and webhooks sections apply to the sandbox too.
        if let file = try loader.configFile(explicit: options.config) {
            let loaded = try loader.load(path: file)
            ui = loaded.config.ui
            network = loaded.config.network
            team = loaded.config.team
            webhooks = loaded.config.webhooks
            if case .configured = try mode(options) {
                loaded.warnings.forEach(Console.err)
                var config = loaded.config
                config.team = teamSettings(options, configured: config.team)
                return try await start(config, sandbox: nil, resume: resume, fill: false, prefetch: prefetchSummaries, progress: progress)
            }
        }
        switch try mode(options) {
        case .externalSandbox(let url):
            guard let components = URLComponents(string: url), let port = components.port else {
                throw CLIFailure("sandbox URL needs a port: \(url)")
            }
            var config = sandboxConfig(baseURL: url, statePath: paths.externalSandboxStateFile(port: port), ui: ui, network: network)
            config.team = teamSettings(options, configured: team)
            config.webhooks = webhooks
            return try await start(config, sandbox: nil, resume: resume, fill: false, prefetch: prefetchSummaries, progress: progress)
        case .inProcessSandbox, .configured:
            progress?(.startingSandbox)
            let server = try await SandboxServer.start(SandboxOptions(reportDelay: .seconds(1)))
            let statePath = paths.sandboxStateFile
            // The in-process sandbox's world is fresh each launch: so is its state file.
            for suffix in ["", "-wal", "-shm", ".list"] { try? FileManager.default.removeItem(atPath: statePath + suffix) }
            var config = sandboxConfig(baseURL: server.baseURL, statePath: statePath, ui: ui, network: network)
            config.team = teamSettings(options, configured: team)
            config.webhooks = webhooks
            do {
                return try await start(config, sandbox: server, resume: resume, fill: fillCache, prefetch: prefetchSummaries, progress: progress)
            } catch {
                await server.stop()
                throw error
            }
        }
    }

    /// The config file's `[ui]` section (defaults without one), and the default state folder's
    /// file: what the TUI needs to start before the rest does. A bad config fails here, before
    /// the UI takes the terminal.
    static func startupSettings(_ options: GlobalOptions) throws -> (ui: UISettings, stateFile: String) {
        let loader = ConfigLoader()
        guard let file = try loader.configFile(explicit: options.config) else { return (UISettings(), loader.paths.sandboxStateFile) }
        return (try loader.load(path: file).config.ui, loader.paths.sandboxStateFile)
    }

    /// `--database-url` over `ORDERDESK_DATABASE_URL` over `[team] database_url`.
    static func teamSettings(_ options: GlobalOptions, configured: TeamSettings?,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> TeamSettings? {
        guard let url = options.databaseURL ?? environment[ConfigLoader.databaseURLVariable] ?? configured?.databaseURL, !url.isEmpty else {
            return nil
        }
        var settings = TeamSettings(databaseURL: url, variable: environment[ConfigLoader.databasePasswordVariable], operatorName: configured?.operatorName)
        if settings.password == nil { settings.password = configured?.password }
        if let seconds = configured?.leaseSeconds { settings.leaseSeconds = seconds }
        return settings
    }

    /// Every system configured, BRIDGE with a channel code for each seeded channel, so the
    /// mirror to BRIDGE works in the sandbox as in any configured mode.
    static func sandboxConfig(baseURL: String, statePath: String, ui: UISettings, network: NetworkSettings) -> OrderDeskConfig {
        var config = OrderDeskConfig.sandbox(
            baseURL: baseURL, yujuToken: SandboxCredentials.yujuToken, bridgeClientId: SandboxCredentials.bridgeClientId,
            bridgeClientSecret: SandboxCredentials.bridgeClientSecret, datacrushPortalId: SandboxCredentials.datacrushPortalId,
            datacrushApiKey: SandboxCredentials.datacrushApiKey, statePath: statePath, ui: ui, network: network)
        config.bridge?.channelCodes = SandboxCredentials.bridgeChannelCodes
        return config
    }

    private static func start(_ config: OrderDeskConfig, sandbox: SandboxServer?, resume: Bool, fill: Bool, prefetch: Bool,
                              progress: Progress?) async throws -> Runtime {
        Console.redact(with: config.redactor)
        progress?(.openingCache)
        let store: OrderStore
        do { store = try OrderStore(path: config.statePath) } catch { throw CLIFailure("cannot open \(config.statePath): \(error)") }
        let filling = try fill && !store.hasOrders()
        // (A cache about to be filled is read after the fill, the usual way.)
        let list = prefetch && !filling ? ListPrefetch(store: store) : nil
        let logger = Logger(label: "orderdesk")
        var team: Team?
        var user = OSUser.name
        if let settings = config.team {
            user = settings.operatorName ?? OSUser.name
            let session: TeamSession
            progress?(.connectingTeam)
            do { session = try await TeamSession.open(settings, operatorName: user, logger: logger) } catch { throw CLIFailure("\(error)") }
            // Before anything is written: every order written from here on reaches the team.
            store.startNotingChangesForTeam()
            team = Team(
                session: session,
                orders: try TeamOrderSync(store: store, database: session.database, operatorName: user, logger: logger),
                outbox: TeamOutbox(
                    database: session.database, store: store, owner: TeamOutbox.ownerName(operatorName: user),
                    leaseSeconds: settings.leaseSeconds, logger: logger))
        }
        let services = OrderDeskServices(
            config: config, store: store, pacers: team?.session.pacers(for: config), outbox: team?.outbox, user: user, logger: logger)
        var runtime = Runtime(config: config, services: services, sandbox: sandbox, team: team, list: list)
        do {
            if let teamOrders = team?.orders {
                // A command works on what the team knows; the TUI shows its cache at once and
                // takes in the team's news as they arrive. Either way the news keep flowing while
                // it runs (`webhooks serve` publishes every order it refreshes as it goes).
                if !prefetch { try await Self.catchUp(teamOrders) }
                await teamOrders.run()
            }
            if filling {
                progress?(.importing(orders: 0, runs: 0))
                let runs = try await services.fillCacheFromReports(days: 200, pollInterval: 0.25) { runs in
                    progress?(.importing(orders: runs.compactMap(\.imported).reduce(0) { $0 + $1.orders }, runs: runs.count))
                }
                let orders = runs.compactMap(\.imported).reduce(0) { $0 + $1.orders }
                // The TUI said it on its loading line already.
                if progress == nil { Console.err("sandbox: filled the cache with \(runs.count) report runs of the sandbox's 5 (\(orders) orders)") }
            }
            if resume {
                progress?(.resuming)
                runtime.resumed = try await services.outbox.count(states: [.queued, .sending])
                await services.resumeOutbox()
            }
        } catch {
            await runtime.close()
            throw error
        }
        return runtime
    }

    /// Team mode: the shared database and the team-wide budgets, the local cache kept in step
    /// with the team's order feed, and the team's outbox (also `services.outbox`).
    struct Team {
        let session: TeamSession
        let orders: TeamOrderSync
        let outbox: TeamOutbox

        /// What the TUI follows.
        var live: ServicesBackend.Team {
            ServicesBackend.Team(arrivals: orders.arrivals, connection: session.health.changes, colleagueOutbox: outbox.colleagueChanges)
        }
    }

    /// A command's start in team mode: the orders colleagues wrote since this cache last looked.
    private static func catchUp(_ teamOrders: TeamOrderSync) async throws {
        do { try await teamOrders.catchUp() } catch {
            throw CLIFailure("team mode: cannot bring the cache up to date with the team: \(TeamDatabase.reason(error))")
        }
    }

    func close() async {
        await services.shutdown()
        await team?.outbox.release()
        // After the outbox stopped: the orders its last confirmations changed go out too.
        await team?.orders.stop()
        await team?.session.close()
        await sandbox?.stop()
    }
}
