import MirsadGeodesy

/// The road network cut into map tiles for drawing: which road pieces a tile shows at its zoom,
/// joined into polylines. Main roads appear from zoom 8, collectors from 12 and every street
/// from 14, so a whole-city view stays small. Built once per network; queries are cheap.
public struct RoadTileIndex: Sendable {
    /// The shallowest zoom a tile may be asked for (a tile then spans ~150 km).
    public static let minZoom = 8

    /// One drawing level: the classes it adds, the zoom it appears at, and its buckets.
    struct Level: Sendable {
        let classes: Set<RoadClass>
        let fromZoom: Int
        /// The zoom its segments are bucketed at (each segment in every tile its box touches).
        let indexZoom: Int
        var buckets: [UInt64: [UInt32]] = [:]
    }

    /// A polyline of one class: the class and its points in order.
    public struct Line: Sendable, Equatable {
        public let roadClass: RoadClass
        public let points: [GeoCoordinate]
    }

    let graph: RoadGraph
    var levels: [Level] = [
        Level(classes: [.motorway, .motorwayLink, .trunk, .trunkLink, .primary], fromZoom: 8, indexZoom: 11),
        Level(
            classes: [.primaryLink, .secondary, .secondaryLink, .tertiary, .tertiaryLink], fromZoom: 12,
            indexZoom: 13),
        Level(classes: [.unclassified, .residential, .livingStreet, .service, .other], fromZoom: 14, indexZoom: 15),
    ]

    public init(graph: RoadGraph) {
        self.graph = graph
        for segment in 0..<graph.segmentCount {
            let edge = Int(graph.segmentEdge[segment])
            let roadClass = graph.roadClass(of: edge)
            guard let level = levels.firstIndex(where: { $0.classes.contains(roadClass) }) else { continue }
            let (u, v) = graph.endpoints(of: edge)
            let zoom = levels[level].indexZoom
            let a = WebMercatorTile(containing: graph.coordinate(of: u), z: zoom)
            let b = WebMercatorTile(containing: graph.coordinate(of: v), z: zoom)
            for x in min(a.x, b.x)...max(a.x, b.x) {
                for y in min(a.y, b.y)...max(a.y, b.y) {
                    guard let tile = WebMercatorTile(z: zoom, x: x, y: y) else { continue }
                    levels[level].buckets[tile.key, default: []].append(UInt32(segment))
                }
            }
        }
    }

    /// The corners of the network.
    public var boundingBox: (min: GeoCoordinate, max: GeoCoordinate) { graph.boundingBox }

    /// The roads a tile shows, joined into polylines where consecutive pieces of one class meet
    /// at a junction of only those two. Zooms below `minZoom` show nothing.
    public func lines(in tile: WebMercatorTile) -> [Line] {
        guard tile.z >= Self.minZoom else { return [] }
        let (southWest, northEast) = tile.bounds
        var segments = Set<UInt32>()
        for level in levels where tile.z >= level.fromZoom {
            let buckets: [WebMercatorTile] =
                tile.z >= level.indexZoom
                ? [tile.ancestor(atZoom: level.indexZoom)] : tile.descendants(atZoom: level.indexZoom)
            for bucket in buckets {
                for segment in level.buckets[bucket.key] ?? [] where touches(segment, southWest, northEast) {
                    segments.insert(segment)
                }
            }
        }
        return join(segments.sorted())
    }

    private func touches(_ segment: UInt32, _ southWest: GeoCoordinate, _ northEast: GeoCoordinate) -> Bool {
        let (u, v) = graph.endpoints(of: Int(graph.segmentEdge[Int(segment)]))
        let (a, b) = (graph.coordinate(of: u), graph.coordinate(of: v))
        return max(a.latitude, b.latitude) >= southWest.latitude && min(a.latitude, b.latitude) <= northEast.latitude
            && max(a.longitude, b.longitude) >= southWest.longitude
            && min(a.longitude, b.longitude) <= northEast.longitude
    }

    /// Walks chains of segments through nodes where exactly two segments of the same class meet.
    private func join(_ segments: [UInt32]) -> [Line] {
        var byNode: [Int: [Int]] = [:]
        var ends: [(u: Int, v: Int, roadClass: RoadClass)] = []
        for (i, segment) in segments.enumerated() {
            let edge = Int(graph.segmentEdge[Int(segment)])
            let (u, v) = graph.endpoints(of: edge)
            ends.append((u, v, graph.roadClass(of: edge)))
            byNode[u, default: []].append(i)
            byNode[v, default: []].append(i)
        }
        var used = [Bool](repeating: false, count: ends.count)
        func through(_ node: Int, from piece: Int) -> Int? {
            guard let pieces = byNode[node], pieces.count == 2 else { return nil }
            let next = pieces[0] == piece ? pieces[1] : pieces[0]
            return !used[next] && ends[next].roadClass == ends[piece].roadClass ? next : nil
        }
        func walk(from start: Int) -> Line {
            used[start] = true
            var nodes = [ends[start].u, ends[start].v]
            // Forwards from v, then backwards from u.
            for forwards in [true, false] {
                var piece = start
                var node = forwards ? ends[start].v : ends[start].u
                while let next = through(node, from: piece) {
                    used[next] = true
                    node = ends[next].u == node ? ends[next].v : ends[next].u
                    if forwards { nodes.append(node) } else { nodes.insert(node, at: 0) }
                    piece = next
                }
            }
            return Line(roadClass: ends[start].roadClass, points: nodes.map(graph.coordinate(of:)))
        }
        var lines: [Line] = []
        for i in ends.indices where !used[i] { lines.append(walk(from: i)) }
        return lines
    }
}

extension RoadTileIndex {
    /// A fingerprint of the network (its junctions, pieces and classes), so a client can keep
    /// tiles until the network changes.
    public static func version(of graph: RoadGraph) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash ^= (value >> UInt64(shift)) & 0xff
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        mix(UInt64(graph.nodeCount))
        for node in 0..<graph.nodeCount {
            mix(UInt64(UInt32(bitPattern: graph.latE7[node])) << 32 | UInt64(UInt32(bitPattern: graph.lonE7[node])))
        }
        for segment in graph.segmentEdge {
            let edge = Int(segment)
            mix(UInt64(graph.tail[edge]) << 32 | UInt64(graph.head[edge]))
            mix(UInt64(graph.roadClass[edge]))
        }
        return String(hash, radix: 16)
    }
}
