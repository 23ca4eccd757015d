import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore

struct ShelterSiteBody: StrictBody {
    var site: ShelterSite
    init(from decoder: any Decoder) throws { site = try ShelterSite(from: decoder) }
    static let shape = JSONShape.documented("post", "/v1/shelters")
}

struct SuppliesBody: StrictBody {
    var supplies: [ShelterSupply]
    static let shape = JSONShape.documented("put", "/v1/shelters/{id}/supplies")
}

struct NearestSheltersBody: StrictBody {
    var origins: [Coordinate]
    var persons: Int?
    var needs: [EvacueeNeed]?
    static let shape = JSONShape.documented("post", "/v1/shelters/nearest")
}

/// `/v1/shelters`: the shelter registry, opening and closing, supplies, live occupancy and the
/// nearest open shelter with room by road. Everyone on the common picture sees shelters; the
/// sector that runs one (and oversight) opens, closes and stocks it.
struct ShelterRoutes {
    let services: AppServices
    /// Origins one batch request may ask for.
    static let maxOrigins = 10_000

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("shelters", use: list)
        group.post("shelters", use: register)
        group.get("shelters/nearest", use: nearestOne)
        group.post("shelters/nearest", use: nearestMany)
        group.get("shelters/:id", use: show)
        group.post("shelters/:id/open", use: open)
        group.post("shelters/:id/close", use: close)
        group.put("shelters/:id/supplies", use: supplies)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readShelters)
        return try JSONReply(["shelters": try await services.store.shelters().map(ShelterView.init)])
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readShelters)
        return try JSONReply(ShelterView(shelter: try await shelter(context)))
    }

    @Sendable func register(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let body = try await StrictJSON.decode(ShelterSiteBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.register(body.site), actor, .created)
    }

    @Sendable func open(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        return try await run(.open(shelterId: try context.parameters.require("id"), operation: nil), actor, .ok)
    }

    @Sendable func close(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        return try await run(.close(shelterId: try context.parameters.require("id")), actor, .ok)
    }

    @Sendable func supplies(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id")
        let body = try await StrictJSON.decode(SuppliesBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.updateSupplies(shelterId: id, supplies: body.supplies), actor, .ok)
    }

    /// `?at=lat,lon&persons=N&needs=medical,mobility&count=K`: the K nearest open shelters
    /// that can take N people (one household) and meet their needs.
    @Sendable func nearestOne(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        try context.requirePrincipal().actor.require(.readShelters)
        let query = try NearestQuery(request)
        return try JSONReply(
            NearestReply(method: services.routing.method, shelters: try await query.choices(services)))
    }

    /// Many origins at once (an evacuation zone's streets, a list of callers): for each, the
    /// nearest open shelter with room, or null when none is open.
    @Sendable func nearestMany(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        try context.requirePrincipal().actor.require(.readShelters)
        let data = try await StrictJSON.body(of: request, limit: services.limits.analyticsBody)
        let started = ContinuousClock.now
        let body = try StrictJSON.decode(NearestSheltersBody.self, from: data)
        let decoded = ContinuousClock.now
        guard (1...Self.maxOrigins).contains(body.origins.count) else {
            throw Problem.invalidField("origins", "between 1 and \(Self.maxOrigins) points")
        }
        for (i, origin) in body.origins.enumerated() {
            do { _ = try origin.validated(field: "origins[\(i)]") } catch { throw Problem.from(error) }
        }
        let persons = body.persons ?? 1
        guard (1...10_000).contains(persons) else { throw Problem.invalidField("persons", "between 1 and 10000") }
        let candidates = ShelterFinder.candidates(
            try await services.store.shelters(), persons: persons, needs: body.needs ?? [])
        let routed = ContinuousClock.now
        let choices = ShelterFinder(routing: services.routing).nearest(
            from: body.origins, among: candidates, count: 1)
        let found = ContinuousClock.now
        var reply = try JSONReply(
            NearestManyReply(
                method: services.routing.method,
                nearest: choices.map { row in
                    row.first.map {
                        NearestManyReply.Item(
                            shelterId: $0.shelter.shelter.id, etaSeconds: $0.etaSeconds, meters: $0.meters)
                    }
                }))
        // Where the time went, for clients and benchmarks (the Server-Timing header).
        func ms(_ a: ContinuousClock.Instant, _ b: ContinuousClock.Instant) -> String {
            String(format: "%.2f", (b - a).milliseconds)
        }
        reply.headers[.serverTiming] =
            "decode;dur=\(ms(started, decoded)), shelters;dur=\(ms(decoded, routed)), route;dur=\(ms(routed, found)), encode;dur=\(ms(found, .now))"
        return reply
    }

    /// The shelter the path names; 404 when there is none.
    private func shelter(_ context: MirsadRequestContext) async throws -> Shelter {
        let id = try context.parameters.require("id")
        guard let shelter = try await services.store.shelter(id) else {
            throw Problem.from(DomainError.notFound(kind: "shelter", id: id))
        }
        return shelter
    }

    private func run(_ command: ShelterCommand, _ actor: Actor, _ status: HTTPResponse.Status) async throws
        -> JSONReply
    {
        let (event, shelter) = try await services.store.execute(command, actor: actor)
        services.logger.info("shelter \(shelter.id) \(event.type) by \(actor.username)")
        return try JSONReply(ShelterView(shelter: shelter), status: status)
    }

    static func bounded(_ request: Request, _ name: String, default value: Int, _ range: ClosedRange<Int>) throws
        -> Int
    {
        guard let text = request.uri.queryParameters[Substring(name)] else { return value }
        guard let number = Int(String(text)), range.contains(number) else {
            throw Problem.invalidField(name, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

struct NearestReply: Encodable, Sendable {
    var method: String
    var shelters: [ShelterChoice]
}

struct NearestManyReply: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var shelterId: String
        var etaSeconds: Double
        var meters: Double
    }
    var method: String
    /// One per origin, in order; null where no open shelter has room.
    var nearest: [Item?]
}

/// `?at=lat,lon&persons=N&needs=medical,mobility&count=K`, read the same for staff and the public.
struct NearestQuery {
    var at: Coordinate
    var persons: Int
    var count: Int
    var needs: [EvacueeNeed]

    init(_ request: Request) throws {
        at = try request.coordinate("at")
        persons = try ShelterRoutes.bounded(request, "persons", default: 1, 1...10_000)
        count = try ShelterRoutes.bounded(request, "count", default: 3, 1...50)
        needs = []
        for word in (request.uri.queryParameters["needs"].map(String.init) ?? "").split(separator: ",") {
            guard let need = EvacueeNeed(rawValue: String(word)) else {
                throw Problem.invalidField(
                    "needs", "'\(word)' is not one of \(EvacueeNeed.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            needs.append(need)
        }
    }

    /// The nearest open shelters with room, by road from `at`.
    func choices(_ services: AppServices) async throws -> [ShelterChoice] {
        let candidates = ShelterFinder.candidates(try await services.store.shelters(), persons: persons, needs: needs)
        return ShelterFinder(routing: services.routing).nearest(from: [at], among: candidates, count: count).first ?? []
    }
}
