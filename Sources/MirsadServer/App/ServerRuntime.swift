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
        limits: Limits = Limits(), auditKey: AuditKeyFile? = nil, roads: RoutingEngine? = nil,
        extraReactors: [any EventReactor] = [], logger: Logger
    ) async throws -> AppServices {
        _ = MetricsExporter.shared
        if let auditKey { store.enableAuditSigning(try await auditKey.signing(for: store)) }
        let routing = RoutingService(engine: roads)
        routing.prepare(for: store.catalog?.jurisdiction)
        let sessions = SessionValidator(store: store, clock: clock, idleLimit: limits.idleLock)
        let hub = LiveHub(queueCapacity: limits.liveQueue, catalog: { store.catalog }, logger: logger)
        let earlyWarning = EarlyWarningMonitor(store: store, clock: clock, logger: logger)
        let reactors: [any EventReactor] =
            [
                SessionReactor(sessions: sessions, hub: hub),
                ClosureReactor(store: store, routing: routing, logger: logger),
                CatalogReactor(store: store, earlyWarning: earlyWarning),
                earlyWarning,
                PlaybookReactor(store: store, logger: logger),
            ] + extraReactors
        return AppServices(
            store: store,
            tokens: try await TokenService.load(from: store, clock: clock),
            sessions: sessions, hasher: PasswordHasher(cost: bcryptCost), hub: hub,
            clock: clock, limits: limits, routing: routing, earlyWarning: earlyWarning,
            reactors: reactors, logger: logger)
    }

    /// Puts a road network in service after start, with the closures in force.
    public static func install(_ engine: RoutingEngine, in services: AppServices) async throws {
        services.routing.install(engine)
        services.routing.prepare(for: services.store.catalog?.jurisdiction)
        try await services.routing.load(from: services.store, logger: services.logger)
    }
}
