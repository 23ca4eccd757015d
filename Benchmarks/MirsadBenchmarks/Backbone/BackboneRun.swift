import ArgumentParser
import AsyncHTTPClient
import Foundation
import MirsadDomain
import MirsadSimulation
import MirsadTestSupport
import NIOCore
import NIOHTTP1
import Synchronization

/// One server under load: the real binary on a fresh database with the demo world.
struct BackboneRun: Sendable {
    let server: MirsadProcess
    let port: Int
    let token: String
    let units: [UUID]
    let directory: URL
    let postgresDatabase: String?
    static let password = "benchmark password"
    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)))

    static func start(binary: String, postgresAdmin: String?, signedAudit: Bool = true) async throws -> BackboneRun {
        setenv("MIRSAD_BINARY", binary, 1)
        // One token drives every client here; a console session would be held to the default.
        setenv("MIRSAD_SESSION_REQUESTS_PER_MINUTE", "100000000", 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let world = DemoWorld.make(seed: 42)
        let file = directory.appendingPathComponent("world.json")
        try MirsadJSON.encoder().encode(world).write(to: file)
        var database: String?
        let db: String
        if let postgresAdmin {
            setenv("MIRSAD_TEST_POSTGRES_URL", postgresAdmin, 1)
            db = try await TestPostgres.createDatabase()
            database = db
        } else {
            db = "sqlite:" + directory.appendingPathComponent("bench.sqlite").path
        }
        let server = try MirsadProcess(
            ["serve", "--db", db, "--jurisdiction", file.path, "--port", "0"]
                + (signedAudit ? [] : ["--unsigned-audit"]))
        let port = try await server.waitForPort()
        let (status, output) = try await MirsadProcess.run(
            ["users", "add", "--db", db, "--username", "bench", "--role", "dispatcher", "--sector", "operations"],
            stdin: password + "\n")
        guard status == 0 else { throw TestSupportError("users add: \(output)") }
        let login = try await call(
            port: port, token: nil, .POST, "/v1/auth/login",
            body: #"{"username":"bench","password":"\#(password)"}"#)
        guard let token = login.json["token"] as? String else { throw TestSupportError("login: \(login.body)") }
        return BackboneRun(
            server: server, port: port, token: token, units: world.units.map(\.id),
            directory: directory, postgresDatabase: database)
    }

    /// Starts a server, runs `body` against it and stops it, also when `body` throws.
    static func with<T>(
        binary: String, postgresAdmin: String?, signedAudit: Bool = true, _ body: (BackboneRun) async throws -> T
    ) async throws -> T {
        let run = try await start(binary: binary, postgresAdmin: postgresAdmin, signedAudit: signedAudit)
        do {
            let result = try await body(run)
            await run.stop()
            return result
        } catch {
            await run.stop()
            throw error
        }
    }

    func stop() async {
        server.signal(SIGTERM)
        try? await Task.sleep(for: .seconds(1))
        if let postgresDatabase { await TestPostgres.dropDatabase(postgresDatabase) }
        try? FileManager.default.removeItem(at: directory)
    }

    struct Reply: Sendable {
        let status: Int
        let body: String
        var headers = HTTPHeaders()
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
    }

    /// Adds the `bench` supervisor (operations) to `db` and logs it in on the server at `port`.
    static func supervisorToken(db: String, port: Int) async throws -> String {
        let (status, output) = try await MirsadProcess.run(
            ["users", "add", "--db", db, "--username", "bench", "--role", "supervisor", "--sector", "operations"],
            stdin: password + "\n")
        guard status == 0 else { throw ValidationError("users add: \(output)") }
        let login = try await call(
            port: port, token: nil, .POST, "/v1/auth/login",
            body: #"{"username":"bench","password":"\#(password)"}"#)
        guard let token = login.json["token"] as? String else { throw ValidationError("login: \(login.body)") }
        return token
    }

    static func call(port: Int, token: String?, _ method: HTTPMethod, _ path: String, body: String?) async throws
        -> Reply
    {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), body: String(buffer: buffer), headers: response.headers)
    }

    /// Runs `clients` loops of `operation` for `seconds`; each call's latency is recorded.
    private func load(
        clients: Int, seconds: Double,
        operation: @escaping @Sendable (Int, Int) async throws -> Bool
    ) async -> LoadStats {
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int(seconds * 1000))
        let parts = await withTaskGroup(of: LoadStats.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var stats = LoadStats()
                    var i = 0
                    while ContinuousClock.now < deadline {
                        i += 1
                        let t0 = ContinuousClock.now
                        let ok = (try? await operation(client, i)) ?? false
                        let elapsed = ContinuousClock.now - t0
                        stats.latencies.append(
                            Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                        if ok { stats.operations += 1 } else { stats.failures += 1 }
                    }
                    return stats
                }
            }
            return await group.reduce(into: [LoadStats]()) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - started
        return LoadStats.merge(
            parts, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    func creates(clients: Int, seconds: Double) async throws -> LoadStats {
        let (port, token) = (self.port, self.token)
        let types = ["TRF-ACCIDENT", "PS-NOISE", "FIRE-VEHICLE", "PS-SUSPICIOUS", "CRM-BURGLARY"]
        return await load(clients: clients, seconds: seconds) { client, i in
            // Spread over the city so the duplicate rule has realistic (small) candidate sets.
            let lat = 29.1 + Double((client * 7919 + i * 104_729) % 3000) / 10_000
            let lon = 47.7 + Double((client * 6007 + i * 7877) % 3500) / 10_000
            let body = #"{"type":"\#(types[(client + i) % types.count])","location":{"lat":\#(lat),"lon":\#(lon)}}"#
            return try await Self.call(port: port, token: token, .POST, "/v1/incidents", body: body).status == 201
        }
    }

    /// The newest event id: every event is an audit entry, so its growth is the audit append rate.
    func lastEventID() async throws -> Int64 {
        let health = try await Self.call(port: port, token: nil, .GET, "/health", body: nil)
        guard let id = (health.json["lastEventId"] as? NSNumber)?.int64Value else {
            throw TestSupportError("health: \(health.body)")
        }
        return id
    }

    func positions(batch: Int, clients: Int, seconds: Double) async throws -> LoadStats {
        let (port, token, units) = (self.port, self.token, self.units)
        var stats = await load(clients: clients, seconds: seconds) { client, i in
            var parts: [String] = []
            parts.reserveCapacity(batch)
            let base = Date().timeIntervalSince1970
            for k in 0..<batch {
                let unit = units[(k + client) % units.count]
                let at = MirsadJSON.formatTimestamp(Date(timeIntervalSince1970: base + Double(k / units.count)))
                parts.append(
                    #"{"unitId":"\#(unit)","lat":\#(29.2 + Double(k % 977) / 10_000),"lon":\#(47.9 + Double(i % 100) / 1000),"at":"\#(at)"}"#
                )
            }
            let body = #"{"positions":["# + parts.joined(separator: ",") + "]}"
            return try await Self.call(port: port, token: token, .POST, "/v1/units/positions", body: body).status == 202
        }
        stats.operations *= batch
        return stats
    }

    /// Connects `clients` live-feed clients, creates incidents at a steady pace, and measures
    /// for every client and event the time from the server's commit timestamp to receipt.
    func fanout(clients: Int, seconds: Double) async throws -> LoadStats {
        let feeds = (0..<clients).map { _ in LiveFeedClient(port: port, token: token) }
        for feed in feeds { _ = await feed.collect(until: { $0.type == "caughtUp" }, timeout: .seconds(30)) }
        var created: Set<String> = []
        let started = ContinuousClock.now
        var i = 0
        while ContinuousClock.now - started < .milliseconds(Int(seconds * 1000)) {
            i += 1
            let reply = try await Self.call(
                port: port, token: token, .POST, "/v1/incidents",
                body: #"{"type":"PS-NOISE","location":{"lat":\#(29 + Double(i) * 0.01),"lon":47.5}}"#)
            if let id = reply.json["id"] as? String { created.insert(id) }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .seconds(2))
        var stats = LoadStats()
        for feed in feeds {
            var seen = 0
            for frame in feed.received where frame.eventType == "incident.created" {
                guard let incident = (frame.object["event"] as? [String: Any])?["incidentId"] as? String,
                    created.contains(incident), let at = frame.eventTime
                else { continue }
                stats.latencies.append(frame.receivedWallTime.timeIntervalSince(at) * 1000)
                seen += 1
            }
            stats.operations += seen
            stats.failures += created.count - seen
            feed.close()
        }
        return stats
    }
}
