import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadGeo
import MirsadGeodesy
import MirsadStore

struct ClosureBody: StrictBody {
    var id: String?
    var polygon: [Coordinate]
    /// Absent: the roads are blocked; ≥ 1: travel times multiply by it.
    var slowdownFactor: Double?
    var reason: String
    static let shape = JSONShape.documented("post", "/v1/roads/closures")
}

struct ClosureView: Codable, Sendable {
    var id: String
    var polygon: [Coordinate]
    var slowdownFactor: Double?
    var reason: String
    var affectedEdges: Int?
    var appliedInMilliseconds: Double?
}

struct RouteReply: Codable, Sendable {
    var seconds: Double
    var meters: Double
    var geometry: [Coordinate]
}

/// `/v1/roads/*`: closures and slowdowns (audited events every instance applies), routes
/// with geometry for the console, isochrones.
struct RoadRoutes {
    let services: AppServices
    let routing: RoutingService

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("roads/closures", use: listClosures)
        group.post("roads/closures", use: addClosure)
        group.delete("roads/closures/:id", use: liftClosure)
        group.get("roads/route", use: route)
        group.get("roads/isochrone", use: isochrone)
    }

    @Sendable func route(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        guard let engine = routing.engine else { throw Problem.noRoadNetwork }
        let from = try request.coordinate("from"), to = try request.coordinate("to")
        guard let source = routing.snap(from) else { throw Problem.invalidField("from", "no road within 1 km") }
        guard let target = routing.snap(to) else { throw Problem.invalidField("to", "no road within 1 km") }
        guard let route = engine.route(from: source, to: target) else { throw Problem.notFound("route") }
        return try JSONReply(
            RouteReply(
                seconds: route.seconds, meters: route.meters,
                geometry: route.geometry.map { Coordinate(lat: $0.latitude, lon: $0.longitude) }))
    }

    @Sendable func isochrone(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        guard let engine = routing.engine else { throw Problem.noRoadNetwork }
        let at = try request.coordinate("at")
        guard let origin = routing.snap(at) else { throw Problem.invalidField("at", "no road within 1 km") }
        guard let minutes = request.uri.queryParameters["minutes"].flatMap({ Double(String($0)) }),
            minutes > 0, minutes <= 60
        else { throw Problem.invalidField("minutes", "must be a number of minutes between 0 and 60") }
        let isochrone = engine.isochrone(from: origin, withinSeconds: minutes * 60)
        return try JSONReply(
            IsochroneReply(
                minutes: minutes, reachedMeters: isochrone.reachedMeters.rounded(),
                areas: isochrone.areas.map { $0.outer.map { Coordinate(lat: $0.latitude, lon: $0.longitude) } }))
    }

    @Sendable func listClosures(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        try context.requirePrincipal().actor.require(.readOperations)
        let closures = try await services.store.roadClosures().closures.map {
            ClosureView(
                id: $0.id, polygon: $0.polygon ?? [], slowdownFactor: $0.slowdownFactor, reason: $0.reason,
                affectedEdges: nil, appliedInMilliseconds: nil)
        }
        return try JSONReply(["closures": closures])
    }

    /// Records the closure (the store decides whether its id is free), then answers once this
    /// instance's engine routes around it, so the very next ETA sees it.
    @Sendable func addClosure(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.manageRoadClosures)
        let body = try await StrictJSON.decode(ClosureBody.self, from: request, limit: services.limits.commandBody)
        let command = RoadClosureCommand.add(
            id: body.id ?? "closure-" + UUID().uuidString.prefix(8).lowercased(), polygon: body.polygon,
            slowdownFactor: body.slowdownFactor, reason: body.reason)
        // A bad closure is refused as such, with or without a road network here.
        _ = try RoadClosureDecider.validated(command)
        guard routing.engine != nil else { throw Problem.noRoadNetwork }
        let event = try await services.store.execute(command, actor: principal.actor)
        guard case .roadClosure(let change) = event.payload else { throw Problem.notFound("closure") }
        await services.caughtUp(with: [event], by: ClosureReactor.name)
        let applied = routing.closureApplied(change.id)
        return try JSONReply(
            ClosureView(
                id: change.id, polygon: change.polygon ?? [], slowdownFactor: change.slowdownFactor,
                reason: change.reason,
                affectedEdges: applied?.affectedEdges, appliedInMilliseconds: applied?.milliseconds),
            status: .created)
    }

    @Sendable func liftClosure(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.manageRoadClosures)
        let id = try context.parameters.require("id")
        let reason = request.uri.queryParameters["reason"].map(String.init) ?? "lifted"
        let event = try await services.store.execute(.lift(id: id, reason: reason), actor: principal.actor)
        await services.caughtUp(with: [event], by: ClosureReactor.name)
        return Response(status: .noContent)
    }
}

struct IsochroneReply: Codable, Sendable {
    var minutes: Double
    var reachedMeters: Double
    /// Reachable areas as rings of coordinates.
    var areas: [[Coordinate]]
}
