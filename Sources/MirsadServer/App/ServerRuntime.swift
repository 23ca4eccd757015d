import Foundation
import Logging
import MirsadDomain
import MirsadStore

/// Assembles the services of a running server around an open store.
public enum ServerRuntime {
    public static func services(
        store: EventStore, clock: any TimeSource = SystemTimeSource(), bcryptCost: UInt8 = 12,
        limits: Limits = Limits(), logger: Logger
    ) async throws -> AppServices {
        AppServices(
            store: store,
            tokens: try await TokenService.load(from: store, clock: clock),
            sessions: SessionValidator(store: store, clock: clock),
            hasher: PasswordHasher(cost: bcryptCost),
            hub: LiveHub(queueCapacity: limits.liveQueue, logger: logger),
            clock: clock, limits: limits, logger: logger)
    }
}
