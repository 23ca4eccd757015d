import Foundation

/// The shelter rules: the shelter's own sector (or oversight) runs it; a shelter opens and
/// closes once each way and closes only when empty; an arrival needs an open shelter with a
/// free bed, and a free family place when it starts a new household there.
public enum ShelterDecider {
    public static func decide(
        _ command: ShelterCommand, shelter: Shelter?, now: Date, actor: Actor, catalog: JurisdictionIndex
    ) throws(DomainError) -> ShelterChanged {
        try actor.require(.readShelters)
        let policy = AccessPolicy(catalog: catalog)
        if case .register(let site) = command {
            try actor.require(.manageShelters)
            try site.validate(
                sectors: Set(catalog.sectors.keys), governorates: Set(catalog.governorates.keys), field: "")
            try policy.checkRuns(sector: site.sector, by: actor)
            guard shelter == nil else { throw .conflict(reason: "shelter \(site.id) exists already") }
            var registered = Shelter(site: site)
            registered.version = 1
            return ShelterChanged(change: .registered, shelter: registered)
        }
        guard var shelter else { throw .notFound(kind: "shelter", id: command.shelterID) }
        try actor.require(.manageShelters)
        try policy.checkRuns(sector: shelter.site.sector, by: actor)
        let change: ShelterChanged.Change
        switch command {
        case .register:
            preconditionFailure("handled above")
        case .open(_, let operation):
            guard shelter.status == .closed else { throw .conflict(reason: "shelter \(shelter.id) is open already") }
            shelter.status = .open
            shelter.openedAt = now
            shelter.openedBy = actor.username
            shelter.openedFor = operation
            shelter.closedAt = nil
            shelter.closedBy = nil
            change = .opened
        case .close:
            guard shelter.status == .open else { throw .conflict(reason: "shelter \(shelter.id) is closed already") }
            guard shelter.persons == 0 else {
                throw .conflict(
                    reason:
                        "shelter \(shelter.id) still holds \(shelter.persons) people: check them out or transfer them first"
                )
            }
            shelter.status = .closed
            shelter.closedAt = now
            shelter.closedBy = actor.username
            change = .closed
        case .updateSupplies(_, let supplies):
            try validate(supplies)
            shelter.supplies = supplies
            shelter.suppliesUpdatedAt = now
            change = .suppliesUpdated
        }
        shelter.version += 1
        return ShelterChanged(change: change, shelter: shelter)
    }

    static func validate(_ supplies: [ShelterSupply]) throws(DomainError) {
        guard supplies.count <= 100 else { throw .invalidField(field: "supplies", reason: "at most 100 lines") }
        var items = Set<String>()
        for (i, supply) in supplies.enumerated() {
            guard supply.item.range(of: #"^[a-z0-9][a-z0-9-]{0,63}$"#, options: .regularExpression) != nil else {
                throw .invalidField(field: "supplies[\(i)].item", reason: "1-64 characters of a-z, 0-9 and '-'")
            }
            guard items.insert(supply.item).inserted else {
                throw .invalidField(field: "supplies[\(i)].item", reason: "duplicate '\(supply.item)'")
            }
            guard (0...10_000_000).contains(supply.onHand) else {
                throw .invalidField(field: "supplies[\(i)].onHand", reason: "must be between 0 and 10000000")
            }
            guard (0...10_000_000).contains(supply.needed) else {
                throw .invalidField(field: "supplies[\(i)].needed", reason: "must be between 0 and 10000000")
            }
        }
    }

