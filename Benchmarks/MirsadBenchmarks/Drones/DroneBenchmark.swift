import ArgumentParser
import Foundation
import MirsadDomain
import MirsadServer
import MirsadSimulation
import MirsadTestSupport
import NIOCore
import NIOHTTP1
import NIOPosix

/// `mirsad-bench drones`: the two drone figures of issue 12 on the real binary and the demo
/// city (its seven no-fly zones, imported from the demo's ED-269 file).
///
/// 1. Mission planning: for seeded incidents across the city (outside the zones), the time
///    from `POST /v1/drones/missions/plan` to a feasible plan that keeps out of the zones, for
///    one named drone and for every free drone at once (the recommendation a dispatcher asks
///    for), beside the planner's own time in process.
/// 2. MAVLink ingest: fifty drones send GLOBAL_POSITION_INT ten times a second (HEARTBEAT and
///    SYS_STATUS once a second) over UDP; a live-feed client times each position from the
///    moment its datagram left to the moment the feed delivered it.
struct DroneBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drones",
        abstract: "Drone mission planning round no-fly zones, and MAVLink telemetry from 50 drones at 10 Hz.",
        discussion:
            "Targets (issue 12): plan ≤ 50 ms on the demo city; 50 drones × 10 Hz ingested with position on the live "
            + "feed p99 ≤ 250 ms. Needs a release build of mirsad (--binary).")

    @Option(help: "The mirsad binary.") var binary = ".build/release/mirsad"
    @Option(help: "Plan requests to time.") var plans = 300
    @Option(help: "Simulated drones sending MAVLink.") var drones = 50
    @Option(help: "Position reports per drone per second.") var rate = 10.0
    @Option(help: "Seconds of MAVLink traffic.") var seconds = 20.0

    func run() async throws {
        setenv("MIRSAD_BINARY", binary, 1)
        setenv("MIRSAD_SESSION_REQUESTS_PER_MINUTE", "100000000", 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var world = DemoWorld.make(seed: 42)
        // The simulated fleet: MAVLink system ids 101 up, at the operations centre.
        guard let base = world.stations.first(where: { $0.id == "OPS-HQ" }) else {
            throw ValidationError("the demo world has no OPS-HQ")
        }
        let fleet = (0..<drones).map { i in
            UnitDefinition(
                callSign: "BENCH-DRN-\(String(format: "%02d", i + 1))", sector: base.sector, type: "drone",
                capabilities: ["drone"], homeStation: base.id,
                drone: DroneProfile(
                    model: "bench quad", enduranceMinutes: 40, cruiseSpeed: 15, rangeKm: 30, sensors: ["eo"],
                    mavlinkSystemId: 101 + i))
        }
        world.units += fleet
        let worldFile = directory.appendingPathComponent("world.json")
        try MirsadJSON.encoder().encode(world).write(to: worldFile)
        let db = "sqlite:" + directory.appendingPathComponent("bench.sqlite").path
        let server = try MirsadProcess([
            "serve", "--db", db, "--jurisdiction", worldFile.path, "--port", "0", "--mavlink-port", "0",
        ])
        defer { server.signal(SIGTERM) }
        let port = try await server.waitForPort()
        guard let udp = Int(try await server.waitFor(#"MAVLink telemetry on udp://127\.0\.0\.1:(\d+)"#)) else {
            throw ValidationError("no MAVLink port")
        }
        let token = try await BackboneRun.supervisorToken(db: db, port: port)
        let zones = DemoAirspace.zones()
        let imported = try await BackboneRun.call(
            port: port, token: token, .PUT, "/v1/airspace/zones?source=bench", body: DemoAirspace.ed269JSON)
        guard imported.status == 200 else { throw ValidationError("zones: \(imported.body)") }

        try await planning(port: port, token: token, world: world, zones: zones)
        try await ingest(port: port, udp: udp, token: token, fleet: fleet, near: base.location)
    }

    // MARK: Planning

    private func planning(port: Int, token: String, world: Jurisdiction, zones: [UASZone]) async throws {
        var random = SeededRandom(seed: 11)
        var incidents: [(id: String, at: Coordinate)] = []
        while incidents.count < plans {
            let at = Coordinate(
                lat: DemoWorld.center.lat + (random.unit() - 0.5) * 0.3,
                lon: DemoWorld.center.lon + (random.unit() - 0.5) * 0.3)
            guard !DemoWorld.isAtSea(at), !zones.contains(where: { $0.contains(at) }) else { continue }
            let reply = try await BackboneRun.call(
                port: port, token: token, .POST, "/v1/incidents",
                body: #"{"type":"PS-NOISE","location":{"lat":\#(at.lat),"lon":\#(at.lon)}}"#)
            guard reply.status == 201, let id = reply.json["id"] as? String else {
                throw ValidationError("incident: \(reply.status) \(reply.body.prefix(200))")
            }
            incidents.append((id, at))
        }
        let drones = world.units.filter { $0.drone != nil && !$0.callSign.hasPrefix("BENCH") }
        var one: [Double] = []
        var every: [Double] = []
        var feasible = 0
        var bent = 0
        for (i, incident) in incidents.enumerated() {
            let drone = drones[i % drones.count]
            for all in [false, true] {
                let body =
                    all
                    ? #"{"incidentId":"\#(incident.id)","loiterMinutes":10}"#
                    : #"{"incidentId":"\#(incident.id)","droneId":"\#(drone.id)","loiterMinutes":10}"#
                let started = ContinuousClock.now
                let reply = try await BackboneRun.call(
                    port: port, token: token, .POST, "/v1/drones/missions/plan", body: body)
                let elapsed = (ContinuousClock.now - started).milliseconds
                guard reply.status == 200, let list = reply.json["plans"] as? [[String: Any]], !list.isEmpty else {
                    throw ValidationError("plan: \(reply.status) \(reply.body.prefix(200))")
                }
                if all {
                    every.append(elapsed)
                    if list[0]["refusal"] == nil {
                        feasible += 1
                        let avoided = (list[0]["outbound"] as? [String: Any])?["avoidedZones"] as? [String] ?? []
                        if !avoided.isEmpty { bent += 1 }
                    }
                } else {
                    one.append(elapsed)
                }
            }
        }
        // The planner alone, in process: zones to a plan for each incident and every demo drone.
        var inProcess: [Double] = []
        for incident in incidents {
            let started = ContinuousClock.now
            var planners: [Double: FlightPlanner] = [:]
            for drone in drones {
                guard let profile = drone.drone, let home = world.stations.first(where: { $0.id == drone.homeStation })
                else { continue }
                let planner =
                    planners[profile.cruiseAltitude]
                    ?? FlightPlanner(zones: zones, altitude: profile.cruiseAltitude, referenceLatitude: incident.at.lat)
                planners[profile.cruiseAltitude] = planner
                _ = MissionPlan.assess(
                    droneId: drone.id, callSign: drone.callSign, profile: profile, start: home.location,
                    base: home.location, target: incident.at, loiterMinutes: 10, battery: nil, planner: planner)
            }
            inProcess.append((ContinuousClock.now - started).milliseconds)
        }
        print(
            "drone mission plans round \(zones.count) no-fly zones (demo ED-269), \(incidents.count) incidents across the demo city, \(drones.count) drones"
        )
        print("  one named drone, POST /v1/drones/missions/plan:  \(Self.percentiles(one))")
        print("  every free drone (recommendation), same route:  \(Self.percentiles(every))")
        print("  the planner alone, all drones, in process:       \(Self.percentiles(inProcess))")
        print(
            "  best plan feasible for \(feasible) of \(incidents.count) incidents; \(bent) of those bend round a zone")
        let p99 = Self.at(0.99, every)
        print(
            "  target ≤ 50 ms: \(p99 <= 50 ? "met at p99" : Self.at(0.5, every) <= 50 ? "met at p50 only" : "NOT met")"
        )
    }

    // MARK: MAVLink

    private func ingest(port: Int, udp: Int, token: String, fleet: [UnitDefinition], near: Coordinate) async throws {
        let feed = LiveFeedClient(port: port, token: token)
        _ = await feed.collect(until: { $0.type == "caughtUp" }, timeout: .seconds(30))
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: udp)
        var encoders = fleet.indices.map { MAVLinkEncoder(systemID: UInt8(101 + $0), componentID: 1) }
        // Each report moves its drone north by one unit of 1e-7 degree, so (drone, latitude) names it.
        var latitude = fleet.indices.map { Int32((near.lat + Double($0) * 0.001) * 1e7) }
        let longitude = Int32(near.lon * 1e7)
        var sent: [UUID: [Int32: ContinuousClock.Instant]] = [:]
        let period = Duration.milliseconds(Int(1000 / rate))
        let started = ContinuousClock.now
        var tick = 0
        var datagrams = 0
        while ContinuousClock.now - started < .milliseconds(Int(seconds * 1000)) {
            let due = started + period * tick
            if due > .now { try await Task.sleep(until: due) }
            for i in fleet.indices {
                latitude[i] += 1
                var frame = encoders[i].frame(
                    .globalPosition(
                        MAVLinkGlobalPosition(
                            timeBootMs: UInt32(tick * 100), latitudeE7: latitude[i], longitudeE7: longitude,
                            altitudeMillimetres: 80_000, relativeAltitudeMillimetres: 80_000, velocityNorth: 100,
                            velocityEast: 0, velocityDown: 0, headingCentidegrees: 0)))
                if tick % Int(rate) == 0 {
                    frame += encoders[i].frame(
                        .heartbeat(MAVLinkHeartbeat(type: 2, autopilot: 12, baseMode: 0x81, systemStatus: 4)))
                    frame += encoders[i].frame(
                        .sysStatus(MAVLinkSysStatus(voltageBattery: 15_000, currentBattery: 900, batteryRemaining: 80)))
                }
                sent[fleet[i].id, default: [:]][latitude[i]] = .now
                channel.writeAndFlush(
                    AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: frame)), promise: nil)
                datagrams += 1
            }
            tick += 1
        }
        let elapsed = (ContinuousClock.now - started).milliseconds / 1000
        try await Task.sleep(for: .seconds(2))
        try await channel.close()
        feed.close()
        var latencies: [Double] = []
        for frame in feed.received where frame.type == "positions" {
            for position in frame.object["positions"] as? [[String: Any]] ?? [] {
                guard let unit = (position["unitId"] as? String).flatMap(UUID.init(uuidString:)),
                    let lat = position["lat"] as? Double, let at = sent[unit]?[Int32((lat * 1e7).rounded())]
                else { continue }
                latencies.append((frame.receivedAt - at).milliseconds)
            }
        }
        let metrics = try await BackboneRun.call(port: port, token: nil, .GET, "/metrics", body: nil).body
        func counter(_ name: String) -> Int {
            let line = metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") || $0.hasPrefix(name + "{") }
            return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? -1
        }
        let received = counter("mirsad_mavlink_frames_total")
        let dropped = counter("mirsad_mavlink_dropped_total")
        let drones = try await BackboneRun.call(port: port, token: token, .GET, "/v1/drones", body: nil)
        let current = (drones.json["drones"] as? [[String: Any]] ?? []).filter { view in
            guard let id = (view["id"] as? String).flatMap(UUID.init(uuidString:)),
                let index = fleet.firstIndex(where: { $0.id == id }),
                let lat = (view["telemetry"] as? [String: Any])?["lat"] as? Double
            else { return false }
            return Int32((lat * 1e7).rounded()) == latitude[index]
        }
        print(
            "MAVLink 2 over UDP: \(fleet.count) drones × \(format(rate)) Hz for \(format(elapsed)) s = \(datagrams) position reports (\(format(Double(datagrams) / elapsed)) a second)"
        )
        print(
            "  frames the server read: \(received) (dropped \(max(dropped, 0))); drones whose stored telemetry is their last report: \(current.count) of \(fleet.count)"
        )
        print(
            "  position on the live feed, datagram sent → frame received (\(latencies.count) positions; the feed sends each unit at most once a second, the newest): \(Self.percentiles(latencies))"
        )
        let p99 = Self.at(0.99, latencies)
        print("  target p99 ≤ 250 ms: \(p99 <= 250 && !latencies.isEmpty ? "met" : "NOT met")")
    }

    // MARK: Figures

    static func at(_ p: Double, _ values: [Double]) -> Double { LoadStats(latencies: values).percentile(p * 100) }

    static func percentiles(_ values: [Double]) -> String {
        let stats = LoadStats(latencies: values)
        return
            "p50 \(format(stats.percentile(50))) ms  p90 \(format(stats.percentile(90))) ms  p99 \(format(stats.percentile(99))) ms"
    }
}

extension Duration {
    fileprivate var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
