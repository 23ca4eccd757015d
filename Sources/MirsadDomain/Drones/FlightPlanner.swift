import Foundation
import MirsadGeodesy

/// The straight legs a drone flies from one point to another without entering a no-fly zone.
public struct FlightPath: Codable, Hashable, Sendable {
    /// From the start to the end, both included; two points when the direct line is clear.
    public var waypoints: [Coordinate]
    public var distanceMeters: Double
    /// Zones the path bends around (the direct line would have crossed them or come too close).
    public var avoidedZones: [String]

    public init(waypoints: [Coordinate], distanceMeters: Double, avoidedZones: [String]) {
        self.waypoints = waypoints
        self.distanceMeters = distanceMeters
        self.avoidedZones = avoidedZones
    }

    public var reversed: FlightPath {
        FlightPath(waypoints: waypoints.reversed(), distanceMeters: distanceMeters, avoidedZones: avoidedZones)
    }
}

/// Why no path exists.
public enum FlightRefusal: Error, Hashable, Sendable {
    /// The start or the end lies inside a zone the flight may not enter.
    case insideZone(UASZone, endpoint: String)
    /// Zones close every way round.
    case enclosed
}

/// Shortest paths around no-fly zones: the zones that bind at the cruise height become
/// polygons on a local plane, their corners pushed out by a clearance become the only places a
/// path may turn, and A* over that visibility graph finds the shortest chain of straight legs
/// (a shortest path around polygons only ever turns at their corners). Edges are tested lazily,
/// so a clear direct line costs one test. Pure and value-typed: build one per zone set and
/// height, and use it from any thread.
public struct FlightPlanner: Sendable {
    /// How far from a zone's edge a path keeps, in metres.
    public let clearance: Double
    private let projection: LocalProjection
    private let obstacles: [Obstacle]
    private let corners: [Corner]

    struct Obstacle: Sendable {
        var zone: UASZone
        var ring: [PlanarPoint]
        var box: Box
    }

    struct Corner: Sendable {
        var point: PlanarPoint
        var obstacle: Int
    }

    /// `zones` are all the zones known; those that do not bind at `altitude` metres above ground,
    /// or that `authorised` lists (a zone whose authority allowed this flight), are left out.
    /// Prohibited zones cannot be authorised.
    public init(
        zones: [UASZone], altitude: Double, authorised: Set<String> = [], clearance: Double = 50,
        referenceLatitude: Double? = nil
    ) {
        self.clearance = clearance
        let binding = zones.filter { zone in
            guard zone.covers(altitudeAGL: altitude) else { return false }
            switch zone.restriction {
            case .prohibited: return true
            case .reqAuthorisation: return !authorised.contains(zone.id)
            case .conditional, .noRestriction: return false
            }
        }
        let latitudes = binding.flatMap { $0.outline.map(\.lat) }
        // Without zones every path is a straight line and the plane's scale does not matter.
        let reference = referenceLatitude ?? (latitudes.isEmpty ? 0 : latitudes.reduce(0, +) / Double(latitudes.count))
        let projection = LocalProjection(referenceLatitude: reference)
        self.projection = projection
        var obstacles: [Obstacle] = []
        for zone in binding {
            var ring = zone.outline.map { projection.project($0.geo) }
            if Self.signedArea(ring) < 0 { ring.reverse() }  // counter-clockwise, so outward is to the right
            guard ring.count >= 3 else { continue }
            obstacles.append(Obstacle(zone: zone, ring: ring, box: Box(ring).grown(by: clearance)))
        }
        self.obstacles = obstacles
        var corners: [Corner] = []
        for (index, obstacle) in obstacles.enumerated() {
            for point in Self.pushedCorners(of: obstacle.ring, by: clearance)
            where !obstacles.contains(where: { Self.inside(point, $0.ring) }) {
                corners.append(Corner(point: point, obstacle: index))
            }
        }
        self.corners = corners
    }

    /// The zones the planner keeps out of.
    public var bindingZones: [UASZone] { obstacles.map(\.zone) }

