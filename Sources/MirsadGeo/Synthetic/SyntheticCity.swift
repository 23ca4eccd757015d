import Foundation
import MirsadGeodesy

/// A deterministic, plausible city road network for demos and tests: a jittered street grid
/// with gaps and one-way streets, an arterial every few blocks, an inner ring road, an outer
/// ring motorway and radial motorways with interchanges. The same seed always gives the same
/// graph (the random stream is SplitMix64; geometry uses only `sin`/`cos` from the C library).
public struct SyntheticCity: Sendable, Hashable {
    /// City centre.
    public var center: GeoCoordinate
    /// Radius of the built-up disc, metres.
    public var radiusMeters: Double
    /// Seed for every random choice.
    public var seed: UInt64
    /// Approximate number of street intersections (nodes).
    public var targetNodeCount: Int
    /// Number of radial motorways.
    public var radialCount: Int

    public init(
        center: GeoCoordinate, radiusMeters: Double = 9000, seed: UInt64 = 42, targetNodeCount: Int = 50_000,
        radialCount: Int = 6
    ) {
        self.center = center
        self.radiusMeters = radiusMeters
        self.seed = seed
        self.targetNodeCount = targetNodeCount
        self.radialCount = radialCount
    }

    /// Speeds used for the synthetic road classes, km/h.
    static let speeds: [RoadClass: Double] = [
        .residential: 30, .secondary: 50, .trunk: 70, .motorway: 100, .motorwayLink: 40, .trunkLink: 40,
    ]

