import Foundation
import Hummingbird
import MirsadStore

/// In front of the AVL route only: a request bearing a unit's own credential (`mdt_…`, from
/// `mirsad units token`) is let through as that unit's device; anything else goes to the user
/// authenticator. Unit credentials open no other route, since no other group has this.
struct UnitCredentialMiddleware: RouterMiddleware {
    typealias Context = MirsadRequestContext
    let store: EventStore
    let users: AuthenticationMiddleware
    let cache: UnitCredentialCache

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = AuthenticationMiddleware.bearerToken(of: request, allowingQuery: false),
            token.hasPrefix(EventStore.unitTokenPrefix)
        else { return try await users.handle(request, context: context, next: next) }
        guard let unit = try await cache.unit(for: token, store: store) else { throw Problem.unauthorized }
        var context = context
        context.deviceUnit = unit
        return try await next(request, context)
    }
}

/// Remembers verified unit credentials for a moment (a device posts every few seconds), so a
/// revocation takes effect within `cacheFor` on every instance.
actor UnitCredentialCache {
    private var entries: [String: (unit: UUID?, at: ContinuousClock.Instant)] = [:]
    private let cacheFor: Duration

    init(cacheFor: Duration = .seconds(2)) {
        self.cacheFor = cacheFor
    }

    func unit(for token: String, store: EventStore) async throws -> UUID? {
        if let entry = entries[token], ContinuousClock.now - entry.at < cacheFor { return entry.unit }
        let unit = try await store.unitForToken(token)
        if entries.count > 10_000 { entries.removeAll() }
        entries[token] = (unit, .now)
        return unit
    }
}
