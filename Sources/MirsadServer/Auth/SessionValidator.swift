import Foundation
import MirsadDomain
import MirsadStore

/// Decides whether a token's session is still alive: not ended, not expired, the account
/// still enabled and unchanged in role and sector. Results are cached for a moment so a
/// burst of requests costs one lookup; `forget` drops an entry at once (logout, kill).
public actor SessionValidator {
    private struct Entry {
        let principal: Principal?
        let checkedAt: ContinuousClock.Instant
    }

    private let store: EventStore
    private let clock: any TimeSource
    private let cacheFor: Duration
    private var cache: [UUID: Entry] = [:]

    public init(store: EventStore, clock: any TimeSource, cacheFor: Duration = .seconds(2)) {
        self.store = store
        self.clock = clock
        self.cacheFor = cacheFor
    }

    /// The principal for a session, or nil when the session no longer grants access.
    func principal(sessionID: UUID, username: String) async throws -> Principal? {
        if let entry = cache[sessionID], ContinuousClock.now - entry.checkedAt < cacheFor {
            return entry.principal
        }
        let principal = try await lookUp(sessionID: sessionID, username: username)
        cache[sessionID] = Entry(principal: principal, checkedAt: .now)
        if cache.count > 50_000 { cache.removeAll() }
        return principal
    }

    public func forget(_ sessionID: UUID) { cache[sessionID] = nil }

    public func forgetAll() { cache.removeAll() }

    private func lookUp(sessionID: UUID, username: String) async throws -> Principal? {
        guard let session = try await store.session(sessionID), session.username == username,
            session.endedAt == nil, session.expiresAt > clock.now(),
            let user = try await store.user(username), !user.disabled
        else { return nil }
        return Principal(username: user.username, role: user.role, sector: user.sector, sessionID: sessionID)
    }
}
