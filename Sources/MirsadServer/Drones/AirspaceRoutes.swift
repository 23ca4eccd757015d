import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore

/// `/v1/airspace/zones`: the no-fly zones missions keep out of. A supervisor or administrator
/// imports a file in either EUROCAE format (ED-269 `UASZoneList` or ED-318 GeoJSON) as the
/// aviation authority publishes it; zones of the same id are replaced. Everyone on the
/// common picture sees the zones (they are public airspace information).
struct AirspaceRoutes {
    let services: AppServices
    /// A national zone file runs to a few megabytes.
    static let maxImportBytes = 8 * 1024 * 1024

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("airspace/zones", use: list)
        group.put("airspace/zones", use: importZones)
        group.delete("airspace/zones/:id", use: remove)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        return try JSONReply(["zones": try await services.store.uasZones()])
    }

    /// `?source=` names where the file came from, for the record.
    @Sendable func importZones(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let actor = try context.requirePrincipal().actor
        try actor.require(.manageAirspace)
        let data = try await StrictJSON.body(of: request, limit: Self.maxImportBytes)
        let source = request.uri.queryParameters["source"].map(String.init)
        if let source, source.count > 200 { throw Problem.invalidField("source", "at most 200 characters") }
        let zones = try UASZoneImport.zones(from: data)
        let (event, change) = try await services.store.execute(.importZones(zones, source: source), actor: actor)
        services.logger.info("\(change.zones.count) no-fly zone(s) imported by \(actor.username) (event \(event.id))")
        return try JSONReply(ImportReply(imported: change.zones.map(\.id), eventId: event.id))
    }

    @Sendable func remove(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id")
        let (event, _) = try await services.store.execute(.removeZone(id: id), actor: actor)
        services.logger.info("no-fly zone \(id) withdrawn by \(actor.username) (event \(event.id))")
        return Response(status: .noContent)
    }

    struct ImportReply: Encodable, Sendable {
        var imported: [String]
        var eventId: Int64
    }
}
