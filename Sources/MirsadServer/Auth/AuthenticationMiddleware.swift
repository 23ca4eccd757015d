import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import Logging
import MirsadDomain

/// Requires a valid bearer token on every route behind it and puts the caller in the context.
/// The token comes in the `Authorization` header; only the WebSocket upgrade (browsers cannot
/// set headers there) also takes it as the `access_token` query parameter, since URLs end up
/// in logs and histories. A session locked for inactivity may only unlock itself or log out.
/// Each session has its own request budget, so one stolen token cannot hammer the API.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = MirsadRequestContext
    let tokens: TokenService
    let sessions: SessionValidator
    /// Per-session request budget; nil for none.
    var perSession: RateLimiter?
    /// Whether `?access_token=` is accepted (the live feed's upgrade only).
    var allowsQueryToken = false

    static let lockedSessionPaths: Set<String> = ["/v1/auth/unlock", "/v1/auth/logout"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let principal = try await authenticate(request)
        if let perSession, !(await perSession.allow(principal.sessionID.uuidString)) {
            throw Problem(
                status: .tooManyRequests, code: "rate-limited", title: "Too many requests",
                detail: "this session sent too many requests; slow down")
        }
        context.principal = principal
        context.logger[metadataKey: "user"] = .string(principal.username)
        return try await next(request, context)
    }

    func authenticate(_ request: Request) async throws -> Principal {
        guard let token = Self.bearerToken(of: request, allowingQuery: allowsQueryToken),
            let claims = await tokens.verify(token),
            let sessionID = UUID(uuidString: claims.sid)
        else { throw Problem.unauthorized }
        switch try await sessions.state(of: sessionID, username: claims.sub.value, touch: true) {
        case .active(let principal):
            return principal
        case .locked(let principal) where Self.lockedSessionPaths.contains(request.uri.path):
            return principal
        case .locked:
            throw Problem.sessionLocked
        case .ended:
            throw Problem.unauthorized
        }
    }

    static func bearerToken(of request: Request, allowingQuery: Bool) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return nil
        }
        guard allowingQuery else { return nil }
        return request.uri.queryParameters["access_token"].map(String.init)
    }
}

extension Problem {
    static let sessionLocked = Problem(
        status: .unauthorized, code: "session-locked", title: "Session locked",
        detail: "the session was idle for 30 minutes; re-enter your password at POST /v1/auth/unlock")
}
