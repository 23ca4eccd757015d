import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MirsadDomain
import MirsadGeo
import MirsadServer
import MirsadStore
import MirsadTestSupport
import NIOCore
import Synchronization
import Testing

/// A clock tests move by hand.
final class TestClock: TimeSource, Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// The databases HTTP-level tests run on: SQLite always, PostgreSQL where CI provides one.
enum TestBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres
    static var available: [TestBackend] { TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite] }
    var testDescription: String { rawValue }

    /// A new, empty database: a file in `directory`, or a PostgreSQL database of its own.
    func freshLocation(in directory: URL) async throws -> StoreLocation {
        switch self {
        case .sqlite: .sqlite(path: directory.appendingPathComponent("t.sqlite").path)
        case .postgres: .postgres(url: try await TestPostgres.createDatabase())
        }
    }
}

/// The accounts every server test has: a password shared by all, one user per role.
enum TestUsers {
    static let password = "correct horse battery"
    /// The administrator's second factor.
    static let adminSecret = "TESTSECRETTESTSECRET"
    static let all: [(String, Role, String)] = [
        ("calltaker", .callTaker, "operations"),
        ("dispatcher", .dispatcher, "operations"),
        ("fire.dispatcher", .dispatcher, "firefighting"),
        ("supervisor", .supervisor, "operations"),
        ("fire.supervisor", .supervisor, "firefighting"),
        ("analyst", .analyst, "criminal-security"),
        ("traffic.liaison", .sectorLiaison, "traffic"),
        ("admin", .admin, "operations"),
        ("press", .publicInformation, "operations"),
        ("citizen", .citizen, "operations"),
        ("cid.dispatcher", .dispatcher, "criminal-security"),
        ("shelter.staff", .shelterStaff, "firefighting"),
    ]
}

/// Builds the real application on a fresh SQLite store with the test jurisdiction and users.
struct ServerHarness: Sendable {
    let services: AppServices
    let clock: TestClock

