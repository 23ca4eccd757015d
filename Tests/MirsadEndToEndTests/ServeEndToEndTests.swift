import AsyncHTTPClient
import Foundation
import MirsadDomain
import MirsadTestSupport
import NIOHTTP1
import Synchronization
import Testing

/// The real binary over real sockets.
@Suite("mirsad serve, end to end", .serialized)
struct ServeEndToEndTests {
    @Test("serve: users add, login, create, live feed over WebSocket, graceful SIGTERM")
    func serveRoundTrip() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let (server, port) = try await startServer(db: workspace.sqlite(), workspace: workspace)
        let api = try await APIClient(port: port).loggedIn("calltaker", e2ePassword)
        let live = LiveFeedClient(port: port, token: try #require(api.token))
        _ = await live.collect(until: { $0.type == "caughtUp" })
        let created = try await api.call(
            .POST, "/v1/incidents", body: #"{"type":"FIRE-VEHICLE","location":{"lat":29.3,"lon":47.9}}"#)
        #expect(created.status == 201)
        let frames = await live.collect(until: { $0.eventType == "incident.created" })
        #expect(frames != nil)
        live.close()
        let openapi = try await APIClient(port: port).call(.GET, "/openapi.json")
        #expect(openapi.json["openapi"] as? String == "3.1.0")

        // A unit's device credential, from the command line, posts that unit's positions only.
        let (issued, token) = try await MirsadProcess.run([
            "units", "token", "--db", workspace.sqlite(), "--unit", "E1",
        ])
        #expect(issued == 0, "\(token)")
        let device = APIClient(port: port, token: token.trimmingCharacters(in: .whitespacesAndNewlines))
        let e1 = TestJurisdiction.unitID("E1"), e2 = TestJurisdiction.unitID("E2")
        let own = try await device.call(
            .POST, "/v1/units/positions",
            body: #"{"positions":[{"unitId":"\#(e1)","lat":29.3,"lon":47.9}]}"#)
        #expect(own.status == 202, "\(own.body)")
        let other = try await device.call(
            .POST, "/v1/units/positions",
            body: #"{"positions":[{"unitId":"\#(e2)","lat":29.3,"lon":47.9}]}"#)
        #expect(other.status == 403)
        #expect(try await device.call(.GET, "/v1/incidents").status == 401)
        let (revoked, said) = try await MirsadProcess.run([
            "units", "token", "--db", workspace.sqlite(), "--unit", "E1", "--revoke",
        ])
        #expect(revoked == 0 && said.contains("revoked 1"), "\(said)")
        let (unknown, refusal) = try await MirsadProcess.run([
            "units", "token", "--db", workspace.sqlite(), "--unit", "NOPE",
        ])
        #expect(unknown != 0 && refusal.contains("--unit"), "\(refusal)")
        server.signal(SIGTERM)
        #expect(try await server.wait(timeout: .seconds(20)) == 0)
    }

    @Test(
        "every acknowledged incident survives kill -9 mid-load, and the read models agree with the log",
        arguments: ["sqlite"] + (TestPostgres.isAvailable ? ["postgres"] : []))
    func crashDurability(backend: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = backend == "sqlite" ? workspace.sqlite() : try await TestPostgres.createDatabase()
        defer { if backend == "postgres" { TestPostgres.dropDatabaseLater(db) } }
        let (server, port) = try await startServer(db: db, workspace: workspace)
        let api = try await APIClient(port: port).loggedIn("calltaker", e2ePassword)

        let acknowledged = Acknowledged()
        let load = Task { [api] in
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        var i = 0
                        while !Task.isCancelled {
                            i += 1
                            let body =
                                #"{"type":"TRAFFIC-ACCIDENT","location":{"lat":\#(20 + Double(worker) + Double(i) * 0.001),"lon":47.9}}"#
                            guard let reply = try? await api.call(.POST, "/v1/incidents", body: body) else { return }
                            if reply.status == 201, let id = reply.json["id"] as? String {
                                acknowledged.add(id)
                            }
                        }
                    }
                }
            }
        }
        // Let the load run, then pull the plug without warning.
        while acknowledged.count < 300 { try await Task.sleep(for: .milliseconds(20)) }
        server.signal(SIGKILL)
        _ = try await server.wait()
        load.cancel()
        _ = await load.value
        let ids = acknowledged.all

        let (restarted, newPort) = try await startServer(db: db, workspace: workspace, addUsers: false)
        let again = try await APIClient(port: newPort).loggedIn("calltaker", e2ePassword)
        var missing: [String] = []
        for id in ids where try await again.call(.GET, "/v1/incidents/\(id)").status != 200 { missing.append(id) }
        #expect(missing.isEmpty, "\(missing.count) of \(ids.count) acknowledged incidents lost")
        restarted.signal(SIGTERM)
        _ = try await restarted.wait()
        let (status, report) = try await MirsadProcess.run(["store", "check", "--db", db])
        #expect(status == 0, "\(report)")
        #expect(report.contains("read models agree with the log"))
    }

