import Foundation
import MirsadDomain
import MirsadStore

/// What a bearer token's session allows right now.
public enum SessionState: Sendable, Equatable {
    case active(Principal)
    /// Idle too long: the user must re-enter the password (`POST /v1/auth/unlock`).
    case locked(Principal)
    /// Logged out, killed, expired, account disabled or password changed.
    case ended
}

/// Decides what a session allows: ended sessions (logout, admin kill, expiry, disabled
/// account, password change) grant nothing; sessions idle for `idleLimit` are locked.
///
/// The account's current role and sector come from the database, not the token, so an admin's
/// change applies at once. Lookups are cached for a moment; `forget` drops entries at once.
/// Activity is kept in memory and written back at most once a minute per session.
public actor SessionValidator {
    private struct Entry {
        let session: SessionRecord?
        let user: Account?
        let fetchedAt: ContinuousClock.Instant
    }

    private let store: EventStore
    private let clock: any TimeSource
    private let cacheFor: Duration
    public let idleLimit: TimeInterval
    private var cache: [UUID: Entry] = [:]
    private var lastSeen: [UUID: Date] = [:]
    private var lastPersisted: [UUID: Date] = [:]

    public init(
        store: EventStore, clock: any TimeSource, cacheFor: Duration = .seconds(2), idleLimit: TimeInterval = 30 * 60
    ) {
        self.store = store
        self.clock = clock
        self.cacheFor = cacheFor
        self.idleLimit = idleLimit
    }

    /// The state of a session; `touch` records a request as activity (HTTP requests do; the
    /// live feed's periodic checks do not).
    public func state(of sessionID: UUID, username: String, touch: Bool) async throws -> SessionState {
        let entry = try await entry(sessionID)
        let now = clock.now()
        guard let session = entry.session, session.username == username, session.endedAt == nil,
            session.expiresAt > now, let user = entry.user, !user.disabled,
            user.passwordChangedAt <= session.createdAt
        else { return .ended }
        let principal = Principal(username: user.username, role: user.role, sector: user.sector, sessionID: sessionID)
        let active = max(lastSeen[sessionID] ?? session.lastSeenAt, session.lastSeenAt)
        guard now.timeIntervalSince(active) <= idleLimit else { return .locked(principal) }
        if touch { try await recordActivity(sessionID, at: now) }
        return .active(principal)
    }

    /// After the password was re-entered: the session is active again from now.
    public func unlock(_ sessionID: UUID) async throws {
        lastSeen[sessionID] = clock.now()
        lastPersisted[sessionID] = nil
        try await recordActivity(sessionID, at: clock.now())
    }

    public func forget(_ sessionID: UUID) {
        cache[sessionID] = nil
    }

    public func forget(user username: String) {
        cache = cache.filter { $0.value.session?.username != username }
    }

    private func recordActivity(_ sessionID: UUID, at now: Date) async throws {
        lastSeen[sessionID] = now
        // Other instances learn of activity through the database, written at most once a minute.
        if now.timeIntervalSince(lastPersisted[sessionID] ?? .distantPast) >= 60 {
            lastPersisted[sessionID] = now
            try await store.touchSession(sessionID, at: now)
            cache[sessionID] = nil
        }
    }

    private func entry(_ sessionID: UUID) async throws -> Entry {
        if let entry = cache[sessionID], ContinuousClock.now - entry.fetchedAt < cacheFor { return entry }
        let session = try await store.session(sessionID)
        var user: Account?
        if let session { user = try await store.user(session.username) }
        let entry = Entry(session: session, user: user, fetchedAt: .now)
        if cache.count > 50_000 { cache.removeAll() }
        cache[sessionID] = entry
        return entry
    }
}
