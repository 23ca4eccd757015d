import Foundation

/// What operators ask of drones. A mission's plan is computed before the command (it needs the
/// zones, the roads are not involved, and it is pure), and the decider checks it is feasible.
public enum DroneCommand: Hashable, Sendable {
    case startMission(id: UUID, incidentId: UUID, plan: MissionPlan, authorisedZones: [String])
    case completeMission(missionId: UUID)
    case abortMission(missionId: UUID, reason: String)
    case addFinding(missionId: UUID, note: String, location: Coordinate?, snapshot: DroneFinding.Snapshot?, id: UUID)
    /// The platform noticed the drone's telemetry stopped, or came back.
    case reportLink(missionId: UUID, lost: Bool, lastHeard: Date?)

    public var missionID: UUID {
        switch self {
        case .startMission(let id, _, _, _): id
        case .completeMission(let id), .abortMission(let id, _), .addFinding(let id, _, _, _, _),
            .reportLink(let id, _, _):
            id
        }
    }
}

/// Airspace changes: importing and withdrawing no-fly zones.
public enum AirspaceCommand: Hashable, Sendable {
    case importZones([UASZone], source: String?)
    case removeZone(id: String)
}