    @Test("bad jurisdiction files and bad options are refused with the field or line named")
    func badConfiguration() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let broken = workspace.directory.appendingPathComponent("broken.yaml")
        try "name: {en: X, ar: Y}\ncenter: {lat: 29, lon: 47}\nsectors: [\n".write(
            to: broken, atomically: true, encoding: .utf8)
        let (status1, output1) = try await MirsadProcess.run(["jurisdiction", "validate", broken.path])
        #expect(status1 != 0)
        #expect(output1.contains("broken.yaml") && output1.contains("line"))
        var bad = TestJurisdiction.jurisdiction
        bad.units[0].homeStation = "NOWHERE"
        let badFile = workspace.directory.appendingPathComponent("bad.json")
        try JSONEncoder().encode(bad).write(to: badFile)
        let (status2, output2) = try await MirsadProcess.run(["jurisdiction", "validate", badFile.path])
        #expect(status2 != 0)
        #expect(output2.contains("units[0].homeStation"))
        let (status3, output3) = try await MirsadProcess.run(["serve", "--db", "mysql://nope"])
        #expect(status3 != 0)
        #expect(output3.contains("--db"))
    }
}

@Suite(
    "PostgreSQL deployments, end to end", .serialized,
    .enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.absentMessage)))
struct PostgresEndToEndTests {
    @Test(
        "two instances on one database: each one's live clients get the other's events, prompted by its commit signal")
    func twoInstances() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = try await TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabaseLater(db) }
        let (a, portA) = try await startServer(db: db, workspace: workspace)
        let b = try MirsadProcess(["serve", "--db", db, "--port", "0", "--audit-key", workspace.auditKeyPath])
        let portB = try await b.waitForPort()
        let onA = try await APIClient(port: portA).loggedIn("dispatcher", e2ePassword)
        let onB = try await APIClient(port: portB).loggedIn("calltaker", e2ePassword)
        let liveA = LiveFeedClient(port: portA, token: try #require(onA.token))
        _ = await liveA.collect(until: { $0.type == "caughtUp" })
        var latencies: [Double] = []
        for i in 0..<5 {
            let created = try await onB.call(
                .POST, "/v1/incidents",
                body: #"{"type":"FIRE-VEHICLE","location":{"lat":\#(29 + Double(i)),"lon":47.9}}"#)
            #expect(created.status == 201)
            let id = try #require(created.json["id"] as? String)
            let frames = await liveA.collect(
                until: { ($0.object["event"] as? [String: Any])?["incidentId"] as? String == id },
                timeout: .seconds(10))
            let frame = try #require(frames?.last, "event \(i) never reached A's client")
            latencies.append(frame.receivedWallTime.timeIntervalSince(try #require(frame.eventTime)))
        }
        // How fast is the benchmark's business; here it matters *what* brought the events. The
        // one-second poll would deliver them too, so A must count deliveries prompted by B's
        // NOTIFY (the poll may still win a race now and then on a loaded machine).
        let metrics = try await APIClient(port: portA).call(.GET, "/metrics")
        let bySignal = metricValue(metrics.body, "mirsad_live_events_delivered_total", source: "signal")
        #expect(bySignal >= 1, "no event reached A by B's commit signal; metrics:\n\(metrics.body)")
        print(
            "two instances: commit-to-client latencies \(latencies.map { String(format: "%.3f", $0) }) s; \(Int(bySignal)) events delivered by signal"
        )
        let ids = liveA.received.compactMap(\.eventID)
        #expect(ids == Array((ids.first ?? 0)...(ids.last ?? 0)), "A's client saw B's events in order with no gap")
        liveA.close()
        a.signal(SIGTERM)
        b.signal(SIGTERM)
        _ = try await a.wait()
        _ = try await b.wait()
    }

    @Test("an unreachable database yields 503 with a problem body, and the server recovers by itself")
    func databaseOutage() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = try await TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabaseLater(db) }
        var components = try #require(URLComponents(string: db))
        let proxy = try await TCPProxy(targetHost: components.host ?? "127.0.0.1", targetPort: components.port ?? 5432)
        components.port = proxy.port
        let viaProxy = try #require(components.string)
        let (server, port) = try await startServer(db: viaProxy, workspace: workspace)
        let api = try await APIClient(port: port).loggedIn("calltaker", e2ePassword)
        let body = #"{"type":"FIRE-VEHICLE","location":{"lat":29.3,"lon":47.9}}"#
        #expect(try await api.call(.POST, "/v1/incidents", body: body).status == 201)

        await proxy.cut()
        let down = try await api.call(.POST, "/v1/incidents", body: body)
        #expect(down.status == 503)
        #expect(down.json["type"] as? String == "https://mirsad.dev/problems/unavailable")
        let health = try await APIClient(port: port).call(.GET, "/health")
        #expect(health.status == 503)

        try await proxy.restore()
        var recovered = false
        for _ in 0..<100 where !recovered {
            recovered = try await api.call(.POST, "/v1/incidents", body: body).status == 201
            if !recovered { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(recovered, "the server did not recover after the database came back")
        server.signal(SIGTERM)
        _ = try await server.wait()
    }
}

/// Ids of incidents the server acknowledged with 201, shared by the load tasks.
final class Acknowledged: Sendable {
    private let ids = Mutex<[String]>([])
    func add(_ id: String) { ids.withLock { $0.append(id) } }
    var count: Int { ids.withLock { $0.count } }
    var all: [String] { ids.withLock { $0 } }
}

/// The value of a Prometheus sample `name{source="…"}`, or 0 when it is absent.
private func metricValue(_ exposition: String, _ name: String, source: String) -> Double {
    let prefix = "\(name){source=\"\(source)\"}"
    for line in exposition.split(separator: "\n") where line.hasPrefix(prefix) {
        return Double(line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return 0
}
