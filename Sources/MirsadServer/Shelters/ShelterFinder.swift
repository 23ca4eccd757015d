import Foundation
import HTTPTypes
import MirsadDomain
import MirsadGeo

/// An open shelter with room, and how far it is.
struct ShelterChoice: Encodable, Sendable {
    var shelter: ShelterView
    var etaSeconds: Double
    var meters: Double
}

/// The nearest open shelters with room for a group, by road travel time from where they are.
struct ShelterFinder {
    let routing: RoutingService

    /// Shelters that are open, can take `persons` more people as one new household, and offer
    /// the facilities `needs` call for.
    static func candidates(_ shelters: [Shelter], persons: Int, needs: [EvacueeNeed]) -> [Shelter] {
        let facilities = Set(needs.compactMap(\.facility))
        return shelters.filter {
            $0.canTake(persons: persons, households: 1) && facilities.isSubset(of: Set($0.site.facilities))
        }
    }

    /// For each origin, the `count` nearest of `candidates`, closest first (ties by id).
    func nearest(from origins: [Coordinate], among candidates: [Shelter], count: Int) -> [[ShelterChoice]] {
        let table = routing.estimates(from: origins, to: candidates.map(\.site.location))
        return table.map { row in
            zip(candidates, row)
                .sorted { a, b in a.1.seconds != b.1.seconds ? a.1.seconds < b.1.seconds : a.0.id < b.0.id }
                .prefix(count)
                .map {
                    ShelterChoice(shelter: ShelterView(shelter: $0.0), etaSeconds: $0.1.seconds, meters: $0.1.meters)
                }
        }
    }

    /// The refusal at a full (or closed) shelter, naming the nearest open one with room.
    func overflow(from shelter: Shelter, among shelters: [Shelter], reason: String) -> Problem {
        let others = Self.candidates(shelters.filter { $0.id != shelter.id }, persons: 1, needs: [])
        var problem = Problem(
            status: .conflict, code: "shelter-full", title: "The shelter cannot take anyone more", detail: reason)
        if let best = nearest(from: [shelter.site.location], among: others, count: 1).first?.first {
            problem.alternative = best.shelter.shelter.id
            let minutes = max(1, Int((best.etaSeconds / 60).rounded()))
            problem.detail =
                "\(reason); the nearest open shelter with room is \(best.shelter.shelter.site.name.en) (\(best.shelter.shelter.id)), about \(minutes) min by \(routing.method)"
        } else {
            problem.detail = "\(reason); no other open shelter has room"
        }
        return problem
    }
}

/// A shelter as the API shows it: the record with its free places.
struct ShelterView: Encodable, Sendable {
    var shelter: Shelter

    enum Keys: String, CodingKey { case freeBeds, freeFamilies, full }

    func encode(to encoder: any Encoder) throws {
        try shelter.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(shelter.freeBeds, forKey: .freeBeds)
        try c.encode(shelter.freeFamilies, forKey: .freeFamilies)
        try c.encode(shelter.isFull, forKey: .full)
    }
}

/// An evacuee as the API shows it: who they are only when that was asked for and allowed;
/// `personalWithheld` says there is more.
struct EvacueeView: Encodable, Sendable {
    var evacuee: Evacuee
    var includesPersonal: Bool

    enum Keys: String, CodingKey { case personalWithheld }

    func encode(to encoder: any Encoder) throws {
        var shown = evacuee
        if !includesPersonal { shown.personal = nil }
        try shown.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(evacuee.personal != nil && !includesPersonal, forKey: .personalWithheld)
    }
}
