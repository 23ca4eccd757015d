import ArgumentParser
import Foundation
import MirsadDomain
import MirsadGeo
import MirsadGeodesy
import MirsadSimulation
import MirsadTestSupport
import NIOHTTP1

/// `mirsad-bench shelters`: the nearest open shelter with room, by road, for a thousand origins
/// at once. The real binary serves the demo city with its road network (about 50,000
/// junctions) and its eighteen shelters opened; each round posts a thousand seeded points
/// spread over the city to `POST /v1/shelters/nearest` and times the whole request.
struct ShelterBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shelters",
        abstract: "Nearest open shelter with capacity by road for 1,000 origins at once (p50/p99).",
        discussion: "Target (issue 12): ≤ 50 ms on the demo city. Needs a release build of mirsad (--binary).")

    @Option(help: "The mirsad binary.") var binary = ".build/release/mirsad"
    @Option(help: "Requests to time.") var rounds = 50
    @Option(help: "Origins per request.") var origins = 1000

    func run() async throws {
        setenv("MIRSAD_BINARY", binary, 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let world = DemoWorld.make(seed: 42)
        let worldFile = directory.appendingPathComponent("world.json")
        try MirsadJSON.encoder().encode(world).write(to: worldFile)
        let roads = directory.appendingPathComponent("city.mroads")
        let network = DemoWorld.roads(seed: 42, cache: roads)
        let db = "sqlite:" + directory.appendingPathComponent("bench.sqlite").path
        let server = try MirsadProcess([
            "serve", "--db", db, "--jurisdiction", worldFile.path, "--roads", roads.path, "--port", "0",
        ])
        defer { server.signal(SIGTERM) }
        let port = try await server.waitForPort()
        let token = try await BackboneRun.supervisorToken(db: db, port: port)
        for site in world.shelters {
            let opened = try await BackboneRun.call(
                port: port, token: token, .POST, "/v1/shelters/\(site.id)/open", body: nil)
            guard opened.status == 200 else { throw ValidationError("open \(site.id): \(opened.body)") }
        }

        var random = SeededRandom(seed: 7)
        let box = network.graph.boundingBox
        var latencies: [Double] = []
        var serverTimes: [String: [Double]] = [:]
        var reached = 0
        for round in 0...rounds {
            let points = (0..<origins).map { _ in
                let lat = box.min.latitude + random.unit() * (box.max.latitude - box.min.latitude)
                let lon = box.min.longitude + random.unit() * (box.max.longitude - box.min.longitude)
                return #"{"lat":\#(lat),"lon":\#(lon)}"#
            }
            let body = #"{"origins":[\#(points.joined(separator: ","))]}"#
            let started = ContinuousClock.now
            let reply = try await BackboneRun.call(port: port, token: token, .POST, "/v1/shelters/nearest", body: body)
            let elapsed = ContinuousClock.now - started
            guard reply.status == 200, reply.json["method"] as? String == "road",
                let nearest = reply.json["nearest"] as? [Any], nearest.count == origins
            else { throw ValidationError("round \(round): \(reply.status) \(reply.body.prefix(200))") }
            // The first request warms the server up and is not counted.
            guard round > 0 else { continue }
            latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            for part in (reply.headers["Server-Timing"].first ?? "").split(separator: ",") {
                let pieces = part.split(separator: ";")
                guard pieces.count == 2, let value = Double(pieces[1].dropFirst(4)) else { continue }
                serverTimes[pieces[0].trimmingCharacters(in: .whitespaces), default: []].append(value)
            }
            reached += nearest.filter { $0 is [String: Any] }.count
        }
        let sorted = latencies.sorted()
        func at(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        print(
            "nearest open shelter with room by road, \(origins) origins per request, \(world.shelters.count) shelters, demo city (\(network.graph.nodeCount) junctions), \(rounds) requests"
        )
        print(
            "  p50 \(format(at(0.5))) ms   p90 \(format(at(0.9))) ms   p99 \(format(at(0.99))) ms   max \(format(sorted.last!)) ms   (origins answered: \(reached) of \(rounds * origins))"
        )
        let parts = ["decode", "shelters", "route", "encode"].compactMap { name in
            serverTimes[name].map { "\(name) \(format($0.sorted()[$0.count / 2], 2)) ms" }
        }
        print("  in the server (median): \(parts.joined(separator: ", ")); the rest is HTTP and the client's JSON")
        print("  target ≤ 50 ms: \(at(0.99) <= 50 ? "met at p99" : at(0.5) <= 50 ? "met at p50 only" : "NOT met")")
    }
}
