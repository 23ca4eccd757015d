import Foundation
import MirsadGeodesy

/// The events of a self-exciting fit in time order, with every candidate parent-child pair
/// precomputed once (compressed by child). A fit over the first n events uses exactly the
/// pairs of children below n, so rolling evaluations refit week after week without
/// rebuilding anything.
struct SelfExcitingData: Sendable {
    let grid: GridSpec
    let options: SelfExcitingModel.Options
    /// Event times in days since 1970, ascending.
    let times: [Double]
    let xs: [Double]
    let ys: [Double]
    let cells: [Int]
    /// Pairs of child j are `childOffsets[j]..<childOffsets[j+1]`.
    let childOffsets: [Int]
    let parents: [Int32]
    let gaps: [Double]
    let squaredDistances: [Double]

    init(events: [AnalyticEvent], grid: GridSpec, options: SelfExcitingModel.Options) throws(AnalyticsError) {
        var rows: [(time: Double, x: Double, y: Double, cell: Int)] = []
        rows.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            guard let time = event.time else {
                throw .invalidField("points[\(index)].time", "the forecast needs a time for every event")
            }
            guard let (ix, iy) = grid.cell(containing: event.position) else { continue }
            rows.append((time.daysSinceEpoch, event.position.x, event.position.y, grid.id(ix: ix, iy: iy)))
        }
        rows.sort { $0.time < $1.time }
        self.grid = grid
        self.options = options
        times = rows.map(\.time)
        xs = rows.map(\.x)
        ys = rows.map(\.y)
        cells = rows.map(\.cell)
        (childOffsets, parents, gaps, squaredDistances) = Self.pairs(
            times: times, xs: xs, ys: ys, cells: cells, options: options)
    }

    /// Number of events strictly before (or at, when inclusive) a day.
    func count(before day: Double, inclusive: Bool) -> Int {
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < day || (inclusive && times[mid] == day) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func pairs(
        times: [Double], xs: [Double], ys: [Double], cells: [Int], options: SelfExcitingModel.Options
    ) -> ([Int], [Int32], [Double], [Double]) {
        struct Key: Hashable {
            let x: Int64
            let y: Int64
        }
        let sameCell = options.trigger == .sameCell
        let reach = options.maximumTriggerDistance
        let reachSquared = reach * reach
        func key(_ i: Int) -> Key {
            if sameCell { return Key(x: Int64(cells[i]), y: 0) }
            return Key(
                x: Int64(max(-1e15, min(1e15, (xs[i] / reach).rounded(.down)))),
                y: Int64(max(-1e15, min(1e15, (ys[i] / reach).rounded(.down)))))
        }
        // Buckets keep indices in time order because events are appended in time order.
        var buckets: [Key: [Int]] = [:]
        for i in times.indices { buckets[key(i), default: []].append(i) }
        var offsets = [0]
        offsets.reserveCapacity(times.count + 1)
        var parents: [Int32] = []
        var gaps: [Double] = []
        var distances: [Double] = []
        let neighbourhood: [(Int64, Int64)] =
            sameCell ? [(0, 0)] : [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)]
        for j in times.indices {
            let home = key(j)
            let earliest = times[j] - options.maximumTriggerDays
            for (dx, dy) in neighbourhood {
                guard let bucket = buckets[Key(x: home.x + dx, y: home.y + dy)] else { continue }
                var low = 0, high = bucket.count
                while low < high {
                    let mid = (low + high) / 2
                    if times[bucket[mid]] < earliest { low = mid + 1 } else { high = mid }
                }
                var k = low
                while k < bucket.count, bucket[k] < j {
                    let i = bucket[k]
                    k += 1
                    let gap = times[j] - times[i]
                    guard gap > 0 else { continue }
                    let ddx = xs[j] - xs[i], ddy = ys[j] - ys[i]
                    let d2 = ddx * ddx + ddy * ddy
                    if sameCell || d2 <= reachSquared {
                        parents.append(Int32(i))
                        gaps.append(gap)
                        distances.append(d2)
                    }
                }
            }
            offsets.append(parents.count)
        }
        return (offsets, parents, gaps, distances)
    }

    /// EM over the first `n` events, observation window [first event, `end`] in days.
    ///
    /// The likelihood of these models has more than one basin (repeats at one address can be
    /// read as a hot background or as triggering), so EM runs from a weakly- and a
    /// strongly-triggering start, plus the warm start when given, and the fit with the highest
    /// log-likelihood is kept.
    func fit(count n: Int, end: Double, warmStart: SelfExcitingModel?) -> SelfExcitingModel {
        var counts = [Double](repeating: 0, count: grid.cellCount)
        for j in 0..<n { counts[cells[j]] += 1 }
        let smoothing =
            options.backgroundNeighbours != nil
            ? 0
            : options.backgroundSmoothingCells
                ?? BackgroundSmoothing.crossValidated(counts: counts, columns: grid.columns, rows: grid.rows)
        let smoother = BackgroundSmoothing(cells: smoothing, columns: grid.columns, rows: grid.rows)
        var starts: [Start] = [
            Start(theta: 0.05, omega: 0.1, sigma: max(500, options.minimumSigma), background: nil),
            Start(theta: 0.5, omega: 0.1, sigma: 2 * options.minimumSigma, background: nil),
        ]
        if let warm = warmStart, warm.background.count == grid.cellCount {
            starts.insert(
                Start(theta: warm.theta, omega: warm.omega, sigma: warm.sigma, background: warm.background), at: 0)
        }
        let adaptive = options.backgroundNeighbours.map { k in
            AdaptiveBackground(
                xs: xs[0..<n], ys: ys[0..<n], grid: grid, neighbours: k,
                minimum: options.minimumBackgroundWidth, maximum: 20 * grid.cellSize)
        }
        var best = run(count: n, end: end, start: starts[0], counts: counts, smoother: smoother, adaptive: adaptive)
        for start in starts.dropFirst() {
            let model = run(count: n, end: end, start: start, counts: counts, smoother: smoother, adaptive: adaptive)
            if model.logLikelihood > best.logLikelihood { best = model }
        }
        return best
    }

    private struct Start {
        let theta: Double
        let omega: Double
        let sigma: Double
        let background: [Double]?
    }

    private func run(
        count n: Int, end: Double, start initial: Start, counts: [Double], smoother: BackgroundSmoothing,
        adaptive: AdaptiveBackground?
    ) -> SelfExcitingModel {
        let start = times[0]
        let span = max(end - start, 1e-9)
        let cellArea = grid.cellSize * grid.cellSize
        let sameCell = options.trigger == .sameCell
        var theta = initial.theta
        var omega = initial.omega
        var sigma = initial.sigma
        var backgroundCounts = counts
        let initialShare = 1 - min(initial.theta, 0.9)
        var mu = (adaptive?.field(weights: [Double](repeating: 1, count: n)) ?? smoother.apply(counts)).map {
            initialShare * $0 / span
        }
        if let warm = initial.background {
            // Start from the previous background, scaled to the new event count.
            let previous = warm.reduce(0, +)
            let target = mu.reduce(0, +)
            if previous > 0 { mu = warm.map { $0 * target / previous } }
        }
        let chunks = Parallel.ranges(count: n, chunks: Parallel.chunkCount(for: n, minimumPerChunk: 2_000))
        var iterations = 0
        var logLikelihood = 0.0
        var backgroundShare = 1.0
        for iteration in 1...options.maximumIterations {
            iterations = iteration
            let norm = sameCell ? 1 / cellArea : 1 / (2 * Double.pi * sigma * sigma)
            let inverseTwoSigma2 = 1 / (2 * sigma * sigma)
            let currentMu = mu
            let (th, om) = (theta, omega)
            let partials = Parallel.map(chunks: chunks.count) { chunk -> EStep in
                var step = EStep()
                var background: [Double] = []
                background.reserveCapacity(chunks[chunk].count)
                for j in chunks[chunk] {
                    let bg = currentMu[cells[j]] / cellArea
                    var lambda = bg
                    let range = childOffsets[j]..<childOffsets[j + 1]
                    for p in range {
                        let spatial = sameCell ? norm : norm * exp(-squaredDistances[p] * inverseTwoSigma2)
                        lambda += th * om * exp(-om * gaps[p]) * spatial
                    }
                    guard lambda > 0 else {
                        background.append(0)
                        continue
                    }
                    step.logLikelihood += log(lambda)
                    background.append(bg / lambda)
                    step.backgroundSum += bg / lambda
                    for p in range {
                        let spatial = sameCell ? norm : norm * exp(-squaredDistances[p] * inverseTwoSigma2)
                        let probability = th * om * exp(-om * gaps[p]) * spatial / lambda
                        step.offspring += probability
                        step.weightedGap += probability * gaps[p]
                        step.weightedDistance += probability * squaredDistances[p]
                    }
                }
                step.background = background
                return step
            }
            var offspring = 0.0, weightedGap = 0.0, weightedDistance = 0.0, backgroundSum = 0.0
            logLikelihood = 0
            for i in backgroundCounts.indices { backgroundCounts[i] = 0 }
            var eventBackground: [Double] = []
            eventBackground.reserveCapacity(n)
            for part in partials {
                offspring += part.offspring
                weightedGap += part.weightedGap
                weightedDistance += part.weightedDistance
                backgroundSum += part.backgroundSum
                logLikelihood += part.logLikelihood
                eventBackground += part.background
            }
            // Compensator of the current parameters: ∫λ over the window.
            var exposure = 0.0
            for i in 0..<n { exposure += 1 - exp(-omega * min(end - times[i], options.maximumTriggerDays)) }
            logLikelihood -= mu.reduce(0, +) * span + theta * exposure
            backgroundShare = backgroundSum / Double(n)

            // M-step.
            let newOmega = offspring > 0 && weightedGap > 0 ? min(offspring / weightedGap, options.maximumOmega) : omega
            var newExposure = 0.0
            for i in 0..<n { newExposure += 1 - exp(-newOmega * min(end - times[i], options.maximumTriggerDays)) }
            let newTheta = newExposure > 0 ? offspring / newExposure : 0
            let newSigma =
                sameCell
                ? sigma
                : max(options.minimumSigma, offspring > 0 ? (weightedDistance / (2 * offspring)).squareRoot() : sigma)
            if let adaptive {
                mu = adaptive.field(weights: eventBackground).map { $0 / span }
            } else {
                for j in 0..<n { backgroundCounts[cells[j]] += eventBackground[j] }
                mu = smoother.apply(backgroundCounts).map { $0 / span }
            }
            let change = max(
                relativeChange(theta, newTheta), relativeChange(omega, newOmega), relativeChange(sigma, newSigma))
            theta = newTheta
            omega = newOmega
            sigma = newSigma
            if change < options.tolerance { break }
        }
        return SelfExcitingModel(
            grid: grid, options: options, background: mu, theta: theta, omega: omega, sigma: sigma,
            smoothingCells: smoother.cells,
            start: Date(timeIntervalSince1970: start * 86_400), end: Date(timeIntervalSince1970: end * 86_400),
            eventCount: n, iterations: iterations, logLikelihood: logLikelihood, backgroundShare: backgroundShare)
    }

    private struct EStep: Sendable {
        var offspring = 0.0
        var weightedGap = 0.0
        var weightedDistance = 0.0
        var backgroundSum = 0.0
        var logLikelihood = 0.0
        /// Background probability of each event of the chunk, in order.
        var background: [Double] = []
    }

    private func relativeChange(_ old: Double, _ new: Double) -> Double {
        abs(new - old) / max(abs(old), 1e-12)
    }

    /// Expected counts per cell in [from, from + horizon) days.
    static func forecast(model: SelfExcitingModel, sources: [(PlanarPoint, Int, Double)], from: Double, horizon: Double)
        -> [Double]
    {
        let grid = model.grid
        var risk = model.background.map { $0 * horizon }
        let sigma = model.sigma
        let reach = Int((4 * sigma / grid.cellSize).rounded(.up)) + 1
        let scale = 1 / (sigma * 2.0.squareRoot())
        for (position, cell, time) in sources {
            let age = from - time
            let weight = model.theta * (exp(-model.omega * age) - exp(-model.omega * (age + horizon)))
            guard weight > 1e-12 else { continue }
            if model.options.trigger == .sameCell {
                risk[cell] += weight
                continue
            }
            let cx = cell % grid.columns, cy = cell / grid.columns
            let ix0 = max(0, cx - reach), ix1 = min(grid.columns - 1, cx + reach)
            let iy0 = max(0, cy - reach), iy1 = min(grid.rows - 1, cy + reach)
            let px = (ix0...ix1).map { ix -> Double in
                let left = grid.originX + Double(ix) * grid.cellSize - position.x
                return 0.5 * (erf((left + grid.cellSize) * scale) - erf(left * scale))
            }
            for iy in iy0...iy1 {
                let bottom = grid.originY + Double(iy) * grid.cellSize - position.y
                let py = 0.5 * (erf((bottom + grid.cellSize) * scale) - erf(bottom * scale))
                guard py > 0 else { continue }
                for ix in ix0...ix1 {
                    risk[iy * grid.columns + ix] += weight * py * px[ix - ix0]
                }
            }
        }
        return risk
    }
}
