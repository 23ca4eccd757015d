// swift-tools-version:6.2
import PackageDescription

/// Mirsad: one package, one `mirsad` binary, libraries with one job each.
/// Dependencies point downward only: mirsad → MirsadServer → (MirsadStore, engines) → MirsadDomain
/// → MirsadGeodesy.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "mirsad",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mirsad", targets: ["mirsad"]),
        .executable(name: "mirsad-bench", targets: ["MirsadBenchmarks"]),
        .library(name: "MirsadGeodesy", targets: ["MirsadGeodesy"]),
        .library(name: "MirsadDomain", targets: ["MirsadDomain"]),
        .library(name: "MirsadGeo", targets: ["MirsadGeo"]),
        .library(name: "MirsadAnalytics", targets: ["MirsadAnalytics"]),
        .library(name: "MirsadAudit", targets: ["MirsadAudit"]),
        .library(name: "MirsadAlerts", targets: ["MirsadAlerts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // Coordinates, distances, bearings, UTM and local projections, polygons and circles.
        // No dependencies; every module that handles positions uses it.
        .target(name: "MirsadGeodesy", swiftSettings: strict),

        // Pure domain: value types, state machines, commands and events. No I/O.
        .target(name: "MirsadDomain", dependencies: ["MirsadGeodesy"], swiftSettings: strict),

        // Geography and road routing engine (usable and benchmarkable alone).
        .target(
            name: "MirsadGeo",
            dependencies: [
                "MirsadGeodesy",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["OSM/fileformat.proto", "OSM/osmformat.proto"],
            swiftSettings: strict
        ),

        // Crime-pattern analytics engine (usable and benchmarkable alone).
        .target(name: "MirsadAnalytics", dependencies: ["MirsadGeodesy"], swiftSettings: strict),

        // RFC 6962 Merkle tree, proofs and signed checkpoints for the tamper-evident audit trail.
        .target(
            name: "MirsadAudit",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),

        // Common Alerting Protocol 1.2: the model, a hardened XML reader, schema and prose
        // validation, exact writing, EDXL-DE and Atom/RSS extraction (usable and benchmarkable alone).
        .target(name: "MirsadAlerts", dependencies: ["MirsadGeodesy", "MirsadAudit"], swiftSettings: strict),

        // Event log, read models, migrations and audit tree on SQLite and PostgreSQL.
        .target(
            name: "MirsadStore",
            dependencies: [
                "MirsadDomain", "MirsadAudit",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The pool's error type, to tell a pool that gave up from other failures.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // Deterministic demo jurisdiction and live activity generator.
        .target(
            name: "MirsadSimulation",
            dependencies: ["MirsadDomain", "MirsadGeodesy", "MirsadGeo", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // The Hummingbird application: routes, auth, event bus and reactors, live feed, metrics.
        // It never depends on the simulation: only the `demo` command does.
        // The browser console's files, embedded at build time (served by MirsadServer).
        .target(
            name: "MirsadConsole",
            resources: [.embedInCode("Web")],
            swiftSettings: strict
        ),

        .target(
            name: "MirsadServer",
            dependencies: [
                "MirsadDomain", "MirsadStore", "MirsadGeodesy", "MirsadGeo", "MirsadAnalytics", "MirsadAudit", "MirsadAlerts",
                "MirsadConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // The one binary: server and command line.
        .executableTarget(
            name: "mirsad",
            dependencies: [
                "MirsadServer", "MirsadStore", "MirsadDomain", "MirsadGeodesy", "MirsadGeo", "MirsadAnalytics",
                "MirsadAudit", "MirsadSimulation", "MirsadAlerts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // Benchmarks print figures against a real server on loopback and the engines.
        .executableTarget(
            name: "MirsadBenchmarks",
            dependencies: [
                "MirsadDomain", "MirsadSimulation", "MirsadTestSupport", "MirsadGeodesy", "MirsadGeo", "MirsadAnalytics",
                "MirsadAudit", "MirsadAlerts",
                // The MAVLink encoder, to play fifty drones.
                "MirsadServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Benchmarks/MirsadBenchmarks",
            swiftSettings: strict
        ),

        // Shared test helpers: locating ../shared/data, temporary databases, the built binary.
        .target(
            name: "MirsadTestSupport",
            dependencies: [
                "MirsadDomain",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/MirsadTestSupport",
            swiftSettings: strict),

        .testTarget(name: "MirsadGeodesyTests", dependencies: ["MirsadGeodesy"], swiftSettings: strict),
        .testTarget(name: "MirsadDomainTests", dependencies: ["MirsadDomain"], swiftSettings: strict),
        .testTarget(name: "MirsadGeoTests", dependencies: ["MirsadGeo", "MirsadGeodesy", "MirsadTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "MirsadAlertsTests", dependencies: ["MirsadAlerts", "MirsadGeodesy", "MirsadTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "MirsadAuditTests", dependencies: ["MirsadAudit", "MirsadTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "MirsadAnalyticsTests", dependencies: ["MirsadAnalytics", "MirsadGeodesy", "MirsadTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "MirsadStoreTests",
            dependencies: [
                "MirsadStore", "MirsadDomain", "MirsadTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MirsadServerTests",
            dependencies: [
                "MirsadServer", "MirsadStore", "MirsadDomain", "MirsadAudit", "MirsadGeodesy", "MirsadGeo", "MirsadAlerts", "MirsadTestSupport",
                "MirsadConsole", "MirsadSimulation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MirsadEndToEndTests",
            dependencies: [
                "MirsadTestSupport", "MirsadDomain", "MirsadAudit", "MirsadAlerts",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
    ]
)