    /// Generates the road graph (largest strongly connected component).
    public func generateGraph() -> RoadGraph {
        var rng = SplitMix64(seed: seed)
        let projection = LocalProjection(referenceLatitude: center.latitude)
        let c = projection.project(center)
        let radius = max(radiusMeters, 500)
        let spacing = (Double.pi * radius * radius / Double(max(targetNodeCount, 100))).squareRoot()
        let half = Int((radius / spacing).rounded(.up))
        var builder = RoadGraphBuilder()
        var positions: [PlanarPoint] = []
        func add(_ p: PlanarPoint) -> Int {
            positions.append(p)
            return builder.addNode(projection.unproject(PlanarPoint(x: c.x + p.x, y: c.y + p.y)))
        }
        func link(_ a: Int, _ b: Int, _ cls: RoadClass, oneway: Bool = false, reverse: Bool = false) {
            let speed = SyntheticCity.speeds[cls] ?? 30
            if !oneway || !reverse { builder.addEdge(from: a, to: b, speedKmh: speed, roadClass: cls) }
            if !oneway || reverse { builder.addEdge(from: b, to: a, speedKmh: speed, roadClass: cls) }
        }
        // Street grid.
        let arterialEvery = 8
        var grid = [[Int]](repeating: [Int](repeating: -1, count: 2 * half + 1), count: 2 * half + 1)
        for i in -half...half {
            for j in -half...half {
                let jitterX = (rng.nextUnit() - 0.5) * 0.3 * spacing
                let jitterY = (rng.nextUnit() - 0.5) * 0.3 * spacing
                let onArterial = i % arterialEvery == 0 || j % arterialEvery == 0
                let p = PlanarPoint(
                    x: Double(i) * spacing + (onArterial ? 0 : jitterX),
                    y: Double(j) * spacing + (onArterial ? 0 : jitterY))
                if (p.x * p.x + p.y * p.y).squareRoot() <= radius { grid[i + half][j + half] = add(p) }
            }
        }
        for i in -half...half {
            for j in -half...half {
                let a = grid[i + half][j + half]
                guard a >= 0 else { continue }
                for (di, dj) in [(1, 0), (0, 1)] where i + di <= half && j + dj <= half {
                    let b = grid[i + di + half][j + dj + half]
                    guard b >= 0 else { continue }
                    // Horizontal links lie on row j, vertical ones on column i.
                    let arterial = di == 1 ? j % arterialEvery == 0 : i % arterialEvery == 0
                    let roll = rng.nextUnit()
                    if arterial {
                        link(a, b, .secondary)
                    } else if roll < 0.07 {
                        continue  // a missing block link: dead ends and detours
                    } else if roll < 0.19 {
                        // One-way streets alternate direction street by street.
                        let line = di == 1 ? j : i
                        link(a, b, .residential, oneway: true, reverse: line & 1 == 0)
                    } else {
                        link(a, b, .residential)
                    }
                }
            }
        }
        func nearestGridNode(to p: PlanarPoint, arterialOnly: Bool) -> Int? {
            let ci = Int((p.x / spacing).rounded())
            let cj = Int((p.y / spacing).rounded())
            var best: (Double, Int)?
            for i in (ci - 2)...(ci + 2) where i >= -half && i <= half {
                for j in (cj - 2)...(cj + 2) where j >= -half && j <= half {
                    if arterialOnly && i % arterialEvery != 0 && j % arterialEvery != 0 { continue }
                    let v = grid[i + half][j + half]
                    guard v >= 0 else { continue }
                    let q = positions[v]
                    let d = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
                    if best.map({ d < $0.0 }) ?? true { best = (d, v) }
                }
            }
            return best?.1
        }
        // Ring roads: an inner trunk ring and an outer motorway ring.
        var rings: [(radius: Double, nodes: [Int])] = []
        for (share, cls) in [(0.35, RoadClass.trunk), (0.7, RoadClass.motorway)] {
            let r = radius * share
            let count = max(12, Int(2 * Double.pi * r / 200))
            var nodes: [Int] = []
            for k in 0..<count {
                let angle = Double(k) / Double(count) * 2 * Double.pi
                nodes.append(add(PlanarPoint(x: r * cos(angle), y: r * sin(angle))))
            }
            for k in 0..<count { link(nodes[k], nodes[(k + 1) % count], cls) }
            // Interchanges where arterials cross the ring.
            let linkClass: RoadClass = cls == .motorway ? .motorwayLink : .trunkLink
            var connected = Set<Int>()
            for k in 0..<count {
                guard let g = nearestGridNode(to: positions[nodes[k]], arterialOnly: true) else { continue }
                let q = positions[g]
                let d = (q.x * q.x + q.y * q.y).squareRoot()
                if abs(d - r) < spacing * 0.75 && connected.insert(g).inserted { link(nodes[k], g, linkClass) }
            }
            rings.append((r, nodes))
        }
        // Radial motorways from the inner city to the edge, with interchanges.
        let baseAngle = rng.nextUnit() * 2 * Double.pi
        for k in 0..<max(radialCount, 0) {
            let angle =
                baseAngle + Double(k) / Double(max(radialCount, 1)) * 2 * Double.pi + (rng.nextUnit() - 0.5) * 0.2
            let start = radius * 0.12
            let steps = Int((radius - start) / 250)
            guard steps >= 2 else { continue }
            var previous = -1
            for step in 0...steps {
                let r = start + Double(step) * 250
                let v = add(PlanarPoint(x: r * cos(angle), y: r * sin(angle)))
                if previous >= 0 { link(previous, v, .motorway) }
                previous = v
                let p = positions[v]
                if step == 0 || step % 6 == 0 || step == steps, let g = nearestGridNode(to: p, arterialOnly: false) {
                    link(v, g, .motorwayLink)
                }
                for ring in rings where abs(r - ring.radius) < 125 {
                    let nearest = ring.nodes.min { a, b in
                        let pa = positions[a]
                        let pb = positions[b]
                        return (pa.x - p.x) * (pa.x - p.x) + (pa.y - p.y) * (pa.y - p.y)
                            < (pb.x - p.x) * (pb.x - p.x) + (pb.y - p.y) * (pb.y - p.y)
                    }
                    if let nearest { link(v, nearest, .motorwayLink) }
                }
            }
        }
        // A generated city has no border to cut roads off: its dangling one-way pieces are
        // artefacts of the generator, and the demo needs every incident reachable.
        return builder.build(keeping: .stronglyConnected)
    }

    /// Generates and preprocesses the network, ready for `RoutingEngine(network:)`.
    public func generateNetwork() -> RoadNetwork {
        RoadNetwork(graph: generateGraph())
    }
}

/// SplitMix64: a tiny, fast, well-distributed generator with a fixed algorithm, so seeded
/// output is identical everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
