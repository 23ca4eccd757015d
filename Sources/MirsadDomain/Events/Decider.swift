import Foundation

/// What the store supplies for a command besides the loaded state.
public struct CommandContext: Sendable {
    public var now: Date
    public var actor: Actor
    /// For `createIncident`: the id and yearly number reserved for the new incident.
    public var newIncidentID: UUID?
    public var newIncidentNumber: String?
    /// For `createIncident`: open incidents near the new one (pre-filtered by the store's index).
    public var duplicateCandidates: [Incident]
    /// For `raiseAnalyticAlert`: an alert with the same key was raised before.
    public var alertAlreadyRaised = false

    public init(
        now: Date, actor: Actor, newIncidentID: UUID? = nil, newIncidentNumber: String? = nil,
        duplicateCandidates: [Incident] = []
    ) {
        self.now = now
        self.actor = actor
        self.newIncidentID = newIncidentID
        self.newIncidentNumber = newIncidentNumber
        self.duplicateCandidates = duplicateCandidates
    }
}

/// Possible-duplicate rule: same type family, still open, within this distance and time.
public enum DuplicateRule {
    public static let radiusMetres = 300.0
    public static let window: TimeInterval = 15 * 60
}

/// Checks commands against state and rules and turns them into events.
///
/// Each event is applied to the working set as soon as it is decided, so later steps of the
/// same command (and later commands in the same batch) see its effect.
public struct Decider: Sendable {
    public var state: WorkingSet

    public init(state: WorkingSet) {
        self.state = state
    }

    /// Executes one command; returns the events to append (ids are assigned by the store).
    /// On error nothing of the command is kept in `state`.
    public mutating func execute(_ command: Command, context: CommandContext) throws(DomainError) -> [EventEnvelope] {
        let saved = state
        var emitter = Emitter(now: context.now, actor: context.actor)
        do {
            try decide(command, context: context, emitter: &emitter)
        } catch {
            state = saved
            throw error
        }
        return emitter.events
    }

    // MARK: - Commands

