import Foundation
import MirsadGeodesy

/// Knox space-time interaction table with Monte-Carlo significance, reproducing Ratcliffe's
/// Near Repeat Calculator 1.3 (NRC) cell for cell:
///
/// - coordinates are read as single-precision floats and distances computed in single
///   precision (`singlePrecision`, on by default, as NRC does);
/// - distance band 0 is "same location" (distance exactly 0); bands 1...K are
///   (0, b), [b, 2b), ..., [(K−1)b, Kb); band K+1 is [Kb, ∞);
/// - time bands 0...K−1 are [0, t), [t, 2t), ... in whole days; band K is [Kt, ∞);
/// - every unordered pair of events is counted once;
/// - significance comes from permuting the dates over the events: the expected count is the
///   mean over permutations, `p = (1 + #{simulated ≥ observed}) / (permutations + 1)` and the
///   Knox ratio is observed / expected.
///
/// Row and column totals of the table do not change when dates are permuted (the multiset of
/// pairwise day gaps is fixed), so each permutation only re-times the pairs that are near in
/// space; the "beyond" cells follow by subtraction. That keeps 999 permutations on a thousand
/// events well under a second.
public enum KnoxTest {
    public enum Metric: String, Codable, Sendable, CaseIterable {
        case manhattan
        case euclidean
    }

    public struct Options: Codable, Sendable, Equatable {
        /// Spatial band width b in metres.
        public var distanceBand: Double
        /// Number of spatial bands K (beyond-band and same-location rows are added).
        public var distanceBands: Int
        /// Temporal band width t in whole days.
        public var timeBand: Int
        /// Number of temporal bands (a beyond-band column is added).
        public var timeBands: Int
        public var metric: Metric
        public var permutations: Int
        public var seed: UInt64
        /// Read coordinates and compute distances in Float, as NRC 1.3 does.
        public var singlePrecision: Bool

        public init(
            distanceBand: Double, distanceBands: Int, timeBand: Int, timeBands: Int, metric: Metric = .manhattan,
            permutations: Int = 999, seed: UInt64 = 12345, singlePrecision: Bool = true
        ) {
            self.distanceBand = distanceBand
            self.distanceBands = distanceBands
            self.timeBand = timeBand
            self.timeBands = timeBands
            self.metric = metric
            self.permutations = permutations
            self.seed = seed
            self.singlePrecision = singlePrecision
        }

        func validate() throws(AnalyticsError) {
            guard distanceBand.isFinite, distanceBand > 0 else {
                throw .invalidField("distanceBand", "must be a positive number of metres")
            }
            guard (1...100).contains(distanceBands) else { throw .invalidField("distanceBands", "must be 1...100") }
            guard (1...3650).contains(timeBand) else { throw .invalidField("timeBand", "must be 1...3650 days") }
            guard (1...100).contains(timeBands) else { throw .invalidField("timeBands", "must be 1...100") }
            guard (1...99_999).contains(permutations) else { throw .invalidField("permutations", "must be 1...99999") }
        }
    }

    /// One cell of the table.
    public struct Cell: Codable, Sendable, Equatable {
        /// 0 same location, 1...K the bands, K+1 beyond.
        public let distanceBand: Int
        /// 0...K−1 the bands, K beyond.
        public let timeBand: Int
        public let observed: Int
        /// Mean count over the permutations.
        public let expected: Double
        /// observed / expected; nil when expected is 0.
        public let knoxRatio: Double?
        public let p: Double

        public init(distanceBand: Int, timeBand: Int, observed: Int, expected: Double, knoxRatio: Double?, p: Double) {
            self.distanceBand = distanceBand
            self.timeBand = timeBand
            self.observed = observed
            self.expected = expected
            self.knoxRatio = knoxRatio
            self.p = p
        }
    }

    public struct Table: Codable, Sendable, Equatable {
        public let options: Options
        public let eventCount: Int
        public let pairCount: Int
        /// Row-major: distance band major, time band minor.
        public let cells: [Cell]

        public init(options: Options, eventCount: Int, pairCount: Int, cells: [Cell]) {
            self.options = options
            self.eventCount = eventCount
            self.pairCount = pairCount
            self.cells = cells
        }

        public func cell(distanceBand: Int, timeBand: Int) -> Cell? {
            cells.first { $0.distanceBand == distanceBand && $0.timeBand == timeBand }
        }

        /// Human labels for rows, e.g. "same location", "0–200 m", "≥ 600 m".
        public func distanceLabel(_ band: Int) -> String {
            let b = options.distanceBand
            if band == 0 { return "same location" }
            if band > options.distanceBands { return "≥ \(format(b * Double(options.distanceBands))) m" }
            return "\(format(b * Double(band - 1)))–\(format(b * Double(band))) m"
        }

