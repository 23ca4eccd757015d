import Synchronization

/// A unit (or any endpoint) taking part in one-to-many queries.
public struct FleetMember: Sendable, Hashable, Codable {
    /// Caller's identifier (unit id).
    public var id: String
    /// Where the unit is on the road network (keep it; re-snap only when the unit moves).
    public var location: SnappedLocation
    /// Emergency speed factor of the vehicle type: 1.2 drives 20 % faster than the car
    /// profile's free-flow speeds. ETAs are divided by it.
    public var speedFactor: Double
    /// The turn restrictions the vehicle type may ignore (none by default).
    public var exemption: TurnRestrictionExemption

    public init(
        id: String, location: SnappedLocation, speedFactor: Double = 1, exemption: TurnRestrictionExemption = .none
    ) {
        self.id = id
        self.location = location
        self.speedFactor = speedFactor.isFinite && speedFactor > 0 ? speedFactor : 1
        self.exemption = exemption
    }
}

/// A prepared set of endpoints for repeated one-to-many / many-to-one queries.
///
/// Holds the members' snaps and, lazily, their hierarchy search spaces (buckets) for the
/// current metric; after a closure the buckets are rebuilt on the next query. Create a new
/// fleet when members move or change status: preparation is cheap compared with snapping.
public final class Fleet: Sendable {
    public let members: [FleetMember]
    public let direction: TravelDirection
    /// Members' locations checked against the engine's network (nil: no road nearby).
    let locations: [SnappedLocation?]
    /// Fingerprint of the network the fleet was prepared on.
    let network: UInt64
    /// Members by the road nodes at the ends of their segments.
    private let byEnd: [Int: [Int]]
    private let cache = Mutex<BucketIndex?>(nil)
    /// When members differ in the restrictions they may ignore: one fleet per exemption, with
    /// the positions of its members in `members`.
    let parts: [Part]?

    struct Part: Sendable {
        var exemption: TurnRestrictionExemption
        var indices: [Int]
        var fleet: Fleet
    }

    init(
        members: [FleetMember], locations: [SnappedLocation?], direction: TravelDirection, network: UInt64,
        graph: RoadGraph, parts: [Part]? = nil
    ) {
        self.parts = parts
        self.members = members
        self.network = network
        self.locations = locations
        self.direction = direction
        var byEnd: [Int: [Int]] = [:]
        for (i, location) in locations.enumerated() {
            guard let location else { continue }
            let (first, second) = location.ends(in: graph)
            byEnd[first, default: []].append(i)
            byEnd[second, default: []].append(i)
        }
        self.byEnd = byEnd
    }

    /// Members on a segment that touches either end of `location`'s segment: those that may be
    /// reached without entering the hierarchy (see `SnappedLocation.directCost`).
    func members(near location: SnappedLocation, in graph: RoadGraph) -> Set<Int> {
        let (first, second) = location.ends(in: graph)
        return Set((byEnd[first] ?? []) + (byEnd[second] ?? []))
    }

    /// The bucket index for `metric`, built with `build` when missing or stale.
    func index(
        metric: CCHMetric, build: ([[Seed]]) -> BucketIndex, seedsFor: (SnappedLocation) -> [Seed]
    ) -> BucketIndex {
        cache.withLock { cached in
            if let cached, cached.metricVersion == metric.version { return cached }
            let index = build(locations.map { $0.map(seedsFor) ?? [] })
            cached = index
            return index
        }
    }
}

/// A fleet member with its travel estimate, as returned by `RoutingEngine.nearest`.
public struct RankedMember: Sendable, Hashable {
    public var member: FleetMember
    public var estimate: TravelEstimate
}
