import Foundation
import Logging
import MirsadAudit
import MirsadDomain
import MirsadGeo
import MirsadStore

/// Assembles the services of a running server around an open store.
public enum ServerRuntime {
    public static func services(
        store: EventStore, clock: any TimeSource = SystemTimeSource(), bcryptCost: UInt8 = 12,
        limits: Limits = Limits(), auditKey: AuditKeyFile? = nil, roads: RoutingEngine? = nil, logger: Logger
    ) async throws -> AppServices {
        _ = MetricsExporter.shared
        if let auditKey { store.enableAuditSigning(try await auditKey.signing(for: store)) }
        let routing = RoutingService(engine: roads)
        let head = try await store.lastEventID()
        try await replayClosures(from: store, into: routing, logger: logger)
        let sessions = SessionValidator(store: store, clock: clock, idleLimit: limits.idleLock)
        let hub = LiveHub(queueCapacity: limits.liveQueue, catalog: { store.catalog }, logger: logger)
        await hub.start(at: head)
        let earlyWarning = EarlyWarningMonitor(store: store, clock: clock, logger: logger)
        await hub.observe { event in
            earlyWarning.observe(event)
            switch event.payload {
            case .securityEvent(let security) where [.sessionEnded, .logout].contains(security.action):
                if let id = security.sessionId { await sessions.forget(id) }
            case .userChanged(let change) where LiveHub.endsSessions(change.change):
                await sessions.forget(user: change.username)
            case .roadClosure(let change):
                do { _ = try routing.apply(change) } catch { logger.error("closure \(change.id) not applied: \(error)") }
            case .jurisdictionLoaded:
                try? await store.reloadCatalog()
                await earlyWarning.reset()
            default:
                break
            }
        }
        return AppServices(
            store: store,
            tokens: try await TokenService.load(from: store, clock: clock),
            sessions: sessions, hasher: PasswordHasher(cost: bcryptCost), hub: hub,
            clock: clock, limits: limits, routing: routing, earlyWarning: earlyWarning, logger: logger)
    }

    /// Puts a road network in service after start, with the closures the log holds.
    public static func install(_ engine: RoutingEngine, in services: AppServices) async throws {
        services.routing.install(engine)
        try await replayClosures(from: services.store, into: services.routing, logger: services.logger)
    }

    /// Road closures live in the log; a starting server re-applies those still in force.
    static func replayClosures(from store: EventStore, into routing: RoutingService, logger: Logger) async throws {
        guard routing.engine != nil else { return }
        for event in try await store.events(ofTypes: ["roads.closureAdded", "roads.closureRemoved"]) {
            guard case .roadClosure(let change) = event.payload else { continue }
            do { _ = try routing.apply(change) } catch { logger.warning("closure \(change.id) skipped: \(error)") }
        }
    }
}
