import Foundation
import HTTPTypes
import MirsadDomain
import MirsadGeo
import MirsadGeodesy
import Synchronization

/// Travel times for dispatch: by road when the jurisdiction has a road network (`--roads`, or
/// the demo's generated city), by straight line otherwise. Holds the routing engine and keeps
/// its closures in step with the event log.
public final class RoutingService: Sendable {
    private let installed: Mutex<RoutingEngine?>
    /// The last snap of each unit, reused while it stays where it was (parked at a station,
    /// on scene); a new engine starts afresh.
    private let unitSnaps = Mutex<[String: (at: Coordinate, snapped: SnappedLocation?)]>([:])
    /// Closures applied to the engine: roads affected and time taken.
    private let applied = Mutex<[String: (affectedEdges: Int, milliseconds: Double)]>([:])
    /// Cost fields of places asked about often (shelters), by coordinate; see `estimates(from:to:)`.
    let fieldCache = Mutex<[Coordinate: DestinationField]>([:])
    /// The map tiles of the engine in service (see `tiles()`).
    let tileCache = Mutex<(engine: RoutingEngine, index: RoadTileIndex, version: String)?>(nil)
    /// What the field cache may hold.
    static let fieldCacheBytes = 256 << 20
    /// Straight-line fallback: detour factor and average emergency speed.
    static let detourFactor = 1.35
    static let straightLineSpeed = 40.0 / 3.6

    public init(engine: RoutingEngine?) {
        installed = Mutex(engine)
    }

    /// The road network in use, if any.
    public var engine: RoutingEngine? { installed.withLock { $0 } }

    /// Customizes the metrics of the jurisdiction's turn restriction exemptions now, so that
    /// the first dispatch query of an exempt unit type does not wait for it.
    func prepare(for jurisdiction: Jurisdiction?) {
        guard let engine, let jurisdiction else { return }
        engine.prepare(exemptions: jurisdiction.turnExemptions)
    }

    /// Puts a road network in service (the demo prepares its roads while already serving).
    public func install(_ engine: RoutingEngine) {
        installed.withLock { $0 = engine }
        unitSnaps.withLock { $0.removeAll() }
        applied.withLock { $0.removeAll() }
        fieldCache.withLock { $0.removeAll() }
    }

    /// A unit's place on the network, from the cache while it has not moved.
    func snapUnit(_ id: String, at coordinate: Coordinate) -> SnappedLocation? {
        if let cached = unitSnaps.withLock({ $0[id] }), cached.at == coordinate { return cached.snapped }
        let snapped = snap(coordinate)
        unitSnaps.withLock { $0[id] = (coordinate, snapped) }
        return snapped
    }

    public var method: String { engine == nil ? "straight-line" : "road" }

    /// A place on the network, or nil (no engine, or farther than 1 km from any road).
    func snap(_ coordinate: Coordinate) -> SnappedLocation? {
        engine?.snap(GeoCoordinate(latitude: coordinate.lat, longitude: coordinate.lon))
    }

    /// Travel estimates from each origin to `target`, in input order (nil when unreachable).
    /// Each origin drives with its vehicle type's speed factor and turn restriction exemption.
    func estimates(
        from origins: [(id: String, at: Coordinate, speedFactor: Double, exemption: TurnRestrictionExemption)],
        to target: Coordinate
    ) -> [TravelEstimate?] {
        if let engine, let destination = snap(target) {
            var members: [FleetMember] = []
            var indexOf: [Int] = []
            var result = [TravelEstimate?](repeating: nil, count: origins.count)
            for (i, origin) in origins.enumerated() {
                if let location = snapUnit(origin.id, at: origin.at) {
                    indexOf.append(i)
                    members.append(
                        FleetMember(
                            id: origin.id, location: location, speedFactor: origin.speedFactor,
                            exemption: origin.exemption))
                } else {
                    result[i] = Self.straightLine(origin.at, target, factor: origin.speedFactor)
                }
            }
            let fleet = engine.prepareFleet(members, direction: .toQuery)
            // No road route (e.g. the incident or the unit lies inside a blocked area): a
            // straight-line estimate keeps the unit in the running rather than hiding it.
            for (k, estimate) in engine.travel(fleet: fleet, query: destination).enumerated() {
                let i = indexOf[k]
                result[i] = estimate ?? Self.straightLine(origins[i].at, target, factor: origins[i].speedFactor)
            }
            return result
        }
        return origins.map { Self.straightLine($0.at, target, factor: $0.speedFactor) }
    }

    static func straightLine(_ from: Coordinate, _ to: Coordinate, factor: Double) -> TravelEstimate {
        let meters = from.distance(to: to) * detourFactor
        return TravelEstimate(seconds: meters / (straightLineSpeed * factor), meters: meters)
    }

    // MARK: Closures

    /// Applies a closure event to this instance's engine. Idempotent: at start the closures
    /// in force are applied and the events after are applied again.
    func apply(_ change: RoadClosureChanged) throws -> Duration? {
        guard let engine else { return nil }
        if change.removed {
            applied.withLock { $0[change.id] = nil }
            guard engine.activeClosures.contains(where: { $0.id == change.id }) else { return nil }
            return try engine.removeClosure(id: change.id).duration
        }
        guard !engine.activeClosures.contains(where: { $0.id == change.id }) else { return nil }
        let closure = Self.closure(change)
        let duration = try engine.apply(closure).duration
        let edges = (try? engine.edges(in: closure.area).count) ?? 0
        applied.withLock { $0[change.id] = (edges, duration.milliseconds) }
        return duration
    }

    /// What applying a closure in force took on this instance, for the reply to its request.
    func closureApplied(_ id: String) -> (affectedEdges: Int, milliseconds: Double)? {
        applied.withLock { $0[id] }
    }

    static func closure(_ change: RoadClosureChanged) -> RoadClosure {
        let polygon = GeoPolygon(
            outer: (change.polygon ?? []).map { GeoCoordinate(latitude: $0.lat, longitude: $0.lon) })
        let effect: RoadClosure.Effect = change.slowdownFactor.map { .slowdown(factor: $0) } ?? .block
        return RoadClosure(id: change.id, area: .polygon(polygon), effect: effect)
    }

}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
