/// Suggests repositioning ("move-up") of available units when committed units leave part of
/// the area outside its target response time.
///
/// Pure and deterministic: it works on a `CoverageModel` and precomputed reach fields, so it
/// can be tested without an engine and re-run with the same inputs for the same answer.
/// Greedy: each round evaluates every (available unit, post) pair exactly — coverage after
/// moving that unit there, counting both what the post adds and what the unit's departure
/// leaves uncovered — and keeps the best move; a unit moves at most once and a post takes
/// at most one unit.
public struct MoveUpPlanner: Sendable {
    /// A unit with its current reach.
    public struct Unit: Sendable {
        public var id: String
        /// Free-flow seconds from the unit's position to every node.
        public var field: ReachField
        public var speedFactor: Double

        public init(id: String, field: ReachField, speedFactor: Double = 1) {
            self.id = id
            self.field = field
            self.speedFactor = speedFactor
        }
    }

    /// A place a unit may be moved to (a station, a standby point).
    public struct Post: Sendable {
        public var id: String
        /// Free-flow seconds from the post to every node.
        public var field: ReachField

        public init(id: String, field: ReachField) {
            self.id = id
            self.field = field
        }
    }

    /// Target response time, seconds.
    public var targetSeconds: Double
    /// Upper bound on suggested moves.
    public var maxMoves: Int
    /// Moves gaining less road than this (metres) are not suggested.
    public var minimumGainMeters: Double

    public init(targetSeconds: Double, maxMoves: Int = 3, minimumGainMeters: Double = 100) {
        self.targetSeconds = targetSeconds
        self.maxMoves = maxMoves
        self.minimumGainMeters = minimumGainMeters
    }

    /// Plans moves.
    /// - Parameters:
    ///   - available: units free to respond (and to move).
    ///   - committed: units busy on incidents; only used to report what their absence costs.
    ///   - posts: candidate positions.
    ///   - moveSeconds: free-flow seconds from `available[i]` to `posts[j]`, nil if unreachable.
    public func plan(
        model: CoverageModel, available: [Unit], committed: [Unit], posts: [Post], moveSeconds: [[Double?]]
    ) -> MoveUpPlan {
        let threshold = targetSeconds
        var state = Labels(model: model, units: available.map { ($0.field, $0.speedFactor) })
        let withCommitted = Labels(
            model: model, units: (available + committed).map { ($0.field, $0.speedFactor) })
        let coveredWithCommitted = withCommitted.coveredMeters(model: model, threshold: threshold)
        let coveredNow = state.coveredMeters(model: model, threshold: threshold)
        var covered = coveredNow
        var fields = available.map(\.field)
        var moved = Set<Int>()
        var usedPosts = Set<Int>()
        var suggestions: [MoveUpSuggestion] = []
        var stamp = [UInt32](repeating: 0, count: model.first.count)
        var generation: UInt32 = 0

        while suggestions.count < maxMoves {
            var best: (gain: Double, seconds: Double, unit: Int, post: Int)?
            // Nodes each post would reach sooner than today's best, per speed factor.
            var improvedCache: [Int: [Double: [Int]]] = [:]
            func improved(_ p: Int, _ factor: Double) -> [Int] {
                if let cached = improvedCache[p]?[factor] { return cached }
                let field = posts[p].field.seconds
                var nodes: [Int] = []
                for x in 0..<model.nodeCount {
                    let t = Double(field[x]) / factor
                    if t <= threshold && t < state.best[x] { nodes.append(x) }
                }
                improvedCache[p, default: [:]][factor] = nodes
                return nodes
            }
            for (u, unit) in available.enumerated() where !moved.contains(u) {
                let exclusive = state.exclusiveNodes(of: u, threshold: threshold)
                for (p, post) in posts.enumerated() where !usedPosts.contains(p) {
                    guard let seconds = moveSeconds[u][p] else { continue }
                    generation &+= 1
                    var gain = 0.0
                    func evaluate(segment s: Int) {
                        if stamp[s] == generation { return }
                        stamp[s] = generation
                        let a = Int(model.first[s])
                        let b = Int(model.second[s])
                        let (la, fa) = state.label(a, without: u, adding: post.field, factor: unit.speedFactor)
                        let (lb, fb) = state.label(b, without: u, adding: post.field, factor: unit.speedFactor)
                        let after = model.covered(
                            s, firstLabel: la, firstFactor: fa, secondLabel: lb, secondFactor: fb, threshold: threshold)
                        let before = model.covered(
                            s, firstLabel: state.best[a], firstFactor: state.bestFactor[a],
                            secondLabel: state.best[b], secondFactor: state.bestFactor[b], threshold: threshold)
                        gain += after - before
                    }
                    // Nodes whose label changes: the unit's exclusive ones and those the post improves.
                    for x in exclusive { forEachSegment(model, x, evaluate) }
                    for x in improved(p, unit.speedFactor) { forEachSegment(model, x, evaluate) }
                    let candidate = (gain, seconds / unit.speedFactor, u, p)
                    if let current = best {
                        if gain > current.gain + 1e-9
                            || (abs(gain - current.gain) <= 1e-9 && candidate.1 < current.seconds)
                        {
                            best = candidate
                        }
                    } else {
                        best = candidate
                    }
                }
            }
            guard let chosen = best, chosen.gain >= minimumGainMeters else { break }
            moved.insert(chosen.unit)
            usedPosts.insert(chosen.post)
            fields[chosen.unit] = posts[chosen.post].field
            state = Labels(model: model, units: zip(fields, available).map { ($0, $1.speedFactor) })
            let newCovered = state.coveredMeters(model: model, threshold: threshold)
            suggestions.append(
                MoveUpSuggestion(
                    unitId: available[chosen.unit].id, postId: posts[chosen.post].id,
                    gainMeters: newCovered - covered, travelSeconds: chosen.seconds, coveredMetersAfter: newCovered))
            covered = newCovered
        }
        return MoveUpPlan(
            targetSeconds: threshold, totalMeters: model.totalMeters, coveredMetersWithCommitted: coveredWithCommitted,
            coveredMetersNow: coveredNow, suggestions: suggestions)
    }

