import Foundation

/// The slice of state a command touches: the incidents and units the store loaded for it.
/// `apply` is the one projection used everywhere: live commands, read-model rebuilds, tests.
public struct WorkingSet: Sendable {
    public let catalog: JurisdictionIndex
    public var incidents: [UUID: Incident]
    public var units: [UUID: UnitState]

    public init(catalog: JurisdictionIndex, incidents: [UUID: Incident] = [:], units: [UUID: UnitState] = [:]) {
        self.catalog = catalog
        self.incidents = incidents
        self.units = units
    }

    /// Folds one event into the incidents and units it concerns (those present in the set).
    public mutating func apply(_ payload: EventPayload, at: Date) {
        switch payload {
        case .incidentCreated(let e):
            incidents[e.incident.id] = e.incident

        case .incidentStatusChanged(let e):
            updateIncident(e.incidentId, at: at) { incident in
                incident.status = e.to
                if incident.statusTimes[e.to] == nil { incident.statusTimes[e.to] = at }
            }

        case .incidentNoteAdded(let e):
            updateIncident(e.incidentId, at: at) { $0.notes.append(e.note) }

        case .incidentPriorityChanged(let e):
            updateIncident(e.incidentId, at: at) { $0.priority = e.to }

        case .incidentTypeChanged(let e):
            updateIncident(e.incidentId, at: at) { incident in
                incident.type = e.to
                incident.family = e.family
                incident.owningSector = e.owningSector
            }

        case .incidentMerged(let e):
            updateIncident(e.incidentId, at: at) { incident in
                incident.mergedInto = e.into
                incident.status = .closed
                if incident.statusTimes[.closed] == nil { incident.statusTimes[.closed] = at }
            }
            updateIncident(e.into, at: at) { $0.mergedFrom.append(e.incidentId) }

        case .incidentShared(let e):
            updateIncident(e.incidentId, at: at) { incident in
                incident.sharedWith.append(IncidentShare(sector: e.sector, reason: e.reason, by: e.by, at: at))
            }

        case .incidentShareRevoked(let e):
            updateIncident(e.incidentId, at: at) { incident in
                for i in incident.sharedWith.indices
                where incident.sharedWith[i].sector == e.sector && incident.sharedWith[i].revokedAt == nil {
                    incident.sharedWith[i].revokedAt = at
                }
            }

        case .unitAssigned(let e):
            if let previous = units[e.unitId]?.incidentId, previous != e.incidentId {
                detach(unit: e.unitId, from: previous, at: at)
            }
            updateIncident(e.incidentId, at: at) { incident in
                if !incident.assignedUnits.contains(e.unitId) { incident.assignedUnits.append(e.unitId) }
                incident.assignmentHistory.append(AssignmentRecord(unitId: e.unitId, sector: e.sector, assignedAt: at))
            }
            updateUnit(e.unitId, at: at) { $0.incidentId = e.incidentId }

        case .unitStatusChanged(let e):
            updateUnit(e.unitId, at: at) { unit in
                unit.status = e.to
                unit.statusChangedAt = at
            }
            if !e.to.isCommitted, let incidentId = e.incidentId {
                detach(unit: e.unitId, from: incidentId, at: at)
            }

        case .jurisdictionLoaded, .userChanged, .securityEvent, .analyticAlert, .roadClosure, .publicAlert,
            .externalWarning, .operation, .shelter, .evacuee, .droneMission, .airspace, .sensor:
            break
        }
    }

    /// Ends a unit's work on an incident: it leaves the active list and its history record closes.
    private mutating func detach(unit unitId: UUID, from incidentId: UUID, at: Date) {
        updateIncident(incidentId, at: at) { incident in
            incident.assignedUnits.removeAll { $0 == unitId }
            if let i = incident.assignmentHistory.lastIndex(where: { $0.unitId == unitId && $0.releasedAt == nil }) {
                incident.assignmentHistory[i].releasedAt = at
            }
        }
        if units[unitId]?.incidentId == incidentId {
            units[unitId]?.incidentId = nil
        }
    }

    private mutating func updateIncident(_ id: UUID, at: Date, _ change: (inout Incident) -> Void) {
        guard var incident = incidents[id] else { return }
        change(&incident)
        incident.updatedAt = at
        incident.version += 1
        incidents[id] = incident
    }

    private mutating func updateUnit(_ id: UUID, at: Date, _ change: (inout UnitState) -> Void) {
        guard var unit = units[id] else { return }
        change(&unit)
        unit.version += 1
        units[id] = unit
    }
}
