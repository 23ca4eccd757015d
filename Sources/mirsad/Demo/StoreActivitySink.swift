import Foundation
import MirsadDomain
import MirsadServer
import MirsadSimulation
import MirsadStore
import ServiceLifecycle

/// Lets the demo's activity generator act through the store like any other client. It lives
/// with the `demo` command so that the server never depends on the simulation.
struct StoreActivitySink: ActivitySink {
    let services: AppServices
    var store: EventStore { services.store }

    func createIncident(_ create: CreateIncident, as actor: Actor) async throws -> Incident {
        guard case .executed(let outcome, _) = try await store.execute(.createIncident(create), actor: actor),
            let incident = outcome.primaryIncident
        else { throw StoreError.writeFailed("incident was not created") }
        return incident
    }

    func perform(_ command: Command, as actor: Actor) async throws {
        _ = try await store.execute(command, actor: actor)
    }

    func report(_ positions: [UnitPosition]) async throws {
        _ = try await store.ingestPositions(positions)
    }

    func currentUnits() async throws -> [(unit: UnitState, position: Coordinate?)] {
        try await store.units().map { ($0.unit, $0.position?.coordinate) }
    }

    func openIncidents() async throws -> [Incident] {
        try await store.incidents(IncidentQuery(scope: .open, limit: 1000))
    }

    func recommend(for incidentId: UUID) async throws -> [UUID] {
        try await services.recommendedUnits(for: incidentId)
    }
}

/// Runs the activity generator as a service beside the server.
struct ActivityService: Service {
    let generator: ActivityGenerator
    /// Where the warm-up ends (the real start); nil runs in real time from the start.
    var warmUpUntil: Date?
    var say: @Sendable (String) -> Void = { _ in }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            if let warmUpUntil {
                if let calls = await generator.warmUp(until: warmUpUntil) {
                    say("The day so far: \(calls) calls played in before the start")
                }
            }
            await generator.run()
        }
    }
}
