/// Function-level rules: which roles may perform which action, whatever the object.
/// Object-level (sector) rules live in `AccessPolicy`.
public enum Permission: String, Sendable, CaseIterable {
    case readOperations
    case createIncident
    case addNote
    case changeIncidentStatus
    case changePriority
    case changeIncidentType
    case mergeIncidents
    case assignUnits
    case changeUnitStatus
    case reportPositions
    case shareIncident
    case manageUsers
    case readAudit
    case runAnalytics
    case manageRoadClosures
    /// Writing public warnings (CAP) for approval.
    case draftPublicAlerts
    /// The second person of the two-person rule: publishing or rejecting someone else's draft.
    case approvePublicAlerts
    /// Only the platform itself (early warning) raises analytic alerts.
    case raiseAnalyticAlerts
    /// Starting an emergency plan by hand and standing it down.
    case activatePlaybooks
    /// Acknowledging and completing the tasks an operation gave one's sector.
    case workOperationTasks
    /// Only the platform itself escalates overdue tasks.
    case escalateOverdueTasks
    /// Only the platform itself (the CAP feed poller) records other agencies' warnings.
    case ingestWarnings
    /// Seeing shelters, their occupancy and the nearest with room.
    case readShelters
    /// Registering, opening and closing shelters and keeping their supplies (own sector).
    case manageShelters
    /// Checking evacuees in and out and moving them (own sector), and reading who they are.
    case registerEvacuees
    /// Sending the sector's drones on missions, ending them and recording what they found.
    case flyDrones
    /// Importing and withdrawing no-fly zones.
    case manageAirspace
    /// Only the platform itself reports a drone's lost telemetry.
    case watchDroneLinks
    /// Relaying the readings of the sector's sensors (a gauge gateway, a fire panel bridge).
    case reportReadings

    /// Roles granted the permission.
    public var roles: Set<Role> {
        switch self {
        case .readOperations:
            [.callTaker, .dispatcher, .supervisor, .analyst, .sectorLiaison, .admin, .publicInformation]
        case .createIncident: [.callTaker, .dispatcher, .supervisor]
        case .addNote: [.callTaker, .dispatcher, .supervisor, .sectorLiaison]
        case .changeIncidentStatus, .assignUnits, .changeUnitStatus: [.dispatcher, .supervisor]
        case .changeIncidentType: [.dispatcher, .supervisor]
        case .changePriority, .mergeIncidents: [.supervisor]
        case .reportPositions, .reportReadings: [.dispatcher, .supervisor, .admin]
        case .shareIncident: [.supervisor, .sectorLiaison]
        case .manageUsers, .readAudit: [.admin]
        case .runAnalytics: [.analyst, .supervisor]
        case .manageRoadClosures: [.dispatcher, .supervisor]
        case .draftPublicAlerts: [.publicInformation]
        case .approvePublicAlerts: [.supervisor, .publicInformation]
        case .activatePlaybooks: [.supervisor]
        case .workOperationTasks: [.dispatcher, .supervisor, .sectorLiaison]
        case .raiseAnalyticAlerts, .ingestWarnings, .escalateOverdueTasks, .watchDroneLinks: []
        case .readShelters:
            [
                .callTaker, .dispatcher, .supervisor, .analyst, .sectorLiaison, .admin, .publicInformation,
                .shelterStaff,
            ]
        case .manageShelters: [.supervisor, .shelterStaff]
        case .registerEvacuees: [.dispatcher, .supervisor, .shelterStaff]
        case .flyDrones: [.dispatcher, .supervisor]
        case .manageAirspace: [.supervisor, .admin]
        }
    }
}

extension Actor {
    /// The platform acting by itself (simulator, loader) is not bound by role rules.
    public var isSystem: Bool { self == .system }

    public func may(_ permission: Permission) -> Bool { isSystem || permission.roles.contains(role) }

    /// Throws `forbidden` naming the missing permission.
    public func require(_ permission: Permission) throws(DomainError) {
        guard may(permission) else {
            throw .forbidden(reason: "role '\(role.rawValue)' may not \(permission.rawValue)")
        }
    }
}
