import MirsadGeodesy

/// Travel time and distance of the fastest route between two points.
public struct TravelEstimate: Sendable, Hashable, Codable, Comparable {
    /// Seconds of driving.
    public var seconds: Double
    /// Metres along the route.
    public var meters: Double

    public init(seconds: Double, meters: Double) {
        self.seconds = seconds
        self.meters = meters
    }

    init(_ cost: PackedCost, speedFactor: Double = 1) {
        seconds = Cost.seconds(cost) / speedFactor
        meters = Cost.meters(cost)
    }

    public static func < (a: TravelEstimate, b: TravelEstimate) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.meters < b.meters
    }
}

/// A route with its geometry and timing, for display and for moving units along roads.
public struct Route: Sendable, Hashable, Codable {
    /// Seconds of driving (with the vehicle's speed factor applied).
    public var seconds: Double
    /// Metres along the route.
    public var meters: Double
    /// The polyline from the snapped start to the snapped end.
    public var geometry: [GeoCoordinate]
    /// Seconds from the start at each vertex of `geometry` (same count, non-decreasing).
    public var cumulativeSeconds: [Double]
    /// Road-graph edges driven in full, in order (partial first/last pieces excluded).
    public var edges: [Int]

    /// Where a vehicle following the route is after `elapsed` seconds (linear within each
    /// road piece; the start before 0, the end after `seconds`).
    public func position(afterSeconds elapsed: Double) -> GeoCoordinate {
        guard let first = geometry.first, let last = geometry.last else {
            return GeoCoordinate(latitude: 0, longitude: 0)
        }
        guard elapsed > 0 else { return first }
        guard elapsed < (cumulativeSeconds.last ?? 0) else { return last }
        var lo = 0
        var hi = cumulativeSeconds.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if cumulativeSeconds[mid] <= elapsed { lo = mid } else { hi = mid }
        }
        let span = cumulativeSeconds[hi] - cumulativeSeconds[lo]
        let t = span > 0 ? (elapsed - cumulativeSeconds[lo]) / span : 1
        let a = geometry[lo]
        let b = geometry[hi]
        return GeoCoordinate(
            latitude: a.latitude + (b.latitude - a.latitude) * t,
            longitude: a.longitude + (b.longitude - a.longitude) * t)
    }
}

/// A many-to-many result: `estimate(source:target:)` for every pair, nil when unreachable.
public struct TravelTable: Sendable, Hashable {
    public let sourceCount: Int
    public let targetCount: Int
    let seconds: [Double]
    let meters: [Double]

    init(sourceCount: Int, targetCount: Int, costs: [PackedCost]) {
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        seconds = costs.map { $0 < Cost.infinity ? Cost.seconds($0) : .infinity }
        meters = costs.map { $0 < Cost.infinity ? Cost.meters($0) : .infinity }
    }

    /// The estimate from source `s` to target `t` (row-major storage).
    public func estimate(source s: Int, target t: Int) -> TravelEstimate? {
        let i = s * targetCount + t
        return seconds[i].isFinite ? TravelEstimate(seconds: seconds[i], meters: meters[i]) : nil
    }
}