    private mutating func decide(_ command: Command, context: CommandContext, emitter: inout Emitter)
        throws(DomainError)
    {
        let actor = context.actor
        try actor.require(.readOperations)
        // Objects the caller may not see do not exist for it: writes answer as reads do (404).
        // The lookup comes before any role or validity check, so an absent id and a hidden one
        // give the same answer whatever the role or body.
        let policy = AccessPolicy(catalog: state.catalog)
        for id in command.incidentIDs {
            guard let incident = state.incidents[id], policy.canSee(incident, actor) else {
                throw .notFound(kind: "incident", id: id.uuidString)
            }
        }
        switch command {
        case .createIncident(let create):
            try actor.require(.createIncident)
            try createIncident(create, context: context, emitter: &emitter)

        case .changeIncidentStatus(let id, let to, let reason):
            try actor.require(.changeIncidentStatus)
            try changeIncidentStatus(id, to: to, reason: reason, emitter: &emitter)

        case .addNote(let id, let text):
            try actor.require(.addNote)
            let incident = try incident(id)
            try AccessPolicy(catalog: state.catalog).checkWrite(field: "notes", of: incident, by: actor)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .invalidField(field: "text", reason: "must not be empty") }
            guard trimmed.count <= 10_000 else {
                throw .invalidField(field: "text", reason: "at most 10000 characters")
            }
            let note = IncidentNote(
                id: UUID(), text: trimmed, author: actor.username, sector: actor.sector, at: context.now)
            emit(.incidentNoteAdded(.init(incidentId: incident.id, note: note)), &emitter)

        case .changePriority(let id, let priority, let reason):
            try actor.require(.changePriority)
            let incident = try openIncident(id)
            guard (1...4).contains(priority) else { throw .invalidField(field: "priority", reason: "must be 1 to 4") }
            let reason = try requireReason(reason)
            guard priority != incident.priority else {
                throw .conflict(reason: "incident already has priority \(priority)")
            }
            emit(
                .incidentPriorityChanged(.init(incidentId: id, from: incident.priority, to: priority, reason: reason)),
                &emitter)

        case .changeIncidentType(let id, let code, let reason):
            try actor.require(.changeIncidentType)
            let incident = try openIncident(id)
            let type = try state.catalog.incidentType(code)
            let reason = try requireReason(reason)
            guard code != incident.type else { throw .conflict(reason: "incident already has type \(code)") }
            emit(
                .incidentTypeChanged(
                    .init(
                        incidentId: id, from: incident.type, to: code, family: type.family,
                        owningSector: type.owningSector, reason: reason)), &emitter)

        case .mergeIncident(let id, let into, let reason):
            try actor.require(.mergeIncidents)
            try merge(id, into: into, reason: reason, emitter: &emitter)

        case .assignUnits(let id, let unitIds):
            try actor.require(.assignUnits)
            guard !unitIds.isEmpty else { throw .invalidField(field: "unitIds", reason: "must not be empty") }
            guard Set(unitIds).count == unitIds.count else {
                throw .invalidField(field: "unitIds", reason: "lists a unit twice")
            }
            for unitId in unitIds { try assign(unitId, to: id, emitter: &emitter) }

        case .releaseUnit(let id, let unitId, let reason):
            try actor.require(.assignUnits)
            let unit = try unit(unitId)
            guard unit.incidentId == id, unit.status.isCommitted else {
                throw .conflict(reason: "unit \(unit.callSign) is not assigned to this incident")
            }
            try release(unit, reason: reason ?? "released by dispatcher", emitter: &emitter)

        case .changeUnitStatus(let unitId, let to, let reason):
            try actor.require(.changeUnitStatus)
            let unit = try unit(unitId)
            try policy.checkCommand(of: unit, by: actor)
            // A unit's status can move its incident on or clear it: never one the caller cannot see.
            if let incidentId = unit.incidentId, let incident = state.incidents[incidentId],
                !policy.canSee(incident, actor)
            {
                throw .forbidden(reason: "unit \(unit.callSign) is working an incident of another sector")
            }
            try changeUnitStatus(unitId, to: to, reason: reason, emitter: &emitter)

        case .shareIncident(let id, let sector, let reason):
            try actor.require(.shareIncident)
            let incident = try incident(id)
            try policy.checkShare(incident, by: actor)
            guard state.catalog.sectors[sector] != nil else {
                throw .invalidField(field: "sector", reason: "unknown sector '\(sector)'")
            }
            let reason = try requireReason(reason)
            guard !incident.visibleToSectors.contains(sector) else {
                throw .conflict(reason: "sector \(sector) can already see this incident")
            }
            emit(.incidentShared(.init(incidentId: id, sector: sector, reason: reason, by: actor.username)), &emitter)

        case .revokeShare(let id, let sector, let reason):
            try actor.require(.shareIncident)
            let incident = try incident(id)
            try policy.checkShare(incident, by: actor)
            guard incident.sharedWith.contains(where: { $0.sector == sector && $0.revokedAt == nil }) else {
                throw .notFound(kind: "share", id: sector)
            }
            // Sectors keep seeing the event that takes their access away.
            emitter.extraSectors = [sector]
            emit(.incidentShareRevoked(.init(incidentId: id, sector: sector, reason: reason)), &emitter)

        case .raiseAnalyticAlert(let alert, let key, let audience):
            try actor.require(.raiseAnalyticAlerts)
            guard !key.isEmpty else { throw .invalidField(field: "key", reason: "must not be empty") }
            guard !context.alertAlreadyRaised else { throw .conflict(reason: "alert \(key) was raised before") }
            for sector in audience where state.catalog.sectors[sector] == nil {
                throw .invalidField(field: "audience", reason: "unknown sector '\(sector)'")
            }
            emitter.extraSectors = Set(audience)
            emit(.analyticAlert(alert), &emitter)
        }
    }

    private mutating func createIncident(
        _ create: CreateIncident, context: CommandContext, emitter: inout Emitter
    ) throws(DomainError) {
        let type = try state.catalog.incidentType(create.type)
        let location = try create.location.validated()
        let priority = create.priority ?? type.defaultPriority
        guard (1...4).contains(priority) else { throw .invalidField(field: "priority", reason: "must be 1 to 4") }
        if let address = create.address, address.count > 500 {
            throw .invalidField(field: "address", reason: "at most 500 characters")
        }
        if let narrative = create.narrative, narrative.count > 20_000 {
            throw .invalidField(field: "narrative", reason: "at most 20000 characters")
        }
        guard let id = context.newIncidentID, let number = context.newIncidentNumber else {
            throw .conflict(reason: "no incident number reserved")
        }
        // Only incidents the caller may see are named: a duplicate link must not reveal a hidden incident.
        let policy = AccessPolicy(catalog: state.catalog)
        let duplicate = Self.possibleDuplicate(
            of: location, family: type.family, at: context.now,
            among: context.duplicateCandidates.filter { policy.canSee($0, context.actor) })
        let incident = Incident(
            id: id, number: number, type: type, priority: priority, location: location, address: create.address,
            caller: create.caller, narrative: create.narrative, createdAt: context.now, possibleDuplicateOf: duplicate)
        emit(.incidentCreated(.init(incident: incident)), &emitter)
    }

    /// The nearest open incident of the same family within the duplicate radius and window.
    public static func possibleDuplicate(
        of location: Coordinate, family: String, at now: Date, among candidates: [Incident]
    ) -> UUID? {
        candidates
            .filter { candidate in
                candidate.family == family && candidate.status.isOpen && candidate.mergedInto == nil
                    && now.timeIntervalSince(candidate.createdAt) <= DuplicateRule.window
                    && now >= candidate.createdAt.addingTimeInterval(-1)
            }
            .map { ($0.id, $0.location.distance(to: location)) }
            .filter { $0.1 <= DuplicateRule.radiusMetres }
            .min { $0.1 < $1.1 }?.0
    }

    private mutating func changeIncidentStatus(
        _ id: UUID, to: IncidentStatus, reason: String?, emitter: inout Emitter
    ) throws(DomainError) {
        let incident = try incident(id)
        guard incident.status.canMove(to: to) else {
            throw .illegalTransition(kind: "incident", from: incident.status.rawValue, to: to.rawValue)
        }
        switch to {
        case .dispatched, .enRoute, .onScene:
            guard !incident.assignedUnits.isEmpty else {
                throw .conflict(reason: "assign a unit before moving the incident to \(to.rawValue)")
            }
        case .cleared, .cancelled:
            // Every unit still working it is released first, so no unit is left bound to a finished incident.
            for unitId in incident.assignedUnits {
                let unit = try unit(unitId)
                try release(unit, reason: "incident \(to.rawValue)", emitter: &emitter, cascade: false)
            }
        case .received, .closed:
            break
        }
        emit(.incidentStatusChanged(.init(incidentId: id, from: incident.status, to: to, reason: reason)), &emitter)
    }

    private mutating func merge(_ id: UUID, into target: UUID, reason: String?, emitter: inout Emitter)
        throws(DomainError)
    {
        guard id != target else { throw .invalidField(field: "into", reason: "an incident cannot merge into itself") }
        let source = try incident(id)
        let survivor = try incident(target)
        guard source.mergedInto == nil, source.status.isOpen else {
            throw .conflict(reason: "incident \(source.number) is no longer open")
        }
        guard survivor.mergedInto == nil, survivor.status.acceptsUnits else {
            throw .conflict(reason: "incident \(survivor.number) cannot take over work")
        }
        // Units working the duplicate move over to the survivor with their status.
        for unitId in source.assignedUnits {
            let unit = try unit(unitId)
            emit(
                .unitAssigned(.init(unitId: unitId, incidentId: target, callSign: unit.callSign, sector: unit.sector)),
                &emitter)
        }
        emitter.extraSectors = state.incidents[id]?.visibleToSectors ?? []
        emit(.incidentMerged(.init(incidentId: id, into: target, reason: reason)), &emitter)
        emitter.extraSectors = []
        try advanceIncidentFromUnits(target, emitter: &emitter)
    }

    private mutating func assign(_ unitId: UUID, to incidentId: UUID, emitter: inout Emitter) throws(DomainError) {
        let incident = try incident(incidentId)
        guard incident.mergedInto == nil, incident.status.acceptsUnits else {
            throw .conflict(reason: "incident \(incident.number) is \(incident.status.rawValue) and takes no units")
        }
        let unit = try unit(unitId)
        if unit.incidentId == incidentId && unit.status.isCommitted {
            throw .conflict(reason: "unit \(unit.callSign) is already on this incident")
        }
        guard unit.status.isAssignable else {
            if unit.status.isCommitted {
                throw .conflict(reason: "unit \(unit.callSign) is already committed to another incident")
            }
            throw .conflict(reason: "unit \(unit.callSign) is \(unit.status.rawValue)")
        }
        emit(
            .unitAssigned(.init(unitId: unitId, incidentId: incidentId, callSign: unit.callSign, sector: unit.sector)),
            &emitter)
        emit(
            .unitStatusChanged(.init(unitId: unitId, from: unit.status, to: .dispatched, incidentId: incidentId)),
            &emitter)
        try advanceIncidentFromUnits(incidentId, emitter: &emitter)
    }

    private mutating func changeUnitStatus(
        _ unitId: UUID, to: UnitStatus, reason: String?, emitter: inout Emitter
    ) throws(DomainError) {
        let unit = try unit(unitId)
        guard to != .dispatched else {
            throw .conflict(reason: "a unit is dispatched by assigning it to an incident")
        }
        guard unit.status.canMove(to: to) else {
            throw .illegalTransition(kind: "unit", from: unit.status.rawValue, to: to.rawValue)
        }
        if unit.status.isCommitted && !to.isCommitted {
            try release(unit, reason: reason ?? "unit reported \(to.rawValue)", to: to, emitter: &emitter)
            return
        }
        emit(
            .unitStatusChanged(
                .init(
                    unitId: unitId, from: unit.status, to: to, incidentId: unit.incidentId,
                    reason: reason)), &emitter)
        if let incidentId = unit.incidentId { try advanceIncidentFromUnits(incidentId, emitter: &emitter) }
    }

    /// Frees a unit from its incident; when the last unit leaves an incident that was worked
    /// on scene, the incident is cleared.
    private mutating func release(
        _ unit: UnitState, reason: String, to explicit: UnitStatus? = nil, emitter: inout Emitter, cascade: Bool = true
    ) throws(DomainError) {
        let target = explicit ?? (unit.status == .onScene ? .returning : .available)
        emit(
            .unitStatusChanged(
                .init(
                    unitId: unit.id, from: unit.status, to: target, incidentId: unit.incidentId,
                    reason: reason)), &emitter)
        guard cascade, let incidentId = unit.incidentId, let incident = state.incidents[incidentId] else { return }
        if incident.assignedUnits.isEmpty && incident.status == .onScene {
            emit(
                .incidentStatusChanged(
                    .init(
                        incidentId: incidentId, from: .onScene, to: .cleared, reason: "all units cleared")), &emitter)
        }
    }

    /// Moves an incident forward to match its most advanced unit (dispatched < en route < on scene).
    private mutating func advanceIncidentFromUnits(_ incidentId: UUID, emitter: inout Emitter) throws(DomainError) {
        guard let incident = state.incidents[incidentId] else { return }
        let statuses = incident.assignedUnits.compactMap { state.units[$0]?.status }
        let derived: IncidentStatus? =
            statuses.contains(.onScene)
            ? .onScene
            : statuses.contains(.enRoute)
                ? .enRoute
                : statuses.contains(.dispatched) ? .dispatched : nil
        guard let derived else { return }
        // Step through the statuses the machine requires (received → dispatched) but skip optional ones.
        var current = incident.status
        while current < derived,
            let next = current.allowedNext.filter({ $0 != .cancelled && $0 <= derived }).max()
        {
            emit(.incidentStatusChanged(.init(incidentId: incidentId, from: current, to: next, reason: nil)), &emitter)
            current = next
        }
    }

    // MARK: - Helpers

    private func incident(_ id: UUID) throws(DomainError) -> Incident {
        guard let incident = state.incidents[id] else { throw .notFound(kind: "incident", id: id.uuidString) }
        return incident
    }

    private func openIncident(_ id: UUID) throws(DomainError) -> Incident {
        let incident = try incident(id)
        guard incident.status.isOpen else {
            throw .conflict(reason: "incident \(incident.number) is \(incident.status.rawValue)")
        }
        return incident
    }

    private func unit(_ id: UUID) throws(DomainError) -> UnitState {
        guard let unit = state.units[id] else { throw .notFound(kind: "unit", id: id.uuidString) }
        return unit
    }

    private func requireReason(_ reason: String) throws(DomainError) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField(field: "reason", reason: "a reason is required") }
        return trimmed
    }

    /// Applies the event and records it with the sectors that may see it afterwards.
    private mutating func emit(_ payload: EventPayload, _ emitter: inout Emitter) {
        state.apply(payload, at: emitter.now)
        var sectors = emitter.extraSectors
        var incidentType: String?
        if let incidentId = payload.incidentId, let incident = state.incidents[incidentId] {
            sectors.formUnion(incident.visibleToSectors)
            incidentType = incident.type
        }
        if let unitId = payload.unitId, let unit = state.units[unitId] {
            sectors.insert(unit.sector)
        }
        emitter.events.append(
            EventEnvelope(
                at: emitter.now, actor: emitter.actor, sectors: sectors.sorted(), incidentType: incidentType,
                payload: payload))
    }
}

/// Collects the events one command produces.
struct Emitter {
    let now: Date
    let actor: Actor
    var events: [EventEnvelope] = []
    /// Sectors added to the next events' audience (e.g. the sector whose share is revoked).
    var extraSectors: Set<String> = []
}
