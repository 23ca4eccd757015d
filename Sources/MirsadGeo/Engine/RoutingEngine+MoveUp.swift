import MirsadGeodesy

/// A candidate position for repositioning units.
public struct MoveUpPost: Sendable, Hashable, Codable {
    public var id: String
    public var location: SnappedLocation

    public init(id: String, location: SnappedLocation) {
        self.id = id
        self.location = location
    }
}

extension RoutingEngine {
    /// Move-up suggestions on the current metric: which available unit to send to which post
    /// to win back road length within `targetSeconds` (in `sector`, or everywhere).
    public func moveUpPlan(
        available: [FleetMember], committed: [FleetMember], posts: [MoveUpPost], targetSeconds: Double,
        sector: GeoPolygon? = nil, maxMoves: Int = 3, minimumGainMeters: Double = 100
    ) -> MoveUpPlan {
        let m = currentMetric
        let model = coverageModel(sector: sector)
        func unit(_ member: FleetMember) -> MoveUpPlanner.Unit {
            MoveUpPlanner.Unit(
                id: member.id,
                field: ReachField(seconds: reachSeconds([member.location], direction: .outbound, metric: m)),
                speedFactor: member.speedFactor)
        }
        let availableUnits = available.map(unit)
        let committedUnits = committed.map(unit)
        let postFields = posts.map { post in
            MoveUpPlanner.Post(
                id: post.id, field: ReachField(seconds: reachSeconds([post.location], direction: .outbound, metric: m)))
        }
        var moveSeconds = [[Double?]](repeating: [Double?](repeating: nil, count: posts.count), count: available.count)
        if !available.isEmpty && !posts.isEmpty {
            let table = table(sources: available.map(\.location), targets: posts.map(\.location))
            for i in 0..<available.count {
                for j in 0..<posts.count { moveSeconds[i][j] = table.estimate(source: i, target: j)?.seconds }
            }
        }
        let planner = MoveUpPlanner(
            targetSeconds: targetSeconds, maxMoves: maxMoves, minimumGainMeters: minimumGainMeters)
        return planner.plan(
            model: model, available: availableUnits, committed: committedUnits, posts: postFields,
            moveSeconds: moveSeconds)
    }
}
