import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadGeo
import MirsadStore

struct AcceptBody: StrictBody {
    /// The recommended units to assign; all of them when absent.
    var unitIds: [UUID]?
    static let shape = JSONShape.documented("post", "/v1/incidents/{id}/recommendations/accept")
}

/// Coverage of a sector: the share of the road network its available units reach in time.
struct CoverageReply: Codable, Sendable {
    var sector: String
    var targetSeconds: Double
    var coveredMeters: Double
    var totalMeters: Double
    var share: Double
    var availableUnits: Int
    var committedUnits: Int
}

struct MoveUpReply: Codable, Sendable {
    struct Move: Codable, Sendable {
        var unitId: UUID
        var callSign: String
        var toStation: String
        var stationName: LocalizedName?
        var gainMeters: Double
        var travelSeconds: Double
        var coveredMetersAfter: Double
    }
    var sector: String
    var targetSeconds: Double
    var totalMeters: Double
    var coveredMetersNow: Double
    var coveredMetersIfCommittedWereFree: Double
    var moves: [Move]
}

/// `/v1/incidents/{id}/recommendations`, `/v1/coverage`, `/v1/coverage/move-ups`.
struct DispatchRoutes {
    let services: AppServices
    let routing: RoutingService
    var gate: AccessGate { AccessGate(services: services) }

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("incidents/:id/recommendations", use: recommendations)
        group.post("incidents/:id/recommendations/accept", use: acceptRecommendations)
        group.get("coverage", use: coverage)
        group.get("coverage/move-ups", use: moveUps)
    }

    @Sendable func recommendations(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id", as: UUID.self)
        let (incident, _) = try await gate.read(
            id, request: request, principal: principal,
            requirePurposeForRestricted: false)
        return try JSONReply(try await recommendation(for: incident))
    }

    @Sendable func acceptRecommendations(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id", as: UUID.self)
        let data = try await StrictJSON.body(of: request, limit: services.limits.commandBody)
        let body = data.isEmpty ? AcceptBody(unitIds: nil) : try StrictJSON.decode(AcceptBody.self, from: data)
        let (incident, _) = try await gate.read(
            id, request: request, principal: principal,
            requirePurposeForRestricted: false)
        // Checked before recommending so a refusal never depends on what happens to be free.
        try principal.actor.require(.assignUnits)
        if body.unitIds?.isEmpty == true {
            throw Problem.invalidField("unitIds", "name at least one unit, or leave it out to accept all")
        }
        let recommended = try await recommendation(for: incident)
        let units = body.unitIds ?? recommended.unitIds
        // With an Idempotency-Key a retry must replay the first reply, although the units
        // it assigned are no longer recommended: the runner decides.
        guard !units.isEmpty || request.headers[.idempotencyKey] != nil else {
            throw Problem(
                status: .conflict, code: "conflict", title: "Nothing to accept",
                detail: "no available unit matches the response plan")
        }
        return try await CommandRunner(services: services).run(
            [.assignUnits(incidentId: id, unitIds: units)], request: request, context: context, body: data,
            status: .created
        ) { outcome in
            guard let incident = outcome.incidents.first(where: { $0.id == id }) else {
                throw Problem.notFound("incident")
            }
            return AssignmentsReply(incident)
        }
    }

    @Sendable func coverage(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let (sector, target) = try sectorAndTarget(request)
        let (available, committed) = try await fleet(of: sector.id)
        guard let engine = routing.engine else { throw Problem.noRoadNetwork }
        let report = engine.coverage(of: available, withinSeconds: target)
        return try JSONReply(
            CoverageReply(
                sector: sector.id, targetSeconds: target, coveredMeters: report.coveredMeters.rounded(),
                totalMeters: report.totalMeters.rounded(), share: report.share, availableUnits: available.count,
                committedUnits: committed.count))
    }

    @Sendable func moveUps(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let (sector, target) = try sectorAndTarget(request)
        let catalog = try services.catalog()
        guard let engine = routing.engine else { throw Problem.noRoadNetwork }
        let (available, committed) = try await fleet(of: sector.id)
        let posts = catalog.jurisdiction.stations.filter { $0.sector == sector.id }.compactMap { station in
            routing.snap(station.location).map { MoveUpPost(id: station.id, location: $0) }
        }
        let plan = engine.moveUpPlan(
            available: available, committed: committed, posts: posts,
            targetSeconds: target)
        let units = catalog.units
        return try JSONReply(
            MoveUpReply(
                sector: sector.id, targetSeconds: target, totalMeters: plan.totalMeters.rounded(),
                coveredMetersNow: plan.coveredMetersNow.rounded(),
                coveredMetersIfCommittedWereFree: plan.coveredMetersWithCommitted.rounded(),
                moves: plan.suggestions.compactMap { move in
                    guard let id = UUID(uuidString: move.unitId) else { return nil }
                    return MoveUpReply.Move(
                        unitId: id, callSign: units[id]?.callSign ?? move.unitId, toStation: move.postId,
                        stationName: catalog.stations[move.postId]?.name, gainMeters: move.gainMeters.rounded(),
                        travelSeconds: move.travelSeconds.rounded(),
                        coveredMetersAfter: move.coveredMetersAfter.rounded())
                }))
    }

    func recommendation(for incident: Incident) async throws -> Recommendation {
        let catalog = try services.catalog()
        let units = try await services.store.units()
        return DispatchRecommender(routing: routing, catalog: catalog)
            .recommend(for: incident, units: units, at: services.clock.now())
    }

    private func sectorAndTarget(_ request: Request) throws -> (Sector, Double) {
        let catalog = try services.catalog()
        guard let id = request.uri.queryParameters["sector"].map(String.init) else {
            throw Problem.invalidField("sector", "is required")
        }
        guard let sector = catalog.sectors[id] else { throw Problem.invalidField("sector", "unknown sector '\(id)'") }
        var target = sector.targetResponseSeconds
        if let text = request.uri.queryParameters["minutes"] {
            guard let minutes = Double(String(text)), minutes > 0, minutes <= 120 else {
                throw Problem.invalidField("minutes", "must be a number of minutes between 0 and 120")
            }
            target = minutes * 60
        }
        return (sector, target)
    }

    /// The sector's units on the network: available ones and committed ones.
    private func fleet(of sector: String) async throws -> (available: [FleetMember], committed: [FleetMember]) {
        let catalog = try services.catalog()
        var available: [FleetMember] = [], committed: [FleetMember] = []
        // Drones fly: road coverage is the ground fleet's (drone reach is planned per mission).
        for view in try await services.store.units()
        where view.unit.sector == sector && catalog.units[view.unit.id]?.drone == nil {
            let at = view.position?.coordinate ?? catalog.stations[view.unit.homeStation]?.location
            guard let at, let location = routing.snapUnit(view.unit.id.uuidString, at: at) else { continue }
            let member = FleetMember(
                id: view.unit.id.uuidString, location: location,
                speedFactor: catalog.jurisdiction.speedFactors[view.unit.type] ?? 1)
            if view.unit.status == .available {
                available.append(member)
            } else if view.unit.status.isCommitted {
                committed.append(member)
            }
        }
        return (available, committed)
    }
}

extension Problem {
    static let noRoadNetwork = Problem(
        status: .serviceUnavailable, code: "no-road-network", title: "No road network loaded",
        detail: "start the server with --roads FILE.mroads (see mirsad roads import)")
}
