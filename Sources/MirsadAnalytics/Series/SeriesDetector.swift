import Foundation
import MirsadGeodesy

/// Finds crime series — incidents of one family close in both space and time — with ST-DBSCAN
/// (Birant & Kut 2007): an incident is a core member when at least `minimumMembers` incidents
/// (itself included) lie within `spatialRadius` metres *and* `temporalWindow` days of it;
/// clusters grow from core members to everything density-reachable. A series is *emerging*
/// when its latest member is at most `emergingWithin` days before the reference time — the
/// analyst's "this is happening now" list.
public enum SeriesDetector {
    public struct Options: Codable, Sendable, Equatable {
        /// ε₁: largest distance between neighbouring incidents, metres.
        public var spatialRadius: Double
        /// ε₂: largest time between neighbouring incidents, days.
        public var temporalWindow: Double
        /// MinPts: neighbourhood size (incident included) that makes a core member.
        public var minimumMembers: Int
        /// A series whose last member is this recent (days before the reference) is emerging.
        public var emergingWithin: Double
        /// Cluster each category separately (a series is one offence family).
        public var separateCategories: Bool

        public init(
            spatialRadius: Double = 400, temporalWindow: Double = 14, minimumMembers: Int = 4,
            emergingWithin: Double = 7, separateCategories: Bool = true
        ) {
            self.spatialRadius = spatialRadius
            self.temporalWindow = temporalWindow
            self.minimumMembers = minimumMembers
            self.emergingWithin = emergingWithin
            self.separateCategories = separateCategories
        }

        func validate() throws(AnalyticsError) {
            guard spatialRadius.isFinite, spatialRadius > 0 else {
                throw .invalidField("spatialRadius", "must be a positive number of metres")
            }
            guard temporalWindow.isFinite, temporalWindow > 0 else {
                throw .invalidField("temporalWindow", "must be a positive number of days")
            }
            guard (2...10_000).contains(minimumMembers) else {
                throw .invalidField("minimumMembers", "must be 2...10000")
            }
            guard emergingWithin.isFinite, emergingWithin >= 0 else {
                throw .invalidField("emergingWithin", "must be zero or more days")
            }
        }
    }

    /// One detected series.
    public struct Series: Codable, Sendable, Equatable {
        /// 1-based, in the order returned.
        public let id: Int
        public let category: String?
        /// Indices into the input, oldest first.
        public let members: [Int]
        /// The members' ids (when the input had ids), oldest first.
        public let memberIds: [String]
        /// Members that are core points of the cluster.
        public let coreMembers: Int
        public let first: Date
        public let last: Date
        public let centroid: PlanarPoint
        /// Largest member distance from the centroid, metres.
        public let radius: Double
        /// Members within `emergingWithin` days of the reference time.
        public let recentMembers: Int
        public let isEmerging: Bool

        public var size: Int { members.count }
    }

