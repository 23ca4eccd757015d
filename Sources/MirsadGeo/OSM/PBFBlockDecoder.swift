import Foundation
import SwiftProtobuf

/// What the road importer needs from one `PrimitiveBlock`: node positions, nodes whose tags
/// matter to a car (signals, barriers) and the ways a car may drive.
struct DecodedBlock: Sendable {
    var nodeIds: [Int64] = []
    var nodeLatE7: [Int32] = []
    var nodeLonE7: [Int32] = []
    /// Nodes that stop cars.
    var blockingNodes: [Int64] = []
    /// Nodes that add a delay when passed (signals, gates), with the delay in seconds.
    var delayNodes: [(id: Int64, seconds: Double)] = []
    var ways: [DecodedWay] = []
    /// Turn restrictions that may apply to cars (`type=restriction`), members unresolved.
    var restrictions: [DecodedRestriction] = []
    /// Restrictions left out while decoding, with the reason.
    var skippedRestrictions: [UnappliedRestriction] = []
}

/// A drivable way with its node references and the profile's verdict.
struct DecodedWay: Sendable {
    var id: Int64
    var refs: [Int64]
    var decision: CarProfile.WayDecision
}

/// Decodes the data layer (`osmformat.proto`) of one block with a car profile.
struct PBFBlockDecoder {
    let profile: CarProfile

    func decode(_ payload: Data, offset: Int) throws(OSMImportError) -> DecodedBlock {
        let block: OSMPBF_PrimitiveBlock
        do {
            block = try OSMPBF_PrimitiveBlock(serializedBytes: payload)
        } catch {
            throw .malformedBlock(offset: offset, kind: "PrimitiveBlock", reason: "\(error)")
        }
        let strings = block.stringtable.s.map { String(decoding: $0, as: UTF8.self) }
        func string(_ index: Int) throws(OSMImportError) -> String {
            guard index >= 0, index < strings.count else {
                throw .malformedBlock(
                    offset: offset, kind: "PrimitiveBlock",
                    reason: "string index \(index) outside a table of \(strings.count)")
            }
            return strings[index]
        }
        let granularity = Int64(block.granularity)
        guard granularity > 0 else {
            throw .malformedBlock(offset: offset, kind: "PrimitiveBlock", reason: "granularity \(granularity)")
        }
        let latOffset = block.latOffset
        let lonOffset = block.lonOffset
        /// Nanodegrees → 1e-7 degrees, validated.
        func fixed(_ raw: Int64, _ base: Int64, limit: Int64) throws(OSMImportError) -> Int32 {
            let (scaled, overflow1) = raw.multipliedReportingOverflow(by: granularity)
            let (nano, overflow2) = scaled.addingReportingOverflow(base)
            let e7 = nano / 100
            guard !overflow1, !overflow2, abs(e7) <= limit else {
                throw .malformedBlock(offset: offset, kind: "PrimitiveBlock", reason: "coordinate out of range")
            }
            return Int32(e7)
        }
        var out = DecodedBlock()
        for group in block.primitivegroup {
            // Plain nodes.
            for node in group.nodes {
                out.nodeIds.append(node.id)
                out.nodeLatE7.append(try fixed(node.lat, latOffset, limit: 900_000_000))
                out.nodeLonE7.append(try fixed(node.lon, lonOffset, limit: 1_800_000_000))
                guard node.keys.count == node.vals.count else {
                    throw .malformedBlock(offset: offset, kind: "Node", reason: "keys and values differ in length")
                }
                if !node.keys.isEmpty {
                    var tags: [String: String] = [:]
                    for (k, v) in zip(node.keys, node.vals) { tags[try string(Int(k))] = try string(Int(v)) }
                    record(nodeId: node.id, tags: tags, into: &out)
                }
            }
            // Dense nodes.
            if group.hasDense {
                let dense = group.dense
                guard dense.id.count == dense.lat.count, dense.id.count == dense.lon.count else {
                    throw .malformedBlock(offset: offset, kind: "DenseNodes", reason: "column lengths differ")
                }
                var id: Int64 = 0
                var lat: Int64 = 0
                var lon: Int64 = 0
                let keysVals = dense.keysVals
                var kv = 0
                out.nodeIds.reserveCapacity(out.nodeIds.count + dense.id.count)
                for i in 0..<dense.id.count {
                    id &+= dense.id[i]
                    lat &+= dense.lat[i]
                    lon &+= dense.lon[i]
                    out.nodeIds.append(id)
                    out.nodeLatE7.append(try fixed(lat, latOffset, limit: 900_000_000))
                    out.nodeLonE7.append(try fixed(lon, lonOffset, limit: 1_800_000_000))
                    if kv < keysVals.count {
                        var tags: [String: String]?
                        while kv < keysVals.count, keysVals[kv] != 0 {
                            guard kv + 1 < keysVals.count else {
                                throw .malformedBlock(offset: offset, kind: "DenseNodes", reason: "dangling tag key")
                            }
                            let key = try string(Int(keysVals[kv]))
                            let value = try string(Int(keysVals[kv + 1]))
                            if tags == nil { tags = [:] }
                            tags![key] = value
                            kv += 2
                        }
                        kv += 1  // the 0 delimiter
                        if let tags { record(nodeId: id, tags: tags, into: &out) }
                    }
                }
            }
            // Ways.
            for way in group.ways {
                guard way.keys.count == way.vals.count else {
                    throw .malformedBlock(offset: offset, kind: "Way", reason: "keys and values differ in length")
                }
                var tags: [String: String] = [:]
                for (k, v) in zip(way.keys, way.vals) { tags[try string(Int(k))] = try string(Int(v)) }
                guard tags["highway"] != nil, let decision = profile.evaluate(tags) else { continue }
                var ref: Int64 = 0
                var refs = [Int64]()
                refs.reserveCapacity(way.refs.count)
                for delta in way.refs {
                    ref &+= delta
                    refs.append(ref)
                }
                if refs.count >= 2 { out.ways.append(DecodedWay(id: way.id, refs: refs, decision: decision)) }
            }
            // Relations: only turn restrictions matter to the road graph.
            for relation in group.relations {
                guard relation.keys.count == relation.vals.count,
                    relation.memids.count == relation.types.count, relation.memids.count == relation.rolesSid.count
                else {
                    throw .malformedBlock(offset: offset, kind: "Relation", reason: "column lengths differ")
                }
                var tags: [String: String] = [:]
                for (k, v) in zip(relation.keys, relation.vals) { tags[try string(Int(k))] = try string(Int(v)) }
                guard tags["type"] == "restriction" else { continue }
                var members: [DecodedRestriction.Member] = []
                var memberId: Int64 = 0
                for i in 0..<relation.memids.count {
                    memberId &+= relation.memids[i]
                    let kind: DecodedRestriction.Member.Kind =
                        switch relation.types[i] {
                        case .node: .node
                        case .way: .way
                        default: .relation
                        }
                    members.append(.init(kind: kind, id: memberId, role: try string(Int(relation.rolesSid[i]))))
                }
                switch DecodedRestriction.make(id: relation.id, tags: tags, members: members) {
                case .success(let restriction): out.restrictions.append(restriction)
                case .failure(let skipped): out.skippedRestrictions.append(skipped)
                }
            }
        }
        return out
    }

    private func record(nodeId: Int64, tags: [String: String], into out: inout DecodedBlock) {
        if profile.blocksPassage(tags) {
            out.blockingNodes.append(nodeId)
        } else {
            let delay = profile.passageDelaySeconds(tags)
            if delay > 0 { out.delayNodes.append((nodeId, delay)) }
        }
    }
}
