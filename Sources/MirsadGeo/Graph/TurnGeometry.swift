import Foundation
import MirsadGeodesy

/// Angles of turns and the number of roads at each node, as a turn model needs them.
///
/// Every OSM node of a way is a graph node, so the last piece of an edge can be a metre
/// long and point anywhere. The direction of a road at a junction is therefore taken from a
/// point up to `lookahead` metres along it, following the road through nodes where it just
/// continues (two neighbours), as OSRM does with its representative coordinates.
struct TurnGeometry {
    static let lookaheadMeters = 10.0

    let road: RoadGraph
    /// Distinct neighbours of each node (either direction): `firstNeighbour[v]..<[v+1]`.
    let firstNeighbour: [UInt32]
    let neighbours: [UInt32]
    /// Metres per 1e-7 degree of longitude at the network's latitude, and of latitude.
    let xScale: Double
    let yScale: Double

    init(road: RoadGraph, firstIn: [UInt32], inEdges: [UInt32]) {
        self.road = road
        let n = road.nodeCount
        var first = [UInt32](repeating: 0, count: n + 1)
        var list: [UInt32] = []
        list.reserveCapacity(road.edgeCount)
        var scratch: [UInt32] = []
        for v in 0..<n {
            scratch.removeAll(keepingCapacity: true)
            for e in Int(road.firstOut[v])..<Int(road.firstOut[v + 1]) { scratch.append(road.head[e]) }
            for i in Int(firstIn[v])..<Int(firstIn[v + 1]) { scratch.append(road.tail[Int(inEdges[i])]) }
            scratch.sort()
            var previous = UInt32.max
            for w in scratch where w != previous {
                list.append(w)
                previous = w
            }
            first[v + 1] = UInt32(list.count)
        }
        firstNeighbour = first
        neighbours = list
        let box = road.boundingBox
        let latitude = (box.min.latitude + box.max.latitude) / 2
        yScale = 111_320.0 * 1e-7
        xScale = yScale * cos(latitude * .pi / 180)
    }

    /// Number of roads meeting at `v`.
    func roadCount(at v: Int) -> Int { Int(firstNeighbour[v + 1] - firstNeighbour[v]) }

    /// The turn angle from edge `a` into edge `b` at their common node, degrees in (-180, 180]:
    /// 0 straight on, positive to the right.
    func angle(from a: Int, to b: Int) -> Double {
        let v = Int(road.head[a])
        let back = pointAlong(from: v, first: Int(road.tail[a]))
        let ahead = pointAlong(from: v, first: Int(road.head[b]))
        let incoming = bearing(from: back, to: v)
        let outgoing = bearing(from: v, to: ahead)
        var turn = outgoing - incoming
        while turn > 180 { turn -= 360 }
        while turn <= -180 { turn += 360 }
        return turn
    }

    /// The node up to `lookaheadMeters` from `start` along the road through `first`.
    private func pointAlong(from start: Int, first: Int) -> Int {
        var previous = start
        var current = first
        var travelled = distance(start, first)
        var steps = 0
        while travelled < Self.lookaheadMeters, roadCount(at: current) == 2, steps < 64 {
            let range = Int(firstNeighbour[current])..<Int(firstNeighbour[current + 1])
            let next =
                Int(neighbours[range.lowerBound]) == previous
                ? Int(neighbours[range.lowerBound + 1]) : Int(neighbours[range.lowerBound])
            if next == start { break }
            travelled += distance(current, next)
            previous = current
            current = next
            steps += 1
        }
        return current
    }

    private func delta(_ from: Int, _ to: Int) -> (x: Double, y: Double) {
        (
            (Double(road.lonE7[to]) - Double(road.lonE7[from])) * xScale,
            (Double(road.latE7[to]) - Double(road.latE7[from])) * yScale
        )
    }

    private func distance(_ from: Int, _ to: Int) -> Double {
        let d = delta(from, to)
        return (d.x * d.x + d.y * d.y).squareRoot()
    }

    /// Compass bearing from one node to another, degrees clockwise from north.
    private func bearing(from: Int, to: Int) -> Double {
        let d = delta(from, to)
        return atan2(d.x, d.y) * 180 / .pi
    }
}