        /// Human labels for columns, e.g. "0–6 days", "≥ 28 days".
        public func timeLabel(_ band: Int) -> String {
            let t = options.timeBand
            if band >= options.timeBands { return "≥ \(t * options.timeBands) days" }
            return "\(t * band)–\(t * (band + 1) - 1) days"
        }

        private func format(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    /// Largest event count accepted (the pair scan is quadratic).
    public static let maximumEvents = 60_000

    /// Runs the analysis on planar positions (metres) and whole-day dates.
    public static func analyze(positions: [PlanarPoint], days: [Int], options: Options) throws(AnalyticsError) -> Table
    {
        try options.validate()
        guard positions.count == days.count else { throw .invalidField("points", "every point needs a date") }
        guard positions.count >= 2 else { throw .emptyInput("Knox needs at least two dated events") }
        guard positions.count <= maximumEvents else {
            throw .limitExceeded("points", "\(positions.count) events exceeds \(maximumEvents)")
        }
        let n = positions.count
        let rowsCount = options.distanceBands + 2
        let columnsCount = options.timeBands + 1
        let nearTimeLimit = options.timeBand * options.timeBands

        // Spatial band of every pair; keep the pairs that are not "beyond".
        let (nearI, nearJ, nearBand, rowTotals) = spatialPairs(positions, options: options)
        let tally = Tally(
            nearI: nearI, nearJ: nearJ, nearBand: nearBand, rowTotals: rowTotals,
            columnTotals: temporalColumnTotals(days, options: options),
            rows: rowsCount, columns: columnsCount, timeBand: options.timeBand, nearTimeLimit: nearTimeLimit)

        var observed = [Int](repeating: 0, count: rowsCount * columnsCount)
        days.withUnsafeBufferPointer { tally.fill(days: $0, into: &observed) }

        // Permutations in parallel blocks; permutation r always uses stream r of the seed.
        let permutations = options.permutations
        let blocks = Parallel.ranges(
            count: permutations, chunks: Parallel.chunkCount(for: permutations, minimumPerChunk: 16))
        let observedCounts = observed
        let partials = Parallel.map(chunks: blocks.count) { block -> (sums: [Int], atLeast: [Int]) in
            var sums = [Int](repeating: 0, count: observedCounts.count)
            var atLeast = [Int](repeating: 0, count: observedCounts.count)
            var shuffled = days
            var counts = [Int](repeating: 0, count: observedCounts.count)
            for r in blocks[block] {
                var generator = SeededGenerator.stream(seed: options.seed, index: r)
                shuffled = days
                var i = n - 1
                while i > 0 {
                    let j = generator.below(i + 1)
                    shuffled.swapAt(i, j)
                    i -= 1
                }
                shuffled.withUnsafeBufferPointer { tally.fill(days: $0, into: &counts) }
                for k in counts.indices {
                    sums[k] += counts[k]
                    if counts[k] >= observedCounts[k] { atLeast[k] += 1 }
                }
            }
            return (sums, atLeast)
        }
        var sums = [Int](repeating: 0, count: observed.count)
        var atLeast = [Int](repeating: 0, count: observed.count)
        for partial in partials {
            for k in sums.indices {
                sums[k] += partial.sums[k]
                atLeast[k] += partial.atLeast[k]
            }
        }
        var cells: [Cell] = []
        for row in 0..<rowsCount {
            for column in 0..<columnsCount {
                let k = row * columnsCount + column
                let expected = Double(sums[k]) / Double(permutations)
                cells.append(
                    Cell(
                        distanceBand: row, timeBand: column, observed: observed[k], expected: expected,
                        knoxRatio: expected > 0 ? Double(observed[k]) / expected : nil,
                        p: Double(atLeast[k] + 1) / Double(permutations + 1)))
            }
        }
        return Table(options: options, eventCount: n, pairCount: n * (n - 1) / 2, cells: cells)
    }

    /// Convenience for events: uses each event's UTC day; events without a time are rejected.
    public static func analyze(_ events: [AnalyticEvent], options: Options) throws(AnalyticsError) -> Table {
        var days: [Int] = []
        days.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            guard let time = event.time else {
                throw .invalidField("points[\(index)].time", "Knox needs a date for every event")
            }
            days.append(time.utcDayNumber)
        }
        return try analyze(positions: events.map(\.position), days: days, options: options)
    }

