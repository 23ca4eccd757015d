import ArgumentParser
import Foundation
import Logging
import MirsadServer
import MirsadStore
import ServiceLifecycle

/// `--mavlink-port`, `--mavlink-host`: where drones' MAVLink telemetry arrives over UDP.
struct MAVLinkOptions: ParsableArguments {
    @Option(help: "UDP port for drones' MAVLink 2 telemetry; off unless given (env MIRSAD_MAVLINK_PORT).")
    var mavlinkPort: Int?

    @Option(help: "Address the MAVLink port listens on (env MIRSAD_MAVLINK_HOST; default 127.0.0.1).")
    var mavlinkHost: String?

    func resolvedPort() throws -> Int? {
        if let mavlinkPort { return try checked(mavlinkPort, "--mavlink-port") }
        guard let text = ProcessInfo.processInfo.environment["MIRSAD_MAVLINK_PORT"] else { return nil }
        guard let port = Int(text) else {
            throw ValidationError("MIRSAD_MAVLINK_PORT must be a number, got '\(text)'")
        }
        return try checked(port, "MIRSAD_MAVLINK_PORT")
    }

    private func checked(_ port: Int, _ name: String) throws -> Int {
        guard (0...65535).contains(port) else { throw ValidationError("\(name) must be between 0 and 65535") }
        return port
    }

    /// The listener, when a port is set.
    func services(store: EventStore, logger: Logger) throws -> [any Service] {
        guard let port = try resolvedPort() else { return [] }
        let host = mavlinkHost ?? ProcessInfo.processInfo.environment["MIRSAD_MAVLINK_HOST"] ?? "127.0.0.1"
        return [
            MAVLinkListener(
                store: store, host: host, port: port, logger: logger,
                onBound: { say("MAVLink telemetry on udp://\(host):\($0)") })
        ]
    }
}