    /// `evacuee` is the record the command names, `departure` the shelter they are in and
    /// `arrival` the one they go to; `household` counts the members of their household present
    /// at each (the evacuee included at the departure), for the family places.
    public static func decide(
        _ command: EvacueeCommand, evacuee: Evacuee?, departure: Shelter?, arrival: Shelter?,
        household: (atDeparture: Int, atArrival: Int), newID: UUID, now: Date, actor: Actor,
        catalog: JurisdictionIndex
    ) throws(DomainError) -> EvacueeDecision {
        try actor.require(.readShelters)
        let policy = AccessPolicy(catalog: catalog)
        if let id = command.evacueeID {
            guard let evacuee, policy.canSee(evacuee, actor) else {
                throw .notFound(kind: "evacuee", id: id.uuidString)
            }
        }
        try actor.require(.registerEvacuees)
        if let id = command.arrivalShelter {
            guard let arrival else { throw .notFound(kind: "shelter", id: id) }
            try policy.checkRuns(sector: arrival.site.sector, by: actor)
        }
        switch command {
        case .checkIn(_, let registration):
            try registration.validate()
            var arrival = arrival!
            let code = registration.household ?? "H-" + newID.uuidString.prefix(8).uppercased()
            try admit(to: &arrival, newHousehold: household.atArrival == 0)
            let evacuee = Evacuee(
                id: newID, shelter: arrival, registration: registration, household: code, at: now,
                by: actor.username)
            return EvacueeDecision(change: EvacueeChanged(change: .checkedIn, evacuee: evacuee), shelters: [arrival])

        case .checkOut(_, let reason):
            var evacuee = evacuee!
            try policy.checkRuns(sector: evacuee.sector, by: actor)
            guard evacuee.status == .present else { throw .conflict(reason: "the evacuee has left already") }
            if let reason { try ShelterText.check(reason, field: "reason", max: 500) }
            evacuee.status = .left
            evacuee.leftAt = now
            evacuee.leftBy = actor.username
            evacuee.leftReason = reason
            evacuee.stays[evacuee.stays.count - 1].to = now
            evacuee.version += 1
            var shelters: [Shelter] = []
            if var departure {
                departure.leave(lastOfHousehold: household.atDeparture <= 1)
                shelters.append(departure)
            }
            return EvacueeDecision(change: EvacueeChanged(change: .checkedOut, evacuee: evacuee), shelters: shelters)

        case .transfer:
            var evacuee = evacuee!
            var arrival = arrival!
            try policy.checkRuns(sector: evacuee.sector, by: actor)
            guard evacuee.status == .present else { throw .conflict(reason: "the evacuee has left already") }
            guard arrival.id != evacuee.shelterId else {
                throw .conflict(reason: "the evacuee is at \(arrival.id) already")
            }
            let from = evacuee.shelterId
            try admit(to: &arrival, newHousehold: household.atArrival == 0)
            evacuee.stays[evacuee.stays.count - 1].to = now
            evacuee.stays.append(EvacueeStay(shelterId: arrival.id, from: now))
            evacuee.shelterId = arrival.id
            evacuee.sector = arrival.site.sector
            evacuee.version += 1
            var shelters = [arrival]
            if var departure {
                departure.leave(lastOfHousehold: household.atDeparture <= 1)
                shelters.insert(departure, at: 0)
            }
            return EvacueeDecision(
                change: EvacueeChanged(change: .transferred, evacuee: evacuee, fromShelter: from), shelters: shelters)
        }
    }

    private static func admit(to shelter: inout Shelter, newHousehold: Bool) throws(DomainError) {
        guard shelter.status == .open else { throw .conflict(reason: ShelterDecider.closedReason(shelter.id)) }
        guard shelter.canTake(persons: 1, households: newHousehold ? 1 : 0) else {
            throw .conflict(reason: ShelterDecider.fullReason(shelter.id))
        }
        shelter.persons += 1
        if newHousehold { shelter.families += 1 }
        shelter.version += 1
    }

    /// The words of the refusal at a full shelter (the server adds where to go instead).
    public static func fullReason(_ shelterID: String) -> String { "shelter \(shelterID) is full" }
    public static func closedReason(_ shelterID: String) -> String { "shelter \(shelterID) is closed" }
}

extension Shelter {
    mutating func leave(lastOfHousehold: Bool) {
        persons = max(0, persons - 1)
        if lastOfHousehold { families = max(0, families - 1) }
        version += 1
    }
}