    private func forEachSegment(_ model: CoverageModel, _ x: Int, _ body: (Int) -> Void) {
        for i in Int(model.nodeFirstSegment[x])..<Int(model.nodeFirstSegment[x + 1]) {
            body(Int(model.nodeSegments[i]))
        }
    }

    /// Best and second-best effective arrival times per node, with the unit achieving the best.
    struct Labels {
        var best: [Double]
        var bestFactor: [Double]
        var bestUnit: [Int32]
        var second: [Double]
        var secondFactor: [Double]

        init(model: CoverageModel, units: [(ReachField, Double)]) {
            let n = model.nodeCount
            best = [Double](repeating: .infinity, count: n)
            bestFactor = [Double](repeating: 1, count: n)
            bestUnit = [Int32](repeating: -1, count: n)
            second = [Double](repeating: .infinity, count: n)
            secondFactor = [Double](repeating: 1, count: n)
            for (u, (field, factor)) in units.enumerated() {
                for x in 0..<n {
                    let t = Double(field.seconds[x]) / factor
                    if t < best[x] {
                        second[x] = best[x]
                        secondFactor[x] = bestFactor[x]
                        best[x] = t
                        bestFactor[x] = factor
                        bestUnit[x] = Int32(u)
                    } else if t < second[x] {
                        second[x] = t
                        secondFactor[x] = factor
                    }
                }
            }
        }

        func coveredMeters(model: CoverageModel, threshold: Double) -> Double {
            model.coveredMeters(labels: best, factors: bestFactor, threshold: threshold)
        }

        /// Nodes within the threshold whose best unit is `u`.
        func exclusiveNodes(of u: Int, threshold: Double) -> [Int] {
            var nodes: [Int] = []
            for x in 0..<best.count where bestUnit[x] == Int32(u) && best[x] <= threshold { nodes.append(x) }
            return nodes
        }

        /// The label of node x if unit u left and a unit with `factor` stood where `field` starts.
        @inline(__always)
        func label(_ x: Int, without u: Int, adding field: ReachField, factor: Double) -> (Double, Double) {
            let (base, baseFactor) = bestUnit[x] == Int32(u) ? (second[x], secondFactor[x]) : (best[x], bestFactor[x])
            let t = Double(field.seconds[x]) / factor
            return t < base ? (t, factor) : (base, baseFactor)
        }
    }
}

/// One suggested repositioning.
public struct MoveUpSuggestion: Sendable, Hashable, Codable {
    public var unitId: String
    public var postId: String
    /// Additional road length within the target time after this move (given earlier moves).
    public var gainMeters: Double
    /// Time for the unit to drive to the post, seconds (with its speed factor).
    public var travelSeconds: Double
    /// Covered road length once this and all earlier suggestions are carried out.
    public var coveredMetersAfter: Double
}

/// The planner's answer: the coverage picture and the moves.
public struct MoveUpPlan: Sendable, Hashable, Codable {
    public var targetSeconds: Double
    public var totalMeters: Double
    /// Coverage if the committed units were still available.
    public var coveredMetersWithCommitted: Double
    /// Coverage with the available units where they are now.
    public var coveredMetersNow: Double
    public var suggestions: [MoveUpSuggestion]
}
