import Foundation
import Hummingbird
import MirsadDomain
import MirsadStore

/// `GET /v1/public/shelters/nearest`: for citizens, without an account. Where to go from here:
/// the nearest open shelters that can take the group, by road, with their name in both
/// languages, place and facilities. Nothing of the staff's picture leaves: no occupancy
/// figures, supplies, contacts or evacuees. Held to the public rate limit.
struct PublicShelterRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("public/shelters/nearest", use: nearest)
    }

    @Sendable func nearest(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let choices = try await NearestQuery(request).choices(services)
        return try JSONReply(
            PublicNearestReply(
                method: services.routing.method,
                shelters: choices.map {
                    let site = $0.shelter.shelter.site
                    return PublicShelter(
                        id: site.id, name: site.name, location: site.location, governorate: site.governorate,
                        facilities: site.facilities, etaSeconds: $0.etaSeconds, meters: $0.meters)
                }))
    }
}

struct PublicNearestReply: Encodable, Sendable {
    var method: String
    var shelters: [PublicShelter]
}

/// A shelter as the public sees it.
struct PublicShelter: Encodable, Sendable {
    var id: String
    var name: LocalizedName
    var location: Coordinate
    var governorate: String?
    var facilities: [ShelterFacility]
    var etaSeconds: Double
    var meters: Double
}
