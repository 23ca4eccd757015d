import Foundation
import Logging
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// MAVLink telemetry over real UDP into the store: frames from our encoder (checked against
/// pymavlink's bytes in the codec tests), and frames sent by pymavlink itself as the drone.
@Suite("MAVLink telemetry over UDP")
struct MAVLinkIngestTests {
    /// Runs a listener on a free port for the length of `body`.
    static func withListener(
        _ store: EventStore, _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let port = Mutex<Int?>(nil)
        let listener = MAVLinkListener(
            store: store, host: "127.0.0.1", port: 0, flushInterval: .milliseconds(20),
            logger: Logger(label: "mavlink-test"), onBound: { bound in port.withLock { $0 = bound } })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run() }
            var bound: Int?
            for _ in 0..<500 where bound == nil {
                bound = port.withLock { $0 }
                if bound == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            let ready = try #require(bound, "the listener did not bind")
            do {
                try await body(ready)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    static func send(_ datagrams: [[UInt8]], to port: Int) async throws {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        for datagram in datagrams {
            try await channel.writeAndFlush(
                AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: datagram))
            )
            .get()
        }
        try await channel.close()
    }

    /// Waits up to `seconds` for the drone's telemetry to satisfy `done`.
    static func telemetry(
        of drone: UUID, in store: EventStore, seconds: Double = 15, until done: (DroneTelemetry) -> Bool
    ) async throws -> DroneTelemetry? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let report = try await store.droneTelemetry()[drone], done(report) { return report }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await store.droneTelemetry()[drone]
    }

    @Test("HEARTBEAT, SYS_STATUS and GLOBAL_POSITION_INT of a listed drone become its telemetry; others are dropped")
    func ingest() async throws {
        try await ServerHarness.with { harness, _ in
            let store = harness.services.store
            try await Self.withListener(store) { port in
                var drone = MAVLinkEncoder(systemID: 1, componentID: 1)
                var stranger = MAVLinkEncoder(systemID: 99, componentID: 1)
                let heartbeat = MAVLinkMessage.heartbeat(
                    MAVLinkHeartbeat(
                        customMode: 0, type: 2, autopilot: 12, baseMode: 0x81, systemStatus: 4, mavlinkVersion: 3))
                let battery = MAVLinkMessage.sysStatus(
                    MAVLinkSysStatus(voltageBattery: 15_200, currentBattery: 1_250, batteryRemaining: 64))
                let position = MAVLinkMessage.globalPosition(
                    MAVLinkGlobalPosition(
                        timeBootMs: 1000, latitudeE7: 293_712_345, longitudeE7: 479_812_345,
                        altitudeMillimetres: 62_000,
                        relativeAltitudeMillimetres: 60_000, velocityNorth: 300, velocityEast: 400, velocityDown: 0,
                        headingCentidegrees: 9000))
                var corrupt = drone.frame(position)
                corrupt[12] ^= 0xFF
                // A stranger's position, a corrupt frame, then the drone's three messages in one datagram.
                try await Self.send(
                    [
                        stranger.frame(position), corrupt,
                        drone.frame(heartbeat) + drone.frame(battery) + drone.frame(position),
                    ],
                    to: port)
                let report = try await Self.telemetry(of: DroneAPITests.d1, in: store) { $0.batteryPercent != nil }
                let got = try #require(report, "no telemetry stored")
                #expect(abs(got.lat - 29.3712345) < 1e-9 && abs(got.lon - 47.9812345) < 1e-9)
                #expect(got.altitude == 62 && got.relativeAltitude == 60 && got.heading == 90 && got.groundSpeed == 5)
                #expect(got.batteryPercent == 64 && got.voltage == 15.2 && got.armed == true && got.state == "active")
                #expect(got.source == .mavlink)
                #expect(
                    try await store.unit(DroneAPITests.d1)?.position.map { abs($0.lat - 29.3712345) < 1e-9 } == true)
                #expect(try await store.droneTelemetry().count == 1, "only the listed drone")
                #expect(try await store.droneLastHeard()[DroneAPITests.d1] == got.at)

                // D2 beats before its GPS fix: heard, though not on the map.
                var waiting = MAVLinkEncoder(systemID: 2, componentID: 1)
                let camera = MAVLinkMessage.heartbeat(
                    MAVLinkHeartbeat(type: 30, autopilot: 8, baseMode: 0, systemStatus: 4))
                var cameraEncoder = MAVLinkEncoder(systemID: 2, componentID: 100)
                try await Self.send([cameraEncoder.frame(camera)], to: port)
                try await Task.sleep(for: .milliseconds(300))
                #expect(
                    try await store.droneLastHeard()[DroneAPITests.d2] == nil, "a camera's beat is not the autopilot's")
                try await Self.send([waiting.frame(heartbeat)], to: port)
                let deadline = ContinuousClock.now + .seconds(10)
                while try await store.droneLastHeard()[DroneAPITests.d2] == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(try await store.droneLastHeard()[DroneAPITests.d2] != nil)
                #expect(try await store.droneTelemetry()[DroneAPITests.d2] == nil)
            }
        }
    }

    /// pymavlink as the drone: `MIRSAD_TEST_PYMAVLINK_PYTHON` names a Python with pymavlink
    /// (CI installs it from PyPI); without it the test is skipped.
    static let python = ProcessInfo.processInfo.environment["MIRSAD_TEST_PYMAVLINK_PYTHON"]

    @Test(
        "telemetry sent by pymavlink as the drone arrives with its position and battery",
        .enabled(if: python != nil, "skipped: set MIRSAD_TEST_PYMAVLINK_PYTHON to a Python with pymavlink")
    )
    func pymavlinkDrone() async throws {
        let python = try #require(Self.python)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "scripts/mavlink/fake_drone.py")
        try await ServerHarness.with { harness, _ in
            let store = harness.services.store
            try await Self.withListener(store) { port in
                let drone = try await ChildProcess.run(
                    python,
                    [
                        script.path, "--port", "\(port)", "--sysid", "2", "--lat", "29.36", "--lon", "47.97", "--alt",
                        "80", "--battery", "57", "--count", "15", "--rate", "10", "--heading", "90", "--speed", "12",
                    ])
                let log = drone.errors
                #expect(drone.succeeded, "fake_drone.py failed: \(log)")
                let report = try await Self.telemetry(of: DroneAPITests.d2, in: store) {
                    $0.batteryPercent == 57 && $0.lon > 47.97
                }
                let got = try #require(report, "no telemetry from pymavlink: \(log)")
                #expect(got.batteryPercent == 57 && got.armed == true && got.source == .mavlink)
                #expect(abs(got.lat - 29.36) < 0.001 && got.lon > 47.97 && got.lon < 47.975, "flew east")
                #expect(
                    got.heading.map { abs($0 - 90) < 1 } == true && got.groundSpeed.map { abs($0 - 12) < 0.5 } == true)
            }
        }
    }
}
