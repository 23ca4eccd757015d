import Foundation
import MirsadDomain

/// The columns an event row keeps beside its hashed body so reads can find it (the timeline
/// by incident, replay by type, audiences by sector). All derive from the event itself: the
/// writer stores them from here, and `mirsad audit verify` recomputes them from the hashed
/// body, so a changed column is found even though the leaf covers the body alone.
struct EventColumns: Equatable {
    var type: String
    var atMilliseconds: Int64
    var actor: String
    var actorSector: String?
    var incidentId: String?
    var relatedIncidentId: String?
    var unitId: String?
    var sectors: String

    init(_ event: EventEnvelope) {
        type = event.type
        atMilliseconds = event.at.epochMilliseconds
        actor = event.actor.username
        actorSector = event.actor.sector
        incidentId = event.incidentId?.uuidString
        relatedIncidentId = event.payload.relatedIncidentId?.uuidString
        unitId = event.unitId?.uuidString
        sectors = event.sectors.joined(separator: ",")
    }
}