    /// The fixed parts of the table: near pairs with their spatial band, and the row and column
    /// totals that permutations leave unchanged.
    private struct Tally: Sendable {
        let nearI: [Int32]
        let nearJ: [Int32]
        let nearBand: [Int16]
        let rowTotals: [Int]
        let columnTotals: [Int]
        let rows: Int
        let columns: Int
        let timeBand: Int
        let nearTimeLimit: Int

        /// Fills the whole table for one assignment of days to events.
        func fill(days: UnsafeBufferPointer<Int>, into counts: inout [Int]) {
            for k in counts.indices { counts[k] = 0 }
            for p in 0..<nearI.count {
                let gap = abs(days[Int(nearI[p])] - days[Int(nearJ[p])])
                if gap < nearTimeLimit {
                    counts[Int(nearBand[p]) * columns + gap / timeBand] += 1
                }
            }
            // Beyond-time column of the near rows, then the beyond-distance row.
            let lastRow = rows - 1
            for row in 0..<lastRow {
                var inTime = 0
                for column in 0..<(columns - 1) { inTime += counts[row * columns + column] }
                counts[row * columns + columns - 1] = rowTotals[row] - inTime
            }
            for column in 0..<columns {
                var near = 0
                for row in 0..<lastRow { near += counts[row * columns + column] }
                counts[lastRow * columns + column] = columnTotals[column] - near
            }
        }
    }

    /// Distance band of a pair as NRC assigns it.
    static func distanceBand(_ distance: Double, options: Options) -> Int {
        if distance == 0 { return 0 }
        let band = Int((distance / options.distanceBand).rounded(.down)) + 1
        return min(band, options.distanceBands + 1)
    }

    private static func spatialPairs(_ positions: [PlanarPoint], options: Options) -> ([Int32], [Int32], [Int16], [Int])
    {
        let n = positions.count
        let beyond = options.distanceBands + 1
        let xs = positions.map(\.x)
        let ys = positions.map(\.y)
        let fx = xs.map { Float($0) }
        let fy = ys.map { Float($0) }
        let single = options.singlePrecision
        let manhattan = options.metric == .manhattan
        let rows = Parallel.ranges(count: n, chunks: Parallel.chunkCount(for: n, minimumPerChunk: 64))
        let parts = Parallel.map(chunks: rows.count) { chunk -> ([Int32], [Int32], [Int16], [Int]) in
            var nearI: [Int32] = [], nearJ: [Int32] = [], band: [Int16] = []
            var totals = [Int](repeating: 0, count: beyond + 1)
            for i in rows[chunk] {
                for j in (i + 1)..<max(i + 1, n) {
                    let distance: Double
                    if single {
                        let dx = fx[i] - fx[j], dy = fy[i] - fy[j]
                        distance = Double(manhattan ? abs(dx) + abs(dy) : (dx * dx + dy * dy).squareRoot())
                    } else {
                        let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                        distance = manhattan ? abs(dx) + abs(dy) : (dx * dx + dy * dy).squareRoot()
                    }
                    let b = distanceBand(distance, options: options)
                    totals[b] += 1
                    if b < beyond {
                        nearI.append(Int32(i)); nearJ.append(Int32(j)); band.append(Int16(b))
                    }
                }
            }
            return (nearI, nearJ, band, totals)
        }
        var nearI: [Int32] = [], nearJ: [Int32] = [], band: [Int16] = []
        var totals = [Int](repeating: 0, count: beyond + 1)
        for part in parts {
            nearI += part.0; nearJ += part.1; band += part.2
            for k in totals.indices { totals[k] += part.3[k] }
        }
        return (nearI, nearJ, band, totals)
    }

    /// Pairs per time band over all pairs, from the histogram of days.
    private static func temporalColumnTotals(_ days: [Int], options: Options) -> [Int] {
        let columns = options.timeBands + 1
        var totals = [Int](repeating: 0, count: columns)
        guard let first = days.min(), let last = days.max() else { return totals }
        var histogram = [Int](repeating: 0, count: last - first + 1)
        for day in days { histogram[day - first] += 1 }
        let span = histogram.count
        let totalPairs = days.count * (days.count - 1) / 2
        var near = 0
        let limit = min(options.timeBand * options.timeBands, span)
        for gap in 0..<limit {
            var pairs = 0
            if gap == 0 {
                for count in histogram { pairs += count * (count - 1) / 2 }
            } else {
                for d in 0..<(span - gap) { pairs += histogram[d] * histogram[d + gap] }
            }
            totals[gap / options.timeBand] += pairs
            near += pairs
        }
        totals[columns - 1] = totalPairs - near
        return totals
    }
}
