import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore

/// `/v1/sectors`, `/v1/incident-types`, `/v1/stations`, `/v1/jurisdiction`: the loaded world.
struct CatalogRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("sectors", use: sectors)
        group.get("incident-types", use: incidentTypes)
        group.get("stations", use: stations)
        group.get("jurisdiction", use: jurisdiction)
    }

    @Sendable func sectors(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        return try JSONReply(["sectors": try services.catalog().jurisdiction.sectors])
    }

    @Sendable func incidentTypes(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        try context.requirePrincipal().actor.require(.readOperations)
        return try JSONReply(["incidentTypes": try services.catalog().jurisdiction.incidentTypes])
    }

    @Sendable func stations(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        return try JSONReply(["stations": try services.catalog().jurisdiction.stations])
    }

    @Sendable func jurisdiction(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let actor = try context.requirePrincipal().actor
        try actor.require(.readOperations)
        let catalog = try services.catalog()
        // The file as loaded, except that cameras appear as `GET /v1/cameras` shows them: a
        // stream address is a restricted field, read through its own audited route.
        guard case .object(var document) = try JSONValue(encoding: catalog.jurisdiction) else {
            throw Problem.unavailable("the jurisdiction did not encode as an object")
        }
        let policy = AccessPolicy(catalog: catalog)
        document["cameras"] = try JSONValue(
            encoding: catalog.jurisdiction.cameras.map { CameraView($0, canWatch: policy.canWatch($0, actor)) })
        return try JSONReply(JSONValue.object(document))
    }
}

/// The public, unauthenticated part of the API: health, metrics, the OpenAPI document.
struct SystemRoutes {
    let services: AppServices
    let metrics: MetricsExporter

    func add(to router: RouterGroup<MirsadRequestContext>) {
        router.get("health") { _, _ in
            do {
                let head = try await services.store.lastEventID()
                return try JSONReply(
                    Health(
                        status: "ok", database: "ok", lastEventId: head,
                        jurisdictionLoaded: services.store.catalog != nil))
            } catch {
                // Away is a 503 that clears by itself; damaged is a 500 that needs an operator.
                if case .corrupt(let reason) = StoreError.classify(error) {
                    services.logger.critical("database damaged: \(reason); \(StoreError.corruptionAdvice)")
                    return try JSONReply(
                        Health(
                            status: "failing", database: "corrupt", lastEventId: nil,
                            jurisdictionLoaded: services.store.catalog != nil,
                            detail: "\(reason); \(StoreError.corruptionAdvice)"),
                        status: .internalServerError)
                }
                return try JSONReply(
                    Health(
                        status: "degraded", database: "unavailable", lastEventId: nil,
                        jurisdictionLoaded: services.store.catalog != nil),
                    status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: metrics.render())))
        }
        router.get("openapi.json") { _, _ in
            JSONReply(raw: Data(OpenAPIDocument.json.utf8), status: .ok)
        }
    }

}

struct Health: Encodable, Sendable {
    var status: String
    var database: String
    var lastEventId: Int64?
    var jurisdictionLoaded: Bool
    /// What is wrong and what to do, when something is.
    var detail: String? = nil
}
