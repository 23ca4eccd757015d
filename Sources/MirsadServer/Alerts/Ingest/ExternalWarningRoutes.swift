import Foundation
import Hummingbird
import MirsadDomain
import MirsadStore

/// `GET /v1/warnings`: other agencies' warnings received from CAP feeds, for every sector
/// (they are public where they come from). `?active=true` keeps those in force.
struct ExternalWarningRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("warnings", use: list)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let activeOnly: Bool
        switch request.uri.queryParameters["active"] {
        case nil, "false": activeOnly = false
        case "true": activeOnly = true
        default: throw Problem.invalidField("active", "true or false")
        }
        let now = services.clock.now()
        let warnings = try await services.store.externalWarnings().filter { !activeOnly || $0.isActive(at: now) }
        return try JSONReply(["warnings": warnings])
    }
}
