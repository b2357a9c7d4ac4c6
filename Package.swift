// swift-tools-version:6.1
import PackageDescription

// Versions are the ones mirrored on the build machines (see ../shared/notes): `from:` must not
// exceed them.
let package = Package(
    name: "OrderDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "orderdesk", targets: ["orderdesk"]),
        .library(name: "OrderKit", targets: ["OrderKit"]),
        .library(name: "OrderSandbox", targets: ["OrderSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // HMAC-SHA256 of webhook signatures; already in the graph through swift-certificates,
        // whose range this matches.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"6.0.0"),
    ],
    targets: [
        // ncursesw, plus a shim for what Swift cannot import (A_* macros, C globals).
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Shared client/domain module: models, validation, clients, budgets, store, outbox.
        // No terminal and no server code.
        .target(
            name: "OrderKit",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The three vendor APIs emulated over real HTTP on loopback. Depends on the domain
        // types only, never on the clients.
        .target(
            name: "OrderSandbox",
            dependencies: [
                "OrderKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                // Serves BRIDGE over TLS, the way stores are reached (`SandboxOptions.tls`).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // Sends the webhook notifications to the registered target.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // Served at `GET /_sandbox/openapi.yaml` (`OpenAPIDocument`).
            resources: [.copy("Resources/openapi.yaml")]
        ),
        // The listener for Yuju's webhook notifications (Hummingbird): the server side of the
        // webhook contract, kept out of OrderKit, which holds no server code.
        .target(
            name: "OrderWebhooks",
            dependencies: [
                "OrderKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Team mode: what a support team shares (budgets first) kept in PostgreSQL.
        .target(
            name: "OrderTeam",
            dependencies: [
                "OrderKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The ncurses front end: pure core, views into a cell buffer, one curses backend.
        .target(
            name: "OrderDeskTUI",
            dependencies: [
                "OrderKit",
                "CNcurses",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The subcommands; kept in a library so tests can run them in-process.
        .target(
            name: "OrderDeskCLI",
            dependencies: [
                "OrderKit",
                "OrderSandbox",
                "OrderWebhooks",
                "OrderDeskTUI",
                "OrderTeam",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "orderdesk",
            dependencies: ["OrderDeskCLI"]
        ),
        // On-demand benchmarks for BENCHMARKS.md (never run by `swift test`):
        // `swift run -c release --scratch-path .build-release OrderDeskBench`.
        .executableTarget(
            name: "OrderDeskBench",
            dependencies: ["OrderKit", "OrderDeskTUI", "OrderSandbox", "OrderTeam", .product(name: "Logging", package: "swift-log")]
        ),
        // What several test targets share: the scripted HTTP server and the runner that drives
        // the built binary (once a symlinked file and two copies). Foundation only, so the
        // end-to-end tests, which link none of the app's modules, can use it too.
        .target(
            name: "OrderDeskTestSupport",
            path: "Tests/OrderDeskTestSupport"
        ),
        .testTarget(
            name: "OrderKitTests",
            dependencies: ["OrderKit", "OrderSandbox", "OrderWebhooks", "OrderDeskTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "OrderSandboxTests",
            dependencies: [
                "OrderSandbox", "OrderKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Against a real PostgreSQL: `scripts/with-postgres.sh` starts a throwaway one.
        .testTarget(
            name: "OrderTeamTests",
            dependencies: ["OrderTeam", "OrderKit", "OrderSandbox"]
        ),
        .testTarget(
            name: "OrderDeskTUITests",
            dependencies: [
                "OrderDeskTUI", "OrderKit", "CNcurses",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "OrderDeskCLITests",
            dependencies: ["OrderDeskCLI", "OrderDeskTUI", "OrderKit", "OrderSandbox", "OrderTeam", "orderdesk", "OrderDeskTestSupport"]
        ),
        // Drives the built `orderdesk` binary in tmux, as a person at a terminal would.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["orderdesk", "OrderKit", "OrderTeam", "OrderDeskTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