    static func with<R: Sendable>(
        setup: TestingSetup = .router, backend: TestBackend = .sqlite, limits: Limits = Limits(),
        auditKey: Bool = false,
        roads: RoutingEngine? = nil, jurisdiction: Jurisdiction = TestJurisdiction.jurisdiction,
        _ body: @Sendable (ServerHarness, any TestClientProtocol) async throws -> R
    ) async throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-server-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = try await backend.freshLocation(in: directory)
        do {
            let result = try await run(
                at: location, directory: directory, setup: setup, limits: limits,
                auditKey: auditKey, roads: roads, jurisdiction: jurisdiction, body)
            if case .postgres(let url) = location { await TestPostgres.dropDatabase(url) }
            return result
        } catch {
            if case .postgres(let url) = location { await TestPostgres.dropDatabase(url) }
            throw error
        }
    }

    /// Two instances of the application on one PostgreSQL database, as behind a load balancer:
    /// each with its own store connections, event bus and routing engine.
    static func withTwoInstances<R: Sendable>(
        roads: @autoclosure () -> RoutingEngine?,
        _ body:
            @Sendable (ServerHarness, any TestClientProtocol, ServerHarness, any TestClientProtocol) async throws -> R
    ) async throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-server-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try await TestPostgres.createDatabase()
        let location = StoreLocation.postgres(url: url)
        let (first, second) = (roads(), roads())
        do {
            let result = try await run(
                at: location, directory: directory, setup: .router, limits: Limits(),
                auditKey: false, roads: first, jurisdiction: TestJurisdiction.jurisdiction
            ) { a, clientA in
                try await run(
                    at: location, directory: directory, setup: .router, limits: Limits(), auditKey: false,
                    roads: second, jurisdiction: nil
                ) { b, clientB in
                    try await body(a, clientA, b, clientB)
                }
            }
            await TestPostgres.dropDatabase(url)
            return result
        } catch {
            await TestPostgres.dropDatabase(url)
            throw error
        }
    }

    /// Runs the application on `location`; with a `jurisdiction`, first loads it and adds the
    /// test users (without, the database is already set up by another instance).
    private static func run<R: Sendable>(
        at location: StoreLocation, directory: URL, setup: TestingSetup, limits: Limits, auditKey: Bool,
        roads: RoutingEngine?, jurisdiction: Jurisdiction?,
        _ body: @Sendable (ServerHarness, any TestClientProtocol) async throws -> R
    ) async throws -> R {
        let clock = TestClock()
        let logger = {
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            return logger
        }()
        return try await EventStore.with(
            location, clock: clock, secretsKey: directory.appendingPathComponent("secrets.key").path, logger: logger
        ) { store in
            if let jurisdiction { try await store.loadJurisdiction(jurisdiction) }
            let services = try await ServerRuntime.services(
                store: store, clock: clock, bcryptCost: 4, limits: limits,
                auditKey: auditKey ? AuditKeyFile(path: directory.appendingPathComponent("audit.key").path) : nil,
                roads: roads, logger: logger)
            for (username, role, sector) in TestUsers.all where jurisdiction != nil {
                try await store.execute(
                    .create(
                        Account(
                            username: username, passwordHash: try await services.hasher.hash(TestUsers.password),
                            role: role, sector: sector,
                            secondFactor: role == .admin
                                ? .active(secret: TestUsers.adminSecret, lastStep: nil) : .none,
                            createdAt: clock.now(), passwordChangedAt: clock.now())),
                    actor: .system)
            }
            let app = buildApplication(services: services, settings: ServerSettings(host: "127.0.0.1", port: 0))
            let harness = ServerHarness(services: services, clock: clock)
            return try await app.test(setup) { client in
                // Under load the bus may start after the body begins; a new reactor would then
                // start past the events the body appends first.
                guard await services.reactorsRunning() else { throw TestSupportError("the reactors did not start") }
                return try await body(harness, client)
            }
        }
    }
}

/// A response with its body as text and JSON.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    /// The RFC 9457 `field` of a problem reply.
    var problemField: String? { json["field"] as? String }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try MirsadJSON.decoder().decode(type, from: Data(text.utf8))
    }
}

extension TestClientProtocol {
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        {
            Reply(status: $0.status, headers: $0.headers, text: String(buffer: $0.body))
        }
    }

    func call<T: Encodable>(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: T, headers: HTTPFields = [:]
    ) async throws -> Reply {
        let body = String(decoding: try MirsadJSON.encoder().encode(json), as: UTF8.self)
        return try await call(method, uri, token: token, body: body, headers: headers)
    }

    /// Logs in and returns the bearer token (the administrator with its second factor).
    func login(_ username: String, password: String = TestUsers.password, at now: Date? = nil) async throws -> String {
        let otp =
            username == "admin"
            ? #","otp":"\#(SecondFactor.code(secret: TestUsers.adminSecret, at: now ?? Date(timeIntervalSince1970: 1_795_000_000)))""#
            : ""
        let reply = try await call(
            .post, "/v1/auth/login", body: #"{"username":"\#(username)","password":"\#(password)"\#(otp)}"#)
        guard reply.status == .ok, let token = reply.json["token"] as? String else {
            throw TestSupportError("login of \(username) failed: \(reply.status) \(reply.text)")
        }
        return token
    }

    /// Creates an incident and returns it.
    func createIncident(
        token: String, type: String = "FIRE-STRUCTURE", lat: Double = 29.37, lon: Double = 47.98
    ) async throws -> Incident {
        let reply = try await call(
            .post, "/v1/incidents", token: token,
            body: #"{"type":"\#(type)","location":{"lat":\#(lat),"lon":\#(lon)}}"#)
        guard reply.status == .created else { throw TestSupportError("create failed: \(reply.status) \(reply.text)") }
        return try reply.decode(Incident.self)
    }
}
