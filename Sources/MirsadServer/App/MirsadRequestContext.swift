import Foundation
import Hummingbird
import HummingbirdWebSocket
import MirsadDomain
import NIOCore

/// Who is calling, once the bearer token has been checked against a live session.
public struct Principal: Sendable, Hashable {
    public var username: String
    public var role: Role
    public var sector: String
    public var sessionID: UUID

    public var actor: Actor { Actor(username: username, role: role, sector: sector) }
}

/// The per-request context of every Mirsad route, HTTP or WebSocket.
public struct MirsadRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// Set by `AuthenticationMiddleware`; nil on public routes.
    public var principal: Principal?
    /// Set on the AVL route when a unit's own device credential was presented.
    public var deviceUnit: UUID?
    /// The client's IP address, for rate limits.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        principal = nil
        deviceUnit = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are read with explicit per-route limits; this is the outer bound (AVL batches).
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    /// The authenticated caller; routes behind the authenticator can rely on it.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw Problem.unauthorized }
        return principal
    }
}