    /// The shortest path from `start` to `end` that stays out of every binding zone.
    public func path(from start: Coordinate, to end: Coordinate) -> Result<FlightPath, FlightRefusal> {
        let a = projection.project(start.geo)
        let b = projection.project(end.geo)
        // A point on the edge counts as inside: the even-odd test may call it outside, and a leg
        // from it could not be told from one that crosses.
        for (point, name) in [(a, "start"), (b, "end")] {
            if let hit = obstacles.first(where: { Self.inside(point, $0.ring) || Self.ringDistance(point, $0.ring) < 1 }
            ) {
                return .failure(.insideZone(hit.zone, endpoint: name))
            }
        }
        // Nodes: 0 is the start, 1 the end, then the corners. A leg from an end that lies
        // closer to a zone than the usual margin may come as close as that end already is.
        let nodes = [a, b] + corners.map(\.point)
        let endMargins = [a, b].map { min(clearance / 2, 0.9 * distanceToZones($0)) }
        var best = [Double](repeating: .infinity, count: nodes.count)
        var previous = [Int](repeating: -1, count: nodes.count)
        var done = [Bool](repeating: false, count: nodes.count)
        var open = MinHeap()
        best[0] = 0
        open.push(0, priority: a.euclideanDistance(to: b))
        while let node = open.pop() {
            if done[node] { continue }
            done[node] = true
            if node == 1 { break }
            for next in nodes.indices where !done[next] {
                let length = nodes[node].euclideanDistance(to: nodes[next])
                let cost = best[node] + length
                let margin = min(node < 2 ? endMargins[node] : clearance / 2, next < 2 ? endMargins[next] : .infinity)
                guard cost < best[next], isClear(nodes[node], nodes[next], margin: margin) else { continue }
                best[next] = cost
                previous[next] = node
                open.push(next, priority: cost + nodes[next].euclideanDistance(to: b))
            }
        }
        guard best[1].isFinite else { return .failure(.enclosed) }
        var chain = [1]
        while let last = chain.last, previous[last] >= 0 { chain.append(previous[last]) }
        chain.reverse()
        var avoided: [String] = []
        for node in chain where node >= 2 {
            let id = obstacles[corners[node - 2].obstacle].zone.id
            if !avoided.contains(id) { avoided.append(id) }
        }
        let waypoints = chain.map { node -> Coordinate in
            switch node {
            case 0: start
            case 1: end
            default: Coordinate(projection.unproject(nodes[node]))
            }
        }
        // The length flown is measured on the sphere; the plane only chose the corners.
        let length = zip(waypoints, waypoints.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
        return .success(FlightPath(waypoints: waypoints, distanceMeters: length, avoidedZones: avoided))
    }

    /// A leg is clear when it neither crosses a zone nor passes within `margin` of its edge
    /// (corners sit a full clearance out, so legs between them keep half of it).
    func isClear(_ p: PlanarPoint, _ q: PlanarPoint, margin: Double) -> Bool {
        let leg = Box([p, q])
        for obstacle in obstacles where obstacle.box.overlaps(leg) {
            let ring = obstacle.ring
            for i in ring.indices {
                let u = ring[i]
                let v = ring[(i + 1) % ring.count]
                if Self.segmentDistance(p, q, u, v) < max(margin, 0.5) { return false }
            }
            if Self.inside(Self.midpoint(p, q), ring) { return false }
        }
        return true
    }

    /// How far a point is from the nearest binding zone's edge.
    func distanceToZones(_ p: PlanarPoint) -> Double {
        obstacles.map { Self.ringDistance(p, $0.ring) }.min() ?? .infinity
    }

    static func ringDistance(_ p: PlanarPoint, _ ring: [PlanarPoint]) -> Double {
        var nearest = Double.infinity
        for i in ring.indices { nearest = min(nearest, pointDistance(p, ring[i], ring[(i + 1) % ring.count])) }
        return nearest
    }

    // MARK: Plane geometry

    static func signedArea(_ ring: [PlanarPoint]) -> Double {
        var area = 0.0
        for i in ring.indices {
            let p = ring[i]
            let q = ring[(i + 1) % ring.count]
            area += p.x * q.y - q.x * p.y
        }
        return area / 2
    }

    /// Each convex corner of a counter-clockwise ring moved outward along its bisector so that
    /// it lies `distance` from both edges (the miter is capped for sharp corners). Reflex
    /// corners are dropped: a shortest path never turns there.
    static func pushedCorners(of ring: [PlanarPoint], by distance: Double) -> [PlanarPoint] {
        var out: [PlanarPoint] = []
        let n = ring.count
        for i in 0..<n {
            let prev = ring[(i + n - 1) % n]
            let here = ring[i]
            let next = ring[(i + 1) % n]
            let e1 = unit(PlanarPoint(x: here.x - prev.x, y: here.y - prev.y))
            let e2 = unit(PlanarPoint(x: next.x - here.x, y: next.y - here.y))
            guard let e1, let e2 else { continue }
            let turn = e1.x * e2.y - e1.y * e2.x
            guard turn > 1e-9 else { continue }  // reflex or straight: not a turning point
            // Outward normals of a counter-clockwise ring point to the right of each edge.
            let n1 = PlanarPoint(x: e1.y, y: -e1.x)
            let n2 = PlanarPoint(x: e2.y, y: -e2.x)
            guard let bisector = unit(PlanarPoint(x: n1.x + n2.x, y: n1.y + n2.y)) else { continue }
            let cosHalf = max(bisector.x * n1.x + bisector.y * n1.y, 1.0 / 3.0)
            let reach = distance / cosHalf
            out.append(PlanarPoint(x: here.x + bisector.x * reach, y: here.y + bisector.y * reach))
        }
        return out
    }

    static func unit(_ v: PlanarPoint) -> PlanarPoint? {
        let length = (v.x * v.x + v.y * v.y).squareRoot()
        return length > 1e-12 ? PlanarPoint(x: v.x / length, y: v.y / length) : nil
    }

    static func midpoint(_ p: PlanarPoint, _ q: PlanarPoint) -> PlanarPoint {
        PlanarPoint(x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)
    }

    /// Even-odd point in polygon.
    static func inside(_ point: PlanarPoint, _ ring: [PlanarPoint]) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i]
            let b = ring[j]
            if (a.y > point.y) != (b.y > point.y), point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x {
                inside.toggle()
            }
            j = i
        }
        return inside
    }

    /// The shortest distance between segments pq and uv; 0 when they cross.
    static func segmentDistance(_ p: PlanarPoint, _ q: PlanarPoint, _ u: PlanarPoint, _ v: PlanarPoint) -> Double {
        if crosses(p, q, u, v) { return 0 }
        return min(
            pointDistance(p, u, v), pointDistance(q, u, v), pointDistance(u, p, q), pointDistance(v, p, q))
    }

    static func crosses(_ p: PlanarPoint, _ q: PlanarPoint, _ u: PlanarPoint, _ v: PlanarPoint) -> Bool {
        let d1 = cross(u, v, p)
        let d2 = cross(u, v, q)
        let d3 = cross(p, q, u)
        let d4 = cross(p, q, v)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }

    static func cross(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint) -> Double {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }

    static func pointDistance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let t = lengthSquared > 0 ? max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared)) : 0
        let x = a.x + t * dx - p.x
        let y = a.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }

    struct Box: Sendable {
        var minX, minY, maxX, maxY: Double

        init(_ points: [PlanarPoint]) {
            minX = points.map(\.x).min() ?? 0
            maxX = points.map(\.x).max() ?? 0
            minY = points.map(\.y).min() ?? 0
            maxY = points.map(\.y).max() ?? 0
        }

        func grown(by d: Double) -> Box {
            var box = self
            box.minX -= d
            box.minY -= d
            box.maxX += d
            box.maxY += d
            return box
        }

        func overlaps(_ other: Box) -> Bool {
            minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
        }
    }

    /// A binary heap of node indices by priority (A*'s open set).
    struct MinHeap {
        private var items: [(node: Int, priority: Double)] = []

        mutating func push(_ node: Int, priority: Double) {
            items.append((node, priority))
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard items[i].priority < items[parent].priority else { break }
                items.swapAt(i, parent)
                i = parent
            }
        }

        mutating func pop() -> Int? {
            guard !items.isEmpty else { return nil }
            items.swapAt(0, items.count - 1)
            let top = items.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var smallest = i
                if l < items.count, items[l].priority < items[smallest].priority { smallest = l }
                if r < items.count, items[r].priority < items[smallest].priority { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
            return top.node
        }
    }
}
