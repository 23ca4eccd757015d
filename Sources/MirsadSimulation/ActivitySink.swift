import Foundation
import MirsadDomain

/// Where the demo's activity goes: the same commands and AVL reports a real operations room
/// produces. The server implements it over the store; tests can record into memory.
public protocol ActivitySink: Sendable {
    func createIncident(_ create: CreateIncident, as actor: Actor) async throws -> Incident
    func perform(_ command: Command, as actor: Actor) async throws
    func report(_ positions: [UnitPosition]) async throws
    /// Units as the platform sees them now, with their last known position.
    func currentUnits() async throws -> [(unit: UnitState, position: Coordinate?)]
    func openIncidents() async throws -> [Incident]
    /// The units the platform recommends for an incident (its response plan, by road).
    func recommend(for incidentId: UUID) async throws -> [UUID]
}
