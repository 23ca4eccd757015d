import Synchronization

/// Per-query scratch memory sized to the network: distance labels for both search directions,
/// predecessor arcs and a visit stamp. Allocating and clearing these for every query would
/// cost more than the query itself, so workspaces are pooled and only the touched entries are
/// reset after use.
final class QueryWorkspace: @unchecked Sendable {
    // @unchecked: a workspace is only ever used by the one query that took it from the pool.
    var forward: [PackedCost]
    var backward: [PackedCost]
    var forwardArc: [UInt32]
    var backwardArc: [UInt32]
    var mark: [UInt32]
    var stamp: UInt32 = 0
    var forwardList: [UInt32] = []
    var backwardList: [UInt32] = []

    init(nodeCount n: Int) {
        forward = [PackedCost](repeating: Cost.infinity, count: n)
        backward = [PackedCost](repeating: Cost.infinity, count: n)
        forwardArc = [UInt32](repeating: .max, count: n)
        backwardArc = [UInt32](repeating: .max, count: n)
        mark = [UInt32](repeating: 0, count: n)
        forwardList.reserveCapacity(1024)
        backwardList.reserveCapacity(1024)
    }

    /// A fresh stamp value for marking visited nodes.
    func nextStamp() -> UInt32 {
        stamp &+= 1
        if stamp == 0 {
            for i in mark.indices { mark[i] = 0 }
            stamp = 1
        }
        return stamp
    }
}

/// A pool of workspaces, so concurrent queries each get their own without allocating.
final class WorkspacePool: Sendable {
    private let nodeCount: Int
    private let free = Mutex<[QueryWorkspace]>([])

    init(nodeCount: Int) {
        self.nodeCount = nodeCount
    }

    func withWorkspace<R>(_ body: (QueryWorkspace) throws -> R) rethrows -> R {
        let workspace = free.withLock { $0.popLast() } ?? QueryWorkspace(nodeCount: nodeCount)
        defer { free.withLock { $0.append(workspace) } }
        return try body(workspace)
    }
}
