import Foundation

public enum ShelterCommand: Hashable, Sendable {
    /// A new site, set up during an event (a school opened as a shelter).
    case register(ShelterSite)
    /// Opens it; `operation` names the plan that opened it, if one did.
    case open(shelterId: String, operation: UUID?)
    /// Closes it once everyone has left or moved on.
    case close(shelterId: String)
    case updateSupplies(shelterId: String, supplies: [ShelterSupply])

    public var shelterID: String {
        switch self {
        case .register(let site): site.id
        case .open(let id, _), .close(let id), .updateSupplies(let id, _): id
        }
    }
}

public enum EvacueeCommand: Hashable, Sendable {
    /// Registers someone arriving at a shelter.
    case checkIn(shelterId: String, EvacueeRegistration)
    case checkOut(evacuee: UUID, reason: String?)
    /// Moves someone to another open shelter with room (their record goes with them).
    case transfer(evacuee: UUID, to: String)

    public var evacueeID: UUID? {
        switch self {
        case .checkIn: nil
        case .checkOut(let id, _), .transfer(let id, _): id
        }
    }

    /// The shelter the evacuee arrives at, if the command brings them somewhere.
    public var arrivalShelter: String? {
        switch self {
        case .checkIn(let id, _), .transfer(_, let id): id
        case .checkOut: nil
        }
    }
}

/// What an evacuee command changed: the evacuee, and the occupancy of the shelters concerned.
public struct EvacueeDecision: Hashable, Sendable {
    public var change: EvacueeChanged
    public var shelters: [Shelter]
}
