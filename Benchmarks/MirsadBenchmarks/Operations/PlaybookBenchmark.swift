import ArgumentParser
import Foundation
import Hummingbird
import MirsadDomain
import MirsadSimulation
import MirsadTestSupport
import NIOCore
import NIOHTTP1
import Synchronization

/// `mirsad-bench playbooks`: from an incoming CAP warning to every task of the plan it starts
/// on the live feed. The real binary follows a meteorological feed served here on loopback
/// (`--cap-feed`); each round publishes a new heavy-rain warning for the demo city and times
/// from the moment the server fetches the alert document to the moment a connected client
/// receives the `operations.activated` frame carrying every task. The operation is then stood
/// down so the next warning starts it again.
struct PlaybookBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbooks",
        abstract: "Incoming CAP warning → every playbook task on the live feed (p50/p99).",
        discussion: "Target (issue 11): p99 ≤ 1 s. Needs a release build of mirsad (--binary).")

    @Option(help: "The mirsad binary.") var binary = ".build/release/mirsad"
    @Option(help: "Warnings to time.") var rounds = 30

    /// The fake meteorological service: its documents, and when the server fetched each alert.
    final class Feed: Sendable {
        let documents = Mutex<[String: String]>([:])
        let fetched = Mutex<[String: ContinuousClock.Instant]>([:])
    }

    func run() async throws {
        let feed = Feed()
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = String(request.uri.path.dropFirst())
            guard let text = feed.documents.withLock({ $0[path] }) else { return Response(status: .notFound) }
            if path.hasSuffix(".xml") { feed.fetched.withLock { $0[path] = $0[path] ?? .now } }
            return Response(
                status: .ok, headers: [.contentType: "application/xml"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let ports = AsyncStream<Int>.makeStream()
        let met = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await met.run() }
            var iterator = ports.stream.makeAsyncIterator()
            guard let metPort = await iterator.next() else { throw ValidationError("the feed server did not start") }
            let latencies = try await measure(feed: feed, metPort: metPort)
            report(latencies)
            group.cancelAll()
        }
    }

    private func measure(feed: Feed, metPort: Int) async throws -> [Double] {
        feed.documents.withLock { $0["feed.atom"] = Self.atom([], port: metPort) }
        setenv("MIRSAD_BINARY", binary, 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let world = directory.appendingPathComponent("world.json")
        try MirsadJSON.encoder().encode(DemoWorld.make(seed: 42)).write(to: world)
        let db = "sqlite:" + directory.appendingPathComponent("bench.sqlite").path
        let server = try MirsadProcess([
            "serve", "--db", db, "--jurisdiction", world.path, "--port", "0",
            "--cap-feed", "http://127.0.0.1:\(metPort)/feed.atom", "--cap-feed-interval", "1",
        ])
        defer { server.signal(SIGTERM) }
        let port = try await server.waitForPort()
        let token = try await BackboneRun.supervisorToken(db: db, port: port)
        let live = LiveFeedClient(port: port, token: token)
        _ = await live.collect(until: { $0.type == "caughtUp" })

        var latencies: [Double] = []
        var links: [String] = []
        let start = Date()
        for round in 1...rounds {
            let name = "rain-\(round).xml"
            feed.documents.withLock {
                $0[name] = Self.alert("BENCH-\(round)", sent: start.addingTimeInterval(Double(round)))
                links.append(name)
                $0["feed.atom"] = Self.atom(links, port: metPort)
            }
            guard
                let frame = await live.collect(
                    until: { $0.eventType == "operations.activated" }, timeout: .seconds(15))?.last,
                let fetched = feed.fetched.withLock({ $0[name] })
            else { throw ValidationError("round \(round): no operations.activated frame within 15 s") }
            let elapsed = frame.receivedAt - fetched
            latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            let data = (frame.object["event"] as? [String: Any])?["data"] as? [String: Any]
            guard let id = (data?["operation"] as? [String: Any])?["id"] as? String,
                ((data?["operation"] as? [String: Any])?["tasks"] as? [Any])?.count == 5
            else { throw ValidationError("round \(round): the frame does not carry the five tasks") }
            let stood = try await BackboneRun.call(
                port: port, token: token, .POST, "/v1/operations/\(id)/stand-down", body: nil)
            guard stood.status == 200 else { throw ValidationError("stand-down: \(stood.status) \(stood.body)") }
        }
        live.close()
        return latencies
    }

    private func report(_ latencies: [Double]) {
        let sorted = latencies.sorted()
        func at(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        print(
            "incoming CAP warning → operations.activated (5 tasks) on the live feed, \(sorted.count) warnings, SQLite")
        print(
            "  p50 \(format(at(0.5) * 1000)) ms   p90 \(format(at(0.9) * 1000)) ms   p99 \(format(at(0.99) * 1000)) ms   max \(format(sorted.last! * 1000)) ms"
        )
        print("  target p99 ≤ 1000 ms: \(at(0.99) <= 1 ? "met" : "NOT met")")
    }

    static func alert(_ identifier: String, sent: Date) -> String {
        let formatter = ISO8601DateFormatter()
        let stamp = formatter.string(from: sent).replacingOccurrences(of: "Z", with: "-00:00")
        let expires = formatter.string(from: sent.addingTimeInterval(6 * 3600)).replacingOccurrences(
            of: "Z", with: "-00:00")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(identifier)</identifier><sender>met@bench.example</sender><sent>\(stamp)</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info><language>en-US</language><category>Met</category><event>Heavy rain</event>
                <urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
                <expires>\(expires)</expires>
                <area><areaDesc>Demo city</areaDesc><polygon>29.10,47.70 29.45,47.70 29.45,48.10 29.10,48.10 29.10,47.70</polygon></area>
              </info>
            </alert>
            """
    }

    static func atom(_ links: [String], port: Int) -> String {
        let entries = links.map {
            "<entry><id>\($0)</id><title>w</title><updated>2026-01-01T00:00:00Z</updated><link href=\"http://127.0.0.1:\(port)/\($0)\"/></entry>"
        }
        return
            #"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:bench</id><title>b</title><updated>2026-01-01T00:00:00Z</updated>"#
            + entries.joined() + "</feed>"
    }
}
