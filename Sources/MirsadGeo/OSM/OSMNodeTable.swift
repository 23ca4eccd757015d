/// Every node of an extract's blocks, sorted by OSM id, with its position.
struct OSMNodeTable {
    private(set) var ids: [Int64] = []
    private(set) var latE7: [Int32] = []
    private(set) var lonE7: [Int32] = []

    init(_ blocks: [DecodedBlock]) {
        for b in blocks {
            ids.append(contentsOf: b.nodeIds)
            latE7.append(contentsOf: b.nodeLatE7)
            lonE7.append(contentsOf: b.nodeLonE7)
        }
        // Extracts are usually sorted already; sort only when they are not.
        if zip(ids, ids.dropFirst()).contains(where: { $0 > $1 }) {
            let order = ids.indices.sorted { ids[$0] < ids[$1] }
            ids = order.map { ids[$0] }
            latE7 = order.map { latE7[$0] }
            lonE7 = order.map { lonE7[$0] }
        }
    }

    /// Position of `id` in the table, nil when the extract lacks the node.
    func index(of id: Int64) -> Int? {
        var lo = 0
        var hi = ids.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? lo : nil
    }
}
