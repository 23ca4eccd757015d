import Logging
import MirsadDomain
import MirsadStore

/// Keeps this instance's routing engine routing around the closures the log holds: at start
/// it applies those in force (the `road_closures` read model), then every closure event, from
/// whichever instance, as it is committed.
struct ClosureReactor: EventReactor {
    let store: EventStore
    let routing: RoutingService
    let logger: Logger

    static let name = "road-closures"
    var name: String { Self.name }

    func prepare() async throws {
        try await routing.load(from: store, logger: logger)
    }

    func react(to event: EventEnvelope) async throws {
        guard case .roadClosure(let change) = event.payload else { return }
        do {
            _ = try routing.apply(change)
        } catch {
            logger.error("closure \(change.id) not applied: \(error)")
        }
    }
}

extension RoutingService {
    /// Applies the closures in force to the engine (at start, or when a network is installed).
    func load(from store: EventStore, logger: Logger) async throws {
        guard engine != nil else { return }
        for change in try await store.roadClosures().closures {
            do { _ = try apply(change) } catch { logger.warning("closure \(change.id) skipped: \(error)") }
        }
    }
}
