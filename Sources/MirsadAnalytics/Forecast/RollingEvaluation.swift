import Foundation
import MirsadGeodesy

/// Rolling one-period-ahead evaluation of hot-spot forecasts, the way an analyst would use
/// them: before each test week, every method ranks the study-area cells from the history
/// alone; the week's crimes then score the ranking (hit rate, PAI, PEI*).
///
/// Methods: the self-exciting model (refitted every week, warm-started), "counts of the prior
/// k weeks" and "counts of all prior weeks". Ties in every ranking are broken by all-prior
/// counts, then cell id. Test weeks are the last `weeks` whole periods ending at midnight UTC
/// after the last event, unless `firstTestStart` is given.
public enum RollingEvaluation {
    public enum Method: Codable, Sendable, Hashable, CustomStringConvertible {
        case selfExciting
        case priorWeeks(Int)
        case allPrior

        public var description: String {
            switch self {
            case .selfExciting: "self-exciting (EM)"
            case .priorWeeks(let k): "prior \(k) weeks"
            case .allPrior: "all prior weeks"
            }
        }
    }

    public struct Options: Codable, Sendable, Equatable {
        public var weeks: Int
        public var horizonDays: Double
        public var coverages: [Double]
        public var firstTestStart: Date?
        public var methods: [Method]
        public var model: SelfExcitingModel.Options

        public init(
            weeks: Int = 30, horizonDays: Double = 7, coverages: [Double] = [0.01, 0.05], firstTestStart: Date? = nil,
            methods: [Method] = [.selfExciting, .priorWeeks(4), .allPrior], model: SelfExcitingModel.Options = .init()
        ) {
            self.weeks = weeks
            self.horizonDays = horizonDays
            self.coverages = coverages
            self.firstTestStart = firstTestStart
            self.methods = methods
            self.model = model
        }
    }

    /// One method's results at one coverage, pooled over the test periods.
    public struct Summary: Codable, Sendable, Equatable {
        public let method: Method
        public let coverage: Double
        /// Σhits / Σcrimes over all periods.
        public let hitRate: Double
        /// Pooled PAI: hit rate / (a/A).
        public let pai: Double
        /// Mean of the periods' PAI.
        public let meanWeeklyPAI: Double
        /// Mean of the periods' PEI*.
        public let peiStar: Double
        public let weekly: [HotspotScore]
    }

    public struct Report: Codable, Sendable, Equatable {
        public let summaries: [Summary]
        public let testStarts: [Date]
        public let areaCells: Int
        /// Wall-clock seconds spent fitting the self-exciting model over all periods.
        public let fittingSeconds: Double
        /// The model fitted for the last test period.
        public let lastModel: SelfExcitingModel?

        public func summary(_ method: Method, coverage: Double) -> Summary? {
            summaries.first { $0.method == method && abs($0.coverage - coverage) < 1e-12 }
        }
    }

    /// - Parameters:
    ///   - events: the crimes being forecast (one family), dated, in the grid's coordinates.
    ///   - grid: the forecast grid.
    ///   - area: study-area cell ids (e.g. cells with any recorded incident).
    public static func run(_ events: [AnalyticEvent], grid: GridSpec, area: [Int], options: Options = Options())
        throws(AnalyticsError) -> Report
    {
        guard (1...520).contains(options.weeks) else { throw .invalidField("weeks", "must be 1...520") }
        guard options.horizonDays > 0, options.horizonDays.isFinite else {
            throw .invalidField("horizonDays", "must be positive")
        }
        for coverage in options.coverages where !(coverage > 0 && coverage <= 1) {
            throw .invalidField("coverages", "each coverage must be in (0, 1]")
        }
        guard !area.isEmpty, area.allSatisfy({ $0 >= 0 && $0 < grid.cellCount }) else {
            throw .invalidField("area", "study area must list cells of the grid")
        }
        try options.model.validate()
        let data = try SelfExcitingData(events: events, grid: grid, options: options.model)
        guard let lastTime = data.times.last else { throw .emptyInput("no dated events inside the grid") }
        let horizon = options.horizonDays
        let firstStart =
            options.firstTestStart?.daysSinceEpoch
            ?? ((lastTime).rounded(.down) + 1 - Double(options.weeks) * horizon)
        guard let firstTime = data.times.first, firstStart > firstTime else {
            throw .invalidField("weeks", "the history does not reach back \(options.weeks) periods before its end")
        }
        var model: SelfExcitingModel?
        var fitting = 0.0
        var weekly: [Method: [Double: [HotspotScore]]] = [:]
        var starts: [Date] = []
        for week in 0..<options.weeks {
            let start = firstStart + Double(week) * horizon
            starts.append(Date(timeIntervalSince1970: start * 86_400))
            let historyCount = data.count(before: start, inclusive: false)
            let testCount = data.count(before: start + horizon, inclusive: false)
            var actual = [Int](repeating: 0, count: grid.cellCount)
            for j in historyCount..<testCount { actual[data.cells[j]] += 1 }
            var longTerm = [Double](repeating: 0, count: grid.cellCount)
            for j in 0..<historyCount { longTerm[data.cells[j]] += 1 }
            for method in options.methods {
                let score: [Double]
                switch method {
                case .allPrior:
                    score = longTerm
                case .priorWeeks(let k):
                    var recent = [Double](repeating: 0, count: grid.cellCount)
                    for j in data.count(before: start - Double(k) * 7, inclusive: false)..<historyCount {
                        recent[data.cells[j]] += 1
                    }
                    score = recent
                case .selfExciting:
                    guard historyCount >= 2 else {
                        score = longTerm
                        break
                    }
                    let clock = ContinuousClock.now
                    let fitted = data.fit(count: historyCount, end: start, warmStart: model)
                    fitting += (ContinuousClock.now - clock).seconds
                    model = fitted
                    let sources = (0..<historyCount).map {
                        (PlanarPoint(x: data.xs[$0], y: data.ys[$0]), data.cells[$0], data.times[$0])
                    }
                    score = SelfExcitingData.forecast(model: fitted, sources: sources, from: start, horizon: horizon)
                }
                for coverage in options.coverages {
                    let result = try HotspotScore.evaluate(
                        score: score, tieBreak: longTerm, actual: actual, area: area, coverage: coverage)
                    weekly[method, default: [:]][coverage, default: []].append(result)
                }
            }
        }
        var summaries: [Summary] = []
        for method in options.methods {
            for coverage in options.coverages {
                let scores = weekly[method]?[coverage] ?? []
                let hits = scores.reduce(0) { $0 + $1.hits }
                let crimes = scores.reduce(0) { $0 + $1.crimes }
                let hitRate = crimes > 0 ? Double(hits) / Double(crimes) : 0
                let share = scores.first.map { Double($0.flaggedCells) / Double($0.areaCells) } ?? 1
                summaries.append(
                    Summary(
                        method: method, coverage: coverage, hitRate: hitRate, pai: hitRate / share,
                        meanWeeklyPAI: scores.map(\.pai).reduce(0, +) / Double(max(scores.count, 1)),
                        peiStar: scores.map(\.peiStar).reduce(0, +) / Double(max(scores.count, 1)),
                        weekly: scores))
            }
        }
        return Report(
            summaries: summaries, testStarts: starts, areaCells: area.count, fittingSeconds: fitting, lastModel: model)
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
