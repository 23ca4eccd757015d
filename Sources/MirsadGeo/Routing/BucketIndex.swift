import Dispatch
import Foundation

/// Direction of travel relative to the prepared endpoint set.
public enum TravelDirection: Sendable, Hashable, Codable {
    /// From the prepared endpoints (units) to the query point (incident): dispatch ETAs.
    case toQuery
    /// From the query point to the prepared endpoints.
    case fromQuery
}

/// Bucket-based one-to-many search on a CCH (Knopp et al.): the upward search space of every
/// prepared endpoint is stored once in per-node buckets; a query walks its own search space
/// and scans the buckets it meets. The endpoints' snaps and searches are done once, so a
/// 1 × 1000 query costs one elimination-tree walk plus a bucket scan.
struct BucketIndex: Sendable {
    let metricVersion: UInt64
    let direction: TravelDirection
    let endpointCount: Int
    let firstEntry: [UInt32]
    let entryEndpoint: [UInt32]
    let entryCost: [PackedCost]

    /// Builds buckets for endpoints given as seed lists (sources for `.toQuery`, targets for
    /// `.fromQuery`). Endpoints with no seeds (closed roads) simply get no entries. The
    /// endpoint searches run on all cores, each with its own workspace.
    init(
        seeds: [[Seed]], direction: TravelDirection, hierarchy h: ContractionHierarchy, metric: CCHMetric,
        pool: WorkspacePool
    ) {
        let costs = direction == .toQuery ? metric.up : metric.down
        struct Part: Sendable {
            var nodes: [UInt32] = []
            var endpoints: [UInt32] = []
            var values: [PackedCost] = []
        }
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, seeds.count / 64))
        let parts = ResultSlots<Part>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            pool.withWorkspace { w in
                var part = Part()
                var i = chunk
                while i < seeds.count {
                    let endpointSeeds = seeds[i]
                    if !endpointSeeds.isEmpty {
                        EliminationTreeSearch.ancestors(
                            of: endpointSeeds, hierarchy: h, workspace: w, into: &w.forwardList)
                        EliminationTreeSearch.run(
                            seeds: endpointSeeds, hierarchy: h, costs: costs, list: w.forwardList, dist: &w.forward,
                            pred: &w.forwardArc)
                        for x in w.forwardList where w.forward[Int(x)] < Cost.infinity {
                            part.nodes.append(x)
                            part.endpoints.append(UInt32(i))
                            part.values.append(w.forward[Int(x)])
                        }
                        EliminationTreeSearch.reset(w.forwardList, dist: &w.forward, pred: &w.forwardArc)
                    }
                    i += chunks
                }
                parts.set(chunk, part)
            }
        }
        let collected = parts.values().compactMap { $0 }
        var first = [UInt32](repeating: 0, count: h.nodeCount + 1)
        for part in collected { for x in part.nodes { first[Int(x) + 1] += 1 } }
        for i in 0..<h.nodeCount { first[i + 1] += first[i] }
        var fill = first
        let total = Int(first[h.nodeCount])
        var entryEndpoint = [UInt32](repeating: 0, count: total)
        var entryCost = [PackedCost](repeating: 0, count: total)
        for part in collected {
            for k in 0..<part.nodes.count {
                let slot = Int(fill[Int(part.nodes[k])])
                entryEndpoint[slot] = part.endpoints[k]
                entryCost[slot] = part.values[k]
                fill[Int(part.nodes[k])] += 1
            }
        }
        metricVersion = metric.version
        self.direction = direction
        endpointCount = seeds.count
        firstEntry = first
        self.entryEndpoint = entryEndpoint
        self.entryCost = entryCost
    }

    /// Costs between the query seeds and every endpoint (min over both); `result` must hold
    /// `endpointCount` entries and is lowered in place.
    func query(
        seeds: [Seed], hierarchy h: ContractionHierarchy, metric: CCHMetric, workspace w: QueryWorkspace,
        result: inout [PackedCost]
    ) {
        guard !seeds.isEmpty else { return }
        let costs = direction == .toQuery ? metric.down : metric.up
        EliminationTreeSearch.ancestors(of: seeds, hierarchy: h, workspace: w, into: &w.backwardList)
        EliminationTreeSearch.run(
            seeds: seeds, hierarchy: h, costs: costs, list: w.backwardList, dist: &w.backward, pred: &w.backwardArc)
        firstEntry.withUnsafeBufferPointer { first in
            entryEndpoint.withUnsafeBufferPointer { endpoint in
                entryCost.withUnsafeBufferPointer { cost in
                    w.backward.withUnsafeBufferPointer { dist in
                        result.withUnsafeMutableBufferPointer { result in
                            for x in w.backwardList {
                                let d = dist[Int(x)]
                                if d >= Cost.infinity { continue }
                                for k in Int(first[Int(x)])..<Int(first[Int(x) + 1]) {
                                    let c = cost[k] &+ d
                                    let i = Int(endpoint[k])
                                    if c < result[i] { result[i] = c }
                                }
                            }
                        }
                    }
                }
            }
        }
        EliminationTreeSearch.reset(w.backwardList, dist: &w.backward, pred: &w.backwardArc)
    }

    /// Number of stored entries (memory and speed indicator).
    var entryCount: Int { entryEndpoint.count }
}
