import Foundation

/// The mission rules. A drone flies for its own sector (or oversight), to an incident the
/// requester can see, when it is free and the plan is feasible; one mission at a time per
/// drone. Missions end once, by completion or abort. Only the platform reports a lost link.
public enum DroneDecider {
    /// Longest time on scene a mission may ask for.
    public static let maxLoiterMinutes = 240.0
    public static let maxNoteLength = 4000

    public static func decide(
        _ command: DroneCommand, mission: DroneMission?, drone: UnitState?, incident: Incident?,
        activeMissionOfDrone: DroneMission?, now: Date, actor: Actor, catalog: JurisdictionIndex
    ) throws(DomainError) -> DroneMissionChanged {
        let policy = AccessPolicy(catalog: catalog)
        if case .startMission(let id, let incidentId, let plan, let authorised) = command {
            try actor.require(.readOperations)
            guard let incident, policy.canSee(incident, actor) else {
                throw .notFound(kind: "incident", id: incidentId.uuidString)
            }
            try actor.require(.flyDrones)
            guard let drone, catalog.units[drone.id]?.drone != nil else {
                throw .invalidField(field: "droneId", reason: "\(plan.droneId) is not a drone of this jurisdiction")
            }
            try policy.checkCommand(of: drone, by: actor)
            guard incident.status.acceptsUnits else {
                throw .conflict(reason: "incident \(incident.number) is \(incident.status.rawValue)")
            }
            guard drone.status.isAssignable, activeMissionOfDrone == nil else {
                throw .conflict(reason: "\(drone.callSign) is \(drone.status.rawValue), not free for a mission")
            }
            guard (0...maxLoiterMinutes).contains(plan.loiterMinutes) else {
                throw .invalidField(field: "loiterMinutes", reason: "must be between 0 and \(Int(maxLoiterMinutes))")
            }
            if let refusal = plan.refusal { throw .conflict(reason: refusal.reason) }
            let mission = DroneMission(
                id: id, droneId: drone.id, callSign: drone.callSign, sector: drone.sector, incidentId: incident.id,
                plan: plan, authorisedZones: authorised, requestedBy: actor.username, startedAt: now)
            return DroneMissionChanged(change: .started, mission: mission)
        }
        try actor.require(.readOperations)
        guard var mission, canSee(mission, incident: incident, actor, policy: policy) else {
            throw .notFound(kind: "mission", id: command.missionID.uuidString)
        }
        let change: DroneMissionChanged.Change
        var finding: DroneFinding?
        var reason: String?
        switch command {
        case .startMission:
            preconditionFailure("handled above")
        case .completeMission, .abortMission:
            try actor.require(.flyDrones)
            try checkFlies(mission, actor, policy: policy)
            guard mission.status == .active else {
                throw .illegalTransition(kind: "mission", from: mission.status.rawValue, to: "ended")
            }
            if case .abortMission(_, let why) = command {
                let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !why.isEmpty, why.count <= 500 else {
                    throw .invalidField(field: "reason", reason: "say why, in 1-500 characters")
                }
                mission.status = .aborted
                mission.endReason = why
                reason = why
                change = .aborted
            } else {
                mission.status = .completed
                change = .completed
            }
            mission.endedAt = now
            mission.linkLostAt = nil
        case .addFinding(_, let note, let location, let snapshot, let id):
            try actor.require(.flyDrones)
            try checkFlies(mission, actor, policy: policy)
            let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= maxNoteLength else {
                throw .invalidField(field: "note", reason: "1-\(maxNoteLength) characters")
            }
            _ = try location?.validated(field: "location")
            finding = DroneFinding(
                id: id, missionId: mission.id, incidentId: mission.incidentId, note: text, location: location,
                snapshot: snapshot, by: actor.username, at: now)
            mission.findings += 1
            change = .findingAdded
        case .reportLink(_, let lost, let lastHeard):
            try actor.require(.watchDroneLinks)
            if lost {
                guard mission.status == .active, mission.linkLostAt == nil else {
                    throw .conflict(reason: "mission \(mission.id) has no link to lose")
                }
                mission.linkLostAt = now
                let heard = lastHeard.map { "last heard \(MirsadJSON.formatTimestamp($0))" } ?? "never heard"
                reason = "no telemetry from \(mission.callSign) (\(heard))"
                change = .linkLost
            } else {
                guard mission.status == .active, mission.linkLostAt != nil else {
                    throw .conflict(reason: "mission \(mission.id) has not lost its link")
                }
                mission.linkLostAt = nil
                change = .linkRestored
            }
        }
        mission.version += 1
        return DroneMissionChanged(change: change, mission: mission, finding: finding, reason: reason)
    }

    /// A mission is seen by its drone's sector, by oversight, and by whoever sees its incident.
    public static func canSee(
        _ mission: DroneMission, incident: Incident?, _ actor: Actor, policy: AccessPolicy
    ) -> Bool {
        guard actor.may(.readOperations) else { return false }
        if policy.hasOversight(actor) || actor.sector == mission.sector { return true }
        return incident.map { policy.canSee($0, actor) } ?? false
    }

    /// Who may see a mission's events: the incident's sectors and the drone's.
    public static func sectors(of mission: DroneMission, incident: Incident?) -> [String] {
        Set((incident?.visibleToSectors ?? []) + [mission.sector]).sorted()
    }

    static func checkFlies(_ mission: DroneMission, _ actor: Actor, policy: AccessPolicy) throws(DomainError) {
        guard policy.hasOversight(actor) || actor.sector == mission.sector else {
            throw .forbidden(reason: "\(mission.callSign) is flown by \(mission.sector)")
        }
    }

    /// Imports zones (each checked, ids unique in the import) or withdraws one.
    public static func decide(
        _ command: AirspaceCommand, known: Set<String>, actor: Actor
    ) throws(DomainError) -> AirspaceChanged {
        try actor.require(.manageAirspace)
        switch command {
        case .importZones(let zones, let source):
            guard !zones.isEmpty else { throw .invalidField(field: "zones", reason: "no zone to import") }
            var seen = Set<String>()
            for (i, zone) in zones.enumerated() {
                try zone.validate(field: "zones[\(i)]")
                guard seen.insert(zone.id).inserted else {
                    throw .invalidField(field: "zones[\(i)].id", reason: "duplicate '\(zone.id)'")
                }
            }
            return AirspaceChanged(change: .imported, zones: zones, removed: [], source: source)
        case .removeZone(let id):
            guard known.contains(id) else { throw .notFound(kind: "zone", id: id) }
            return AirspaceChanged(change: .removed, zones: [], removed: [id], source: nil)
        }
    }
}
