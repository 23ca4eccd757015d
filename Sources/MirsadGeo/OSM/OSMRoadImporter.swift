import Dispatch
import Foundation
import SwiftProtobuf

/// Reads an OpenStreetMap PBF extract and builds the drivable `RoadGraph` for a car profile.
///
/// Blocks are inflated and decoded on all cores; the file is read once. Every malformed,
/// truncated or unsupported input ends in an `OSMImportError`, never a trap.
public struct OSMRoadImporter: Sendable {
    /// Counts reported after an import.
    public struct Statistics: Sendable, Hashable {
        public var blocks = 0
        public var osmNodes = 0
        public var drivableWays = 0
        /// Way node references that pointed to nodes absent from the file (cut at the border).
        public var missingNodeRefs = 0
        public var graphNodes = 0
        public var graphEdges = 0
    }

    public let profile: CarProfile

    public init(profile: CarProfile = .standard) {
        self.profile = profile
    }

    /// Imports a file from disk.
    public func importGraph(contentsOf url: URL) throws(OSMImportError) -> (graph: RoadGraph, statistics: Statistics) {
        try importGraph(from: try Self.read(url))
    }

    /// Imports PBF bytes.
    public func importGraph(from data: Data) throws(OSMImportError) -> (graph: RoadGraph, statistics: Statistics) {
        try assemble(try decodeBlocks(of: data))
    }

    /// Reads the file's bytes.
    static func read(_ url: URL) throws(OSMImportError) -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .io("\(url.path): \(error.localizedDescription)")
        }
    }

    /// Checks the header and decodes every data block with the profile.
    func decodeBlocks(of data: Data) throws(OSMImportError) -> [DecodedBlock] {
        let frames = try PBFBlobReader.frames(of: data)
        guard let first = frames.first, first.type == "OSMHeader" else { throw .missingHeader }
        let headerPayload = try PBFBlobReader.payload(of: first)
        let header: OSMPBF_HeaderBlock
        do {
            header = try OSMPBF_HeaderBlock(serializedBytes: headerPayload)
        } catch {
            throw .malformedBlock(offset: first.offset, kind: "HeaderBlock", reason: "\(error)")
        }
        let supported: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]
        if let unsupported = header.requiredFeatures.first(where: { !supported.contains($0) }) {
            throw .unsupportedFeature(unsupported)
        }
        let dataFrames = frames.dropFirst().filter { $0.type == "OSMData" }
        return try decodeInParallel(Array(dataFrames))
    }

    private func decodeInParallel(_ frames: [PBFBlobReader.Frame]) throws(OSMImportError) -> [DecodedBlock] {
        let slots = ResultSlots<Result<DecodedBlock, OSMImportError>>(count: frames.count)
        let decoder = PBFBlockDecoder(profile: profile)
        DispatchQueue.concurrentPerform(iterations: frames.count) { i in
            let frame = frames[i]
            do throws(OSMImportError) {
                let payload = try PBFBlobReader.payload(of: frame)
                slots.set(i, .success(try decoder.decode(payload, offset: frame.offset)))
            } catch {
                slots.set(i, .failure(error))
            }
        }
        var blocks: [DecodedBlock] = []
        blocks.reserveCapacity(frames.count)
        for result in slots.values() {
            switch result {
            case .success(let block)?: blocks.append(block)
            case .failure(let error)?: throw error
            case nil: throw .io("internal: a block was not decoded")
            }
        }
        return blocks
    }

    private func assemble(_ blocks: [DecodedBlock]) throws(OSMImportError) -> (graph: RoadGraph, statistics: Statistics)
    {
        var stats = Statistics()
        stats.blocks = blocks.count
        let nodes = OSMNodeTable(blocks)
        stats.osmNodes = nodes.ids.count
        let (lat, lon) = (nodes.latE7, nodes.lonE7)
        func index(of id: Int64) -> Int? { nodes.index(of: id) }
        var blocked = Set<Int64>()
        var delay: [Int64: Double] = [:]
        for b in blocks {
            blocked.formUnion(b.blockingNodes)
            for d in b.delayNodes { delay[d.id] = d.seconds }
        }
        var builder = RoadGraphBuilder()
        var graphNode = [Int32](repeating: -1, count: nodes.ids.count)
        func node(_ osmIndex: Int) -> Int {
            if graphNode[osmIndex] < 0 {
                graphNode[osmIndex] = Int32(builder.addNode(latE7: lat[osmIndex], lonE7: lon[osmIndex]))
            }
            return Int(graphNode[osmIndex])
        }
        for b in blocks {
            for way in b.ways {
                stats.drivableWays += 1
                var previous: (id: Int64, index: Int)?
                for ref in way.refs {
                    guard let current = index(of: ref) else {
                        stats.missingNodeRefs += 1
                        previous = nil
                        continue
                    }
                    defer { previous = (ref, current) }
                    guard let p = previous, !blocked.contains(p.id), !blocked.contains(ref) else { continue }
                    let u = node(p.index)
                    let v = node(current)
                    if let kmh = way.decision.forwardKmh {
                        builder.addEdge(
                            from: u, to: v, speedKmh: kmh, roadClass: way.decision.roadClass,
                            extraSeconds: delay[ref] ?? 0)
                    }
                    if let kmh = way.decision.backwardKmh {
                        builder.addEdge(
                            from: v, to: u, speedKmh: kmh, roadClass: way.decision.roadClass,
                            extraSeconds: delay[p.id] ?? 0)
                    }
                }
            }
        }
        let graph = builder.build()
        guard graph.nodeCount > 1 else { throw .noRoads }
        stats.graphNodes = graph.nodeCount
        stats.graphEdges = graph.edgeCount
        return (graph, stats)
    }
}