    /// Detects series; events need times. `reference` defaults to the latest event time.
    /// Emerging series come first, then the most recent.
    public static func detect(_ events: [AnalyticEvent], options: Options = Options(), reference: Date? = nil)
        throws(AnalyticsError) -> [Series]
    {
        try options.validate()
        var times: [Double] = []
        times.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            guard let time = event.time else {
                throw .invalidField("points[\(index)].time", "series detection needs a time for every event")
            }
            times.append(time.timeIntervalSince1970)
        }
        guard !events.isEmpty else { return [] }
        let referenceTime = reference?.timeIntervalSince1970 ?? (times.max() ?? 0)
        let groups: [[Int]]
        if options.separateCategories {
            var byCategory: [String: [Int]] = [:]
            for (index, event) in events.enumerated() { byCategory[event.category ?? "", default: []].append(index) }
            groups = byCategory.keys.sorted().compactMap { byCategory[$0] }
        } else {
            groups = [Array(events.indices)]
        }
        var found: [Series] = []
        for group in groups {
            found += cluster(group, events: events, times: times, options: options, reference: referenceTime)
        }
        found.sort { a, b in
            if a.isEmerging != b.isEmerging { return a.isEmerging }
            if a.last != b.last { return a.last > b.last }
            return (a.members.first ?? 0) < (b.members.first ?? 0)
        }
        return found.enumerated().map { offset, s in
            Series(
                id: offset + 1, category: s.category, members: s.members, memberIds: s.memberIds,
                coreMembers: s.coreMembers,
                first: s.first, last: s.last, centroid: s.centroid, radius: s.radius, recentMembers: s.recentMembers,
                isEmerging: s.isEmerging)
        }
    }

    private static func cluster(
        _ group: [Int], events: [AnalyticEvent], times: [Double], options: Options, reference: Double
    ) -> [Series] {
        let index = SpaceTimeIndex(group: group, events: events, times: times, cell: options.spatialRadius)
        let eps1Squared = options.spatialRadius * options.spatialRadius
        let eps2 = options.temporalWindow * 86_400
        var label = [Int](repeating: -2, count: events.count)  // -2 unvisited, -1 noise, ≥0 cluster
        var isCore = [Bool](repeating: false, count: events.count)
        var clusters: [[Int]] = []

        func neighbours(_ i: Int) -> [Int] {
            index.neighbours(of: i, events: events, times: times, radiusSquared: eps1Squared, window: eps2)
        }

        for start in group.sorted(by: { times[$0] < times[$1] }) where label[start] == -2 {
            let around = neighbours(start)
            guard around.count >= options.minimumMembers else {
                label[start] = -1
                continue
            }
            let clusterId = clusters.count
            var members = [start]
            label[start] = clusterId
            isCore[start] = true
            var queue = around
            var head = 0
            while head < queue.count {
                let q = queue[head]
                head += 1
                if label[q] == -1 {
                    label[q] = clusterId
                    members.append(q)
                }
                guard label[q] == -2 else { continue }
                label[q] = clusterId
                members.append(q)
                let next = neighbours(q)
                if next.count >= options.minimumMembers {
                    isCore[q] = true
                    queue.append(contentsOf: next)
                }
            }
            clusters.append(members)
        }

        let recentFrom = reference - options.emergingWithin * 86_400
        return clusters.map { members in
            let ordered = members.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
            var cx = 0.0, cy = 0.0
            for m in ordered {
                cx += events[m].position.x
                cy += events[m].position.y
            }
            let centroid = PlanarPoint(x: cx / Double(ordered.count), y: cy / Double(ordered.count))
            let radius = ordered.map { events[$0].position.euclideanDistance(to: centroid) }.max() ?? 0
            let recent = ordered.filter { times[$0] >= recentFrom && times[$0] <= reference }.count
            let lastTime = times[ordered.last ?? 0]
            return Series(
                id: 0, category: events[ordered[0]].category, members: ordered,
                memberIds: ordered.compactMap { events[$0].id }, coreMembers: ordered.filter { isCore[$0] }.count,
                first: Date(timeIntervalSince1970: times[ordered[0]]), last: Date(timeIntervalSince1970: lastTime),
                centroid: centroid, radius: radius, recentMembers: recent,
                isEmerging: lastTime >= recentFrom && lastTime <= reference)
        }
    }
}

/// Spatial hash of events in square buckets of the search radius, each bucket sorted by time,
/// so a space-time neighbourhood query visits 3×3 buckets and a time slice of each.
struct SpaceTimeIndex {
    private struct CellKey: Hashable {
        let x: Int64
        let y: Int64
    }

    private var buckets: [CellKey: [Int]] = [:]
    private let cell: Double

    init(group: [Int], events: [AnalyticEvent], times: [Double], cell: Double) {
        self.cell = cell
        for i in group {
            buckets[key(events[i].position), default: []].append(i)
        }
        for k in buckets.keys {
            buckets[k]?.sort { times[$0] < times[$1] }
        }
    }

    private func coordinates(_ p: PlanarPoint) -> (Int64, Int64) {
        (
            Int64(max(-1e15, min(1e15, (p.x / cell).rounded(.down)))),
            Int64(max(-1e15, min(1e15, (p.y / cell).rounded(.down))))
        )
    }

    private func key(_ p: PlanarPoint) -> CellKey {
        let (cx, cy) = coordinates(p)
        return CellKey(x: cx, y: cy)
    }

    /// Events (itself included) within the radius and time window of event i.
    func neighbours(of i: Int, events: [AnalyticEvent], times: [Double], radiusSquared: Double, window: Double) -> [Int]
    {
        let p = events[i].position
        let t = times[i]
        let (cx, cy) = coordinates(p)
        var result: [Int] = []
        for dy in -1...1 {
            for dx in -1...1 {
                guard let bucket = buckets[CellKey(x: cx + Int64(dx), y: cy + Int64(dy))] else { continue }
                var low = 0, high = bucket.count
                while low < high {
                    let mid = (low + high) / 2
                    if times[bucket[mid]] < t - window { low = mid + 1 } else { high = mid }
                }
                var k = low
                while k < bucket.count, times[bucket[k]] <= t + window {
                    let j = bucket[k]
                    let q = events[j].position
                    let ddx = q.x - p.x, ddy = q.y - p.y
                    if ddx * ddx + ddy * ddy <= radiusSquared { result.append(j) }
                    k += 1
                }
            }
        }
        return result
    }
}
