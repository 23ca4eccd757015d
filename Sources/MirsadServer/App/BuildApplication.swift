import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import MirsadDomain
import MirsadStore
import NIOCore
import ServiceLifecycle

/// Where and how the HTTP server listens.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Browser origins allowed to open the live feed; empty allows any (tokens still required).
    public var allowedOrigins: Set<String>
    /// Serve the console from this folder instead of the copy built into the binary, so its
    /// files can be edited without a rebuild (development only; `MIRSAD_CONSOLE_DIR`).
    public var consoleDirectory: URL?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, allowedOrigins: Set<String> = [], consoleDirectory: URL? = nil
    ) {
        self.host = host
        self.port = port
        self.allowedOrigins = allowedOrigins
        self.consoleDirectory = consoleDirectory
    }
}

/// Builds the Mirsad HTTP application from its parts; `mirsad serve`, `mirsad demo` and the
/// tests all call this one function.
public func buildApplication(
    services: AppServices, settings: ServerSettings, extraServices: [any Service] = [],
    onRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(services: services, settings: settings)
    var app = Application(
        router: router,
        server: .http1WebSocketUpgrade(
            webSocketRouter: router,
            configuration: .init(ws: .init(maxFrameSize: 64 * 1024))),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "mirsad"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
        logger: services.logger
    )
    // The store is opened and closed around the application by the caller (EventStore.with),
    // so it outlives every service here.
    app.addServices(
        EventBus(
            store: services.store, hub: services.hub, sessions: services.sessions, runners: services.reactors,
            logger: services.logger))
    app.addServices(TaskEscalator(store: services.store, clock: services.clock, logger: services.logger))
    app.addServices(DroneLinkWatchdog(store: services.store, clock: services.clock, logger: services.logger))
    for service in extraServices { app.addServices(service) }
    return app
}

/// Builds the application and runs it until SIGINT/SIGTERM, then shuts down gracefully.
public func runServer(
    services: AppServices, settings: ServerSettings, extraServices: [any Service] = [],
    onRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws {
    let app = buildApplication(
        services: services, settings: settings, extraServices: extraServices, onRunning: onRunning)
    try await app.runService()
}

/// The router alone, for tests that drive it without a socket.
public func buildRouter(services: AppServices, settings: ServerSettings) -> Router<MirsadRequestContext> {
    let router = Router(context: MirsadRequestContext.self)
    // Outermost first: security headers go on every response, problems included.
    router.middlewares.add(SecurityHeadersMiddleware())
    router.middlewares.add(ProblemMiddleware(logger: services.logger))
    router.middlewares.add(MetricsMiddleware())
    let publicLimit = RateLimitMiddleware(
        limiter: RateLimiter(
            perMinute: services.limits.publicRequestsPerMinute,
            burst: services.limits.publicRequestsPerMinute / 4, clock: services.clock), scope: "public")
    let open = router.group().add(middleware: publicLimit)
    SystemRoutes(services: services, metrics: .shared).add(to: open)
    ConsoleRoutes(directory: settings.consoleDirectory).add(to: open)
    CAPPublicRoutes(services: services).add(to: open)

    let v1 = router.group("v1")
    let login = v1.group().add(
        middleware: RateLimitMiddleware(
            limiter: RateLimiter(
                perMinute: services.limits.loginsPerMinute, burst: services.limits.loginsPerMinute,
                clock: services.clock),
            scope: "login"))
    AuthRoutes(services: services).addPublic(to: login)
    AuditRoutes(services: services).addPublic(to: v1.group().add(middleware: publicLimit))
    PublicShelterRoutes(services: services).add(to: v1.group().add(middleware: publicLimit))
    let perSession = services.limits.sessionRequestsPerMinute.map {
        RateLimiter(perMinute: $0, burst: max(1, $0 / 2), clock: services.clock)
    }
    let authenticator = AuthenticationMiddleware(
        tokens: services.tokens, sessions: services.sessions, perSession: perSession)
    let protected = v1.group().add(middleware: authenticator).add(middleware: DenialAuditMiddleware(services: services))
    AuthRoutes(services: services).addProtected(to: protected)
    IncidentRoutes(services: services).add(to: protected)
    UnitRoutes(services: services).add(to: protected)
    let avl = v1.group().add(
        middleware: UnitCredentialMiddleware(
            store: services.store, users: authenticator, cache: UnitCredentialCache())
    )
    .add(middleware: DenialAuditMiddleware(services: services))
    UnitRoutes(services: services).addPositions(to: avl)
    DroneRoutes(services: services).addTelemetry(to: avl)
    CatalogRoutes(services: services).add(to: protected)
    AdminRoutes(services: services).add(to: protected)
    DispatchRoutes(services: services, routing: services.routing).add(to: protected)
    RoadRoutes(services: services, routing: services.routing).add(to: protected)
    MapRoutes(services: services).add(to: protected)
    GeoJSONRoutes(services: services).add(to: protected)
    AuditRoutes(services: services).addProtected(to: protected)
    AnalyticsRoutes(services: services, compute: ComputeGate()).add(to: protected)
    PublicAlertRoutes(services: services).add(to: protected)
    ExternalWarningRoutes(services: services).add(to: protected)
    OperationRoutes(services: services).add(to: protected)
    ShelterRoutes(services: services).add(to: protected)
    EvacueeRoutes(services: services).add(to: protected)
    DroneRoutes(services: services).add(to: protected)
    AirspaceRoutes(services: services).add(to: protected)
    CameraRoutes(services: services).add(to: protected)
    SensorRoutes(services: services).add(to: protected)

    var liveAuthenticator = authenticator
    liveAuthenticator.allowsQueryToken = true
    let live = router.group().add(middleware: liveAuthenticator)
    LiveRoute(services: services, allowedOrigins: settings.allowedOrigins).add(to: live)
    return router
}

/// Turns every error into an RFC 9457 problem; details of unexpected errors go to the log,
/// never to the client.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = MirsadRequestContext
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            }
            return try problem.response(from: request, context: context)
        }
    }
}

/// Headers OWASP recommends on every API response.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = MirsadRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
