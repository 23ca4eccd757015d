import Foundation
import MirsadDomain

/// Turns a drone's MAVLink messages into telemetry reports. A drone sends its battery
/// (SYS_STATUS) and its state (HEARTBEAT) about once a second and its position
/// (GLOBAL_POSITION_INT) several times a second; each position becomes one report carrying the
/// latest battery and state heard from the same system. Systems the jurisdiction does not list
/// are counted and ignored: a MAVLink system id is not a credential, so only the configured
/// drones' ids are taken, on a link the operator controls.
struct MAVLinkTelemetryAssembler {
    private var battery: [UInt8: MAVLinkSysStatus] = [:]
    private var heartbeat: [UInt8: MAVLinkHeartbeat] = [:]
    /// Systems heard that the jurisdiction does not list (a drone set up with the wrong id, say).
    private(set) var unknownSystems: Set<UInt8> = []
    /// Drones whose autopilot beat since the last `takeHeard()`, and when.
    private var heard: [UUID: Date] = [:]

    /// The heartbeats gathered since the last call.
    mutating func takeHeard() -> [UUID: Date] {
        defer { heard = [:] }
        return heard
    }
    /// MAV_AUTOPILOT_INVALID: a component that is not a flight controller.
    static let invalidAutopilot: UInt8 = 8

    /// The report `frame` completes, if it is a position of a known drone.
    mutating func take(_ frame: MAVLinkFrame, catalog: JurisdictionIndex, at now: Date) -> DroneTelemetry? {
        guard let drone = catalog.dronesByMAVLinkID[Int(frame.systemID)] else {
            unknownSystems.insert(frame.systemID)
            return nil
        }
        switch MAVLinkMessage(frame: frame) {
        case .heartbeat(let message):
            // A camera or gimbal on the same system beats too; only the autopilot's state counts.
            if message.autopilot != Self.invalidAutopilot {
                heartbeat[frame.systemID] = message
                heard[drone.id] = now
            }
            return nil
        case .sysStatus(let message):
            battery[frame.systemID] = message
            return nil
        case .globalPosition(let position):
            // Autopilots send 0, 0 before the first GPS fix.
            guard position.latitudeE7 != 0 || position.longitudeE7 != 0 else { return nil }
            let status = battery[frame.systemID]
            let beat = heartbeat[frame.systemID]
            return DroneTelemetry(
                unitId: drone.id, at: now, lat: position.latitude, lon: position.longitude,
                altitude: position.altitude, relativeAltitude: position.relativeAltitude,
                groundSpeed: position.groundSpeed, heading: position.heading.map { $0 >= 360 ? 0 : $0 },
                batteryPercent: status?.batteryRemaining.map { Double(min(max($0, 0), 100)) },
                voltage: status?.batteryVolts, armed: beat?.isArmed, state: beat?.state.map { "\($0)" },
                source: .mavlink)
        case nil:
            return nil
        }
    }
}
