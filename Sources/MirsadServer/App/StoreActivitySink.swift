import Foundation
import MirsadDomain
import MirsadSimulation
import MirsadStore

/// Lets the demo's activity generator act through the store like any other client.
public struct StoreActivitySink: ActivitySink {
    let store: EventStore
    let routing: RoutingService
    let clock: any TimeSource

    public init(services: AppServices) {
        self.store = services.store
        self.routing = services.routing
        self.clock = services.clock
    }

    public func createIncident(_ create: CreateIncident, as actor: Actor) async throws -> Incident {
        guard case .executed(let outcome, _) = try await store.execute(.createIncident(create), actor: actor),
            let incident = outcome.primaryIncident
        else { throw StoreError.writeFailed("incident was not created") }
        return incident
    }

    public func perform(_ command: Command, as actor: Actor) async throws {
        _ = try await store.execute(command, actor: actor)
    }

    public func report(_ positions: [UnitPosition]) async throws {
        _ = try await store.ingestPositions(positions)
    }

    public func currentUnits() async throws -> [(unit: UnitState, position: Coordinate?)] {
        try await store.units().map { ($0.unit, $0.position?.coordinate) }
    }

    public func openIncidents() async throws -> [Incident] {
        try await store.incidents(IncidentQuery(scope: .open, limit: 1000))
    }

    public func recommend(for incidentId: UUID) async throws -> [UUID] {
        guard let catalog = store.catalog, let incident = try await store.incident(incidentId) else { return [] }
        return DispatchRecommender(routing: routing, catalog: catalog)
            .recommend(for: incident, units: try await store.units(), at: clock.now()).unitIds
    }
}

/// Runs the activity generator as a service beside the server.
public struct ActivityService: Service {
    let generator: ActivityGenerator

    public init(generator: ActivityGenerator) {
        self.generator = generator
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await generator.run() }
    }
}

import ServiceLifecycle
