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
        /// Turn restriction relations in the file (`type=restriction`).
        public var restrictions = 0
        /// Restrictions applied to the graph, and the turns they forbid.
        public var restrictionsApplied = 0
        public var forbiddenTurns = 0
        /// Of the applied ones, those over via ways.
        public var viaWayApplied = 0
        /// Restrictions not applied, with the reason, by relation id. Those that do not bind
        /// cars (`reason.bindsCars == false`) are listed too.
        public var unapplied: [UnappliedRestriction] = []
    }

    /// A graph with the turns its restrictions forbid.
    public struct ImportedRoads: Sendable {
        public var graph: RoadGraph
        /// Every forbidden turn with the kind of restriction that forbids it.
        public var restrictions: [RestrictedTurn]
        /// The restrictions over via ways.
        public var viaWay: [ViaWayRestriction] = []
        public var statistics: Statistics

        /// The forbidden turns, each once.
        public var forbidden: [TurnPair] {
            Array(Set(restrictions.map(\.turn))).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        }
    }

    public let profile: CarProfile

    public init(profile: CarProfile = .standard) {
        self.profile = profile
    }

    /// Imports a file from disk: the graph, the turns restrictions forbid on it, and counts.
    public func importRoads(contentsOf url: URL) throws(OSMImportError) -> ImportedRoads {
        try assemble(try decodeBlocks(of: try Self.read(url)))
    }

    /// Imports PBF bytes with their turn restrictions.
    public func importRoads(from data: Data) throws(OSMImportError) -> ImportedRoads {
        try assemble(try decodeBlocks(of: data))
    }

    /// Imports a file from disk, the graph only.
    public func importGraph(contentsOf url: URL) throws(OSMImportError) -> (graph: RoadGraph, statistics: Statistics) {
        let roads = try importRoads(contentsOf: url)
        return (roads.graph, roads.statistics)
    }

    /// Imports PBF bytes, the graph only.
    public func importGraph(from data: Data) throws(OSMImportError) -> (graph: RoadGraph, statistics: Statistics) {
        let roads = try importRoads(from: data)
        return (roads.graph, roads.statistics)
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

    private func assemble(_ blocks: [DecodedBlock]) throws(OSMImportError) -> ImportedRoads {
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
        let (graph, renumbered) = builder.buildIndexed()
        guard graph.nodeCount > 1 else { throw .noRoads }
        stats.graphNodes = graph.nodeCount
        stats.graphEdges = graph.edgeCount
        let (restrictions, viaWay) = Self.resolveRestrictions(blocks, graph: graph, stats: &stats) { osmId in
            guard let i = index(of: osmId), graphNode[i] >= 0 else { return nil }
            let v = renumbered[Int(graphNode[i])]
            return v == .max ? nil : Int(v)
        }
        return ImportedRoads(graph: graph, restrictions: restrictions, viaWay: viaWay, statistics: stats)
    }

    /// Places every restriction of the blocks on the graph; counts what was applied and why
    /// the rest was not.
    private static func resolveRestrictions(
        _ blocks: [DecodedBlock], graph: RoadGraph, stats: inout Statistics, graphNode: (Int64) -> Int?
    ) -> ([RestrictedTurn], [ViaWayRestriction]) {
        let restrictions = blocks.flatMap(\.restrictions)
        stats.unapplied = blocks.flatMap(\.skippedRestrictions)
        stats.restrictions = restrictions.count + stats.unapplied.count
        var wanted = Set<Int64>()
        for r in restrictions {
            wanted.formUnion(r.fromWays)
            wanted.formUnion(r.toWays)
            wanted.formUnion(r.viaWays)
        }
        var refs: [Int64: [Int64]] = [:]
        for b in blocks {
            for way in b.ways where wanted.contains(way.id) { refs[way.id] = way.refs }
        }
        var forbidden = Set<RestrictedTurn>()
        var viaWay: [ViaWayRestriction] = []
        for r in restrictions where !r.viaWays.isEmpty {
            switch r.viaWayRestrictions(graph: graph, refs: { refs[$0] }, graphNode: graphNode) {
            case .success(let placed):
                stats.restrictionsApplied += 1
                stats.viaWayApplied += 1
                viaWay += placed
            case .failure(let unapplied):
                stats.unapplied.append(unapplied)
            }
        }
        for r in restrictions where r.viaWays.isEmpty {
            switch r.forbiddenTurns(graph: graph, refs: { refs[$0] }, graphNode: graphNode) {
            case .success(let pairs):
                stats.restrictionsApplied += 1
                let kind = TurnRestriction(osmValue: r.value)
                forbidden.formUnion(pairs.map { RestrictedTurn($0, kind) })
            case .failure(let unapplied):
                stats.unapplied.append(unapplied)
            }
        }
        stats.unapplied.sort { $0.relationId < $1.relationId }
        stats.forbiddenTurns = Set(forbidden.map(\.turn)).count
        let sorted = forbidden.sorted {
            ($0.turn.from, $0.turn.to, $0.restriction.code) < ($1.turn.from, $1.turn.to, $1.restriction.code)
        }
        return (sorted, viaWay)
    }
}
