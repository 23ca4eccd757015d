import Foundation
import Hummingbird
import MirsadDomain
import MirsadStore

/// `/v1/units`: the fleet with status and latest position, status changes, AVL ingest, tracks.
struct UnitRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("units") { _, context in
            try context.requirePrincipal().actor.require(.readOperations)
            return try JSONReply(UnitList(units: try await services.store.units()))
        }
        group.get("units/:id") { _, context in
            try context.requirePrincipal().actor.require(.readOperations)
            let id = try context.parameters.require("id", as: UUID.self)
            guard let view = try await services.store.unit(id) else { throw Problem.notFound("unit") }
            return try JSONReply(view)
        }
        group.post("units/:id/status") { request, context in
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
        group.get("units/:id/track") { request, context in
            try context.requirePrincipal().actor.require(.readOperations)
            let id = try context.parameters.require("id", as: UUID.self)
            let now = services.clock.now()
            let from = try timestamp(request, "from") ?? now.addingTimeInterval(-3600)
            let to = try timestamp(request, "to") ?? now
            return try JSONReply(Track(unitId: id, positions: try await services.store.track(of: id, from: from, to: to)))
        }
        group.post("units/positions") { request, context in
            try context.requirePrincipal().actor.require(.reportPositions)
            let batch = try StrictJSON.decode(
                PositionBatch.self, from: try await StrictJSON.body(of: request, limit: services.limits.positionsBody))
            let now = services.clock.now()
            let positions = batch.positions.map {
                UnitPosition(unitId: $0.unitId, lat: $0.lat, lon: $0.lon, at: $0.at ?? now, speed: $0.speed,
                             heading: $0.heading)
            }
            return try JSONReply(try await services.store.ingestPositions(positions), status: .accepted)
        }
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
        self.init(accepted: try c.decode(Int.self, forKey: .accepted), units: try c.decode(Int.self, forKey: .units),
                  trackPoints: try c.decode(Int.self, forKey: .trackPoints))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(units, forKey: .units)
        try c.encode(trackPoints, forKey: .trackPoints)
    }
}
