import Foundation
import Hummingbird
import MirsadDomain
import MirsadStore

/// `/v1/units`: the fleet with status and latest position, status changes, AVL ingest, tracks.
struct UnitRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("units", use: list)
        group.get("units/:id", use: show)
        group.post("units/:id/status", use: changeStatus)
        group.get("units/:id/track", use: track)
    }

    /// `POST /v1/units/positions`, on its own group: a unit's device credential is accepted here.
    func addPositions(to group: RouterGroup<MirsadRequestContext>) {
        group.post("units/positions") { request, context in try await positions(request, context) }
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        return try JSONReply(UnitList(units: try await visible(try await services.store.units(), to: principal)))
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        let id = try context.parameters.require("id", as: UUID.self)
        guard let view = try await services.store.unit(id) else { throw Problem.notFound("unit") }
        return try JSONReply(try await visible([view], to: principal)[0])
    }

    @Sendable func changeStatus(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let id = try context.parameters.require("id", as: UUID.self)
        let data = try await StrictJSON.body(of: request, limit: services.limits.commandBody)
        let body = try StrictJSON.decode(StatusChange<UnitStatus>.self, from: data)
        return try await CommandRunner(services: services).run(
            [.changeUnitStatus(unitId: id, to: body.status, reason: body.reason)], request: request,
            context: context, body: data
        ) { outcome in
            guard let unit = outcome.units.first(where: { $0.id == id }) else { throw Problem.notFound("unit") }
            return unit
        }
    }

    @Sendable func track(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let id = try context.parameters.require("id", as: UUID.self)
        let now = services.clock.now()
        let from = try timestamp(request, "from") ?? now.addingTimeInterval(-3600)
        let to = try timestamp(request, "to") ?? now
        return try JSONReply(Track(unitId: id, positions: try await services.store.track(of: id, from: from, to: to)))
    }

    /// AVL reports come from the unit's own device, or from a user of the unit's sector or of
    /// oversight who may report positions; nobody speaks for another sector's units.
    private func positions(_ request: Request, _ context: MirsadRequestContext) async throws -> JSONReply {
        if context.deviceUnit == nil { try context.requirePrincipal().actor.require(.reportPositions) }
        let batch = try StrictJSON.decode(
            PositionBatch.self, from: try await StrictJSON.body(of: request, limit: services.limits.positionsBody))
        let catalog = try services.catalog()
        // Decided once per batch: a device speaks for its unit, oversight for every unit, anyone
        // else for the units of their own sector (10,000 reports must not cost 10,000 policy checks).
        let allowed: (UnitDefinition) -> Bool
        if let device = context.deviceUnit {
            allowed = { $0.id == device }
        } else {
            let actor = try context.requirePrincipal().actor
            let policy = AccessPolicy(catalog: catalog)
            let everyUnit = policy.hasOversight(actor)
            allowed = { everyUnit || $0.sector == actor.sector }
        }
        for (index, position) in batch.positions.enumerated() {
            guard let unit = catalog.units[position.unitId] else { continue }  // the store names unknown units
            guard allowed(unit) else {
                throw Problem(
                    status: .forbidden, code: "forbidden", title: "Forbidden",
                    detail: "positions[\(index)]: unit \(unit.callSign) reports through its own device or its sector",
                    field: "positions[\(index)].unitId")
            }
        }
        let now = services.clock.now()
        let positions = batch.positions.map {
            UnitPosition(
                unitId: $0.unitId, lat: $0.lat, lon: $0.lon, at: $0.at ?? now, speed: $0.speed,
                heading: $0.heading)
        }
        return try JSONReply(try await services.store.ingestPositions(positions), status: .accepted)
    }

    /// Units stay on the common picture, but a unit working an incident the viewer may not see
    /// is shown without that incident's id.
    func visible(_ views: [UnitView], to principal: Principal) async throws -> [UnitView] {
        let policy = AccessPolicy(catalog: try services.catalog())
        guard !policy.hasOversight(principal.actor) else { return views }
        var verdicts: [UUID: Bool] = [:]
        var out = views
        for index in out.indices {
            guard let incidentId = out[index].unit.incidentId, out[index].unit.sector != principal.sector else {
                continue
            }
            if verdicts[incidentId] == nil {
                let incident = try await services.store.incident(incidentId)
                verdicts[incidentId] = incident.map { policy.canSee($0, principal.actor) } ?? false
            }
            if verdicts[incidentId] == false { out[index].unit.incidentId = nil }
        }
        return out
    }

    private func timestamp(_ request: Request, _ name: String) throws -> Date? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let date = MirsadJSON.parseTimestamp(String(text)) else {
            throw Problem.invalidField(name, "must be an ISO-8601 timestamp")
        }
        return date
    }
}

struct UnitList: Encodable, Sendable {
    var units: [UnitView]
}

struct Track: Encodable, Sendable {
    var unitId: UUID
    var positions: [UnitPosition]
}

extension PositionIngestResult: Codable {
    enum CodingKeys: String, CodingKey { case accepted, units, trackPoints }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            accepted: try c.decode(Int.self, forKey: .accepted), units: try c.decode(Int.self, forKey: .units),
            trackPoints: try c.decode(Int.self, forKey: .trackPoints))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(units, forKey: .units)
        try c.encode(trackPoints, forKey: .trackPoints)
    }
}
