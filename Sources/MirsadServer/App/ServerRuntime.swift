import Foundation
import Logging
import MirsadAudit
import MirsadDomain
import MirsadStore

/// Assembles the services of a running server around an open store.
public enum ServerRuntime {
    public static func services(
        store: EventStore, clock: any TimeSource = SystemTimeSource(), bcryptCost: UInt8 = 12,
        limits: Limits = Limits(), auditKey: AuditKeyFile? = nil, logger: Logger
    ) async throws -> AppServices {
        _ = MetricsExporter.shared
        if let auditKey { store.enableAuditSigning(try await auditKey.signing(for: store)) }
        let sessions = SessionValidator(store: store, clock: clock, idleLimit: limits.idleLock)
        let hub = LiveHub(queueCapacity: limits.liveQueue, catalog: { store.catalog }, logger: logger)
        await hub.onSessionEnded { sessionID, username in
            if let sessionID { await sessions.forget(sessionID) }
            if let username {
                await sessions.forget(user: username)
                await hub.endSessions(of: username, reason: "account changed")
            }
        }
        return AppServices(
            store: store,
            tokens: try await TokenService.load(from: store, clock: clock),
            sessions: sessions, hasher: PasswordHasher(cost: bcryptCost), hub: hub,
            clock: clock, limits: limits, logger: logger)
    }
}
