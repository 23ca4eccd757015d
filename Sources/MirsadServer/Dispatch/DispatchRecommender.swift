import Foundation
import MirsadDomain
import MirsadGeo
import MirsadStore

/// One unit considered for a requirement, with the reason it ranks where it does.
public struct CandidateUnit: Codable, Sendable, Hashable {
    public var unitId: UUID
    public var callSign: String
    public var sector: String
    public var type: String
    public var status: UnitStatus
    public var etaSeconds: Double
    public var meters: Double
    /// True when the estimate starts from a reported AVL position, false from the home station.
    public var fromReportedPosition: Bool
    public var why: String
}

/// The response plan's requirement and the units proposed for it.
public struct RequirementRecommendation: Codable, Sendable, Hashable {
    public var capability: String
    public var count: Int
    /// Units already on the incident that count towards it.
    public var alreadyAssigned: [UUID]
    public var recommended: [CandidateUnit]
    /// The next best choices, for the dispatcher who prefers another.
    public var alternatives: [CandidateUnit]
    /// How many the plan still lacks after the recommendation (no capable unit free).
    public var shortfall: Int
}

public struct Recommendation: Codable, Sendable, Hashable {
    public var incidentId: UUID
    public var incidentType: String
    /// `road` (travel time on the road network) or `straight-line` (no network loaded).
    public var method: String
    public var computedAt: Date
    public var requirements: [RequirementRecommendation]

    /// Every recommended unit, in requirement order.
    public var unitIds: [UUID] { requirements.flatMap { $0.recommended.map(\.unitId) } }
}

/// Proposes, per requirement of the incident type's response plan, the available units that
/// arrive first by road, across sectors: each unit fills one requirement, units already on
/// the incident count first.
struct DispatchRecommender {
    let routing: RoutingService
    let catalog: JurisdictionIndex

    func recommend(for incident: Incident, units: [UnitView], at now: Date) -> Recommendation {
        let plan = catalog.incidentTypes[incident.type]?.effectiveResponsePlan ?? []
        let onIncident = units.filter { $0.unit.incidentId == incident.id && $0.unit.status.isCommitted }
        // Drones are not sent by road ETA: POST /v1/drones/missions/plan weighs them by flight.
        let free = units.filter { $0.unit.status.isAssignable && catalog.units[$0.unit.id]?.drone == nil }
        let origins = free.map { view in
            (
                id: view.unit.id.uuidString, at: origin(of: view),
                speedFactor: catalog.jurisdiction.speedFactors[view.unit.type] ?? 1,
                exemption: catalog.jurisdiction.turnExemption(for: view.unit.type)
            )
        }
        let estimates = routing.estimates(from: origins, to: incident.location)
        var eta: [UUID: TravelEstimate] = [:]
        for (view, estimate) in zip(free, estimates) { if let estimate { eta[view.unit.id] = estimate } }

        var usedOnIncident = Set<UUID>()
        var picked = Set<UUID>()
        var requirements: [RequirementRecommendation] = []
        for requirement in plan {
            let already = onIncident.filter {
                !usedOnIncident.contains($0.unit.id) && $0.unit.capabilities.contains(requirement.capability)
            }.prefix(requirement.count).map(\.unit.id)
            usedOnIncident.formUnion(already)
            let needed = requirement.count - already.count
            let ranked =
                free
                .filter { !picked.contains($0.unit.id) && $0.unit.capabilities.contains(requirement.capability) }
                .compactMap { view in eta[view.unit.id].map { (view, $0) } }
                .sorted { $0.1.seconds < $1.1.seconds }
            let chosen = Array(ranked.prefix(max(needed, 0)))
            picked.formUnion(chosen.map(\.0.unit.id))
            let others = Array(ranked.dropFirst(chosen.count).prefix(3))
            let nextBest = others.first
            requirements.append(
                RequirementRecommendation(
                    capability: requirement.capability, count: requirement.count, alreadyAssigned: Array(already),
                    recommended: chosen.enumerated().map { rank, pair in
                        candidate(
                            pair.0, pair.1,
                            why: reason(
                                rank: rank, capability: requirement.capability, estimate: pair.1,
                                view: pair.0, considered: ranked.count, nextBest: nextBest))
                    },
                    alternatives: others.map {
                        candidate($0.0, $0.1, why: "alternative: \(Self.duration($0.1.seconds)) away")
                    },
                    shortfall: max(needed - chosen.count, 0)))
        }
        return Recommendation(
            incidentId: incident.id, incidentType: incident.type, method: routing.method,
            computedAt: now, requirements: requirements)
    }

    private func origin(of view: UnitView) -> Coordinate {
        view.position?.coordinate ?? catalog.stations[view.unit.homeStation]?.location ?? catalog.jurisdiction.center
    }

    private func candidate(_ view: UnitView, _ estimate: TravelEstimate, why: String) -> CandidateUnit {
        CandidateUnit(
            unitId: view.unit.id, callSign: view.unit.callSign, sector: view.unit.sector, type: view.unit.type,
            status: view.unit.status, etaSeconds: (estimate.seconds * 10).rounded() / 10,
            meters: estimate.meters.rounded(), fromReportedPosition: view.position != nil, why: why)
    }

    private func reason(
        rank: Int, capability: String, estimate: TravelEstimate, view: UnitView, considered: Int,
        nextBest: (UnitView, TravelEstimate)?
    ) -> String {
        let how = routing.method == "road" ? "by road" : "by straight-line estimate (no road network loaded)"
        let from = view.position != nil ? "from its reported position" : "from its home station (no position yet)"
        let place = rank == 0 ? "fastest" : "next fastest (#\(rank + 1))"
        var text =
            "\(place) available unit with \(capability) \(how): \(Self.duration(estimate.seconds)), "
            + "\(Self.distance(estimate.meters)) \(from); \(considered) capable unit(s) considered across sectors"
        if view.unit.status == .returning { text += "; it is returning from another incident" }
        if let (next, nextEstimate) = nextBest {
            text += "; next: \(next.unit.callSign) at \(Self.duration(nextEstimate.seconds))"
        }
        return text
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 60 ? "\(total / 60) min \(total % 60) s" : "\(total) s"
    }

    static func distance(_ meters: Double) -> String {
        meters >= 1000 ? String(format: "%.1f km", meters / 1000) : "\(Int(meters.rounded())) m"
    }
}

extension AppServices {
    /// The units recommended for an incident (none when it or the catalogue is missing), as
    /// the console's recommendation would list them; the demo's dispatchers accept these.
    public func recommendedUnits(for incidentId: UUID) async throws -> [UUID] {
        guard let catalog = store.catalog, let incident = try await store.incident(incidentId) else { return [] }
        return DispatchRecommender(routing: routing, catalog: catalog)
            .recommend(for: incident, units: try await store.units(), at: clock.now()).unitIds
    }
}
