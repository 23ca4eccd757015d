import Foundation
import MirsadGeodesy

/// One piece of drivable road as OpenStreetMap has it: from a node of a way to the next node,
/// in a direction the car profile allows. Routing along it should cost about its length, which
/// makes every such segment a check of the routing (`mirsad-bench routing --segments`).
public struct OSMRoadSegment: Sendable, Hashable {
    public var wayId: Int64
    public var fromNode: Int64
    public var toNode: Int64
    public var from: GeoCoordinate
    public var to: GeoCoordinate
    public var roadClass: RoadClass
}

extension OSMRoadImporter {
    /// Every drivable segment of the extract, each direction a car may take it once; pieces
    /// with a node missing from the file or a barrier that stops cars are left out.
    public func drivableSegments(contentsOf url: URL) throws(OSMImportError) -> [OSMRoadSegment] {
        let blocks = try decodeBlocks(of: try Self.read(url))
        let nodes = OSMNodeTable(blocks)
        func coordinate(_ i: Int) -> GeoCoordinate {
            GeoCoordinate(latitude: Double(nodes.latE7[i]) * 1e-7, longitude: Double(nodes.lonE7[i]) * 1e-7)
        }
        let blocked = Set(blocks.flatMap(\.blockingNodes))
        var segments: [OSMRoadSegment] = []
        for block in blocks {
            for way in block.ways {
                for (a, b) in zip(way.refs, way.refs.dropFirst()) {
                    guard a != b, !blocked.contains(a), !blocked.contains(b), let i = nodes.index(of: a),
                        let j = nodes.index(of: b)
                    else { continue }
                    let roadClass = way.decision.roadClass
                    if way.decision.forwardKmh != nil {
                        segments.append(
                            OSMRoadSegment(
                                wayId: way.id, fromNode: a, toNode: b, from: coordinate(i), to: coordinate(j),
                                roadClass: roadClass))
                    }
                    if way.decision.backwardKmh != nil {
                        segments.append(
                            OSMRoadSegment(
                                wayId: way.id, fromNode: b, toNode: a, from: coordinate(j), to: coordinate(i),
                                roadClass: roadClass))
                    }
                }
            }
        }
        return segments
    }
}
