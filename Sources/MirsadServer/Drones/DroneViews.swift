import Foundation
import MirsadDomain

/// A drone as the board shows it: the unit, its airframe, its latest telemetry and mission.
struct DroneView: Encodable, Sendable {
    var id: UUID
    var callSign: String
    var sector: String
    var homeStation: String
    var status: UnitStatus
    var incidentId: UUID?
    var profile: DroneProfile
    var telemetry: DroneTelemetry?
    /// Seconds since the last report, when there was one.
    var telemetryAgeSeconds: Double?
    var missionId: UUID?
}

struct MissionList: Encodable, Sendable {
    var missions: [DroneMission]
}

struct PlanList: Encodable, Sendable {
    /// Feasible plans first, quickest to the target first.
    var plans: [MissionPlan]
}

struct FindingList: Encodable, Sendable {
    var findings: [DroneFinding]
}
