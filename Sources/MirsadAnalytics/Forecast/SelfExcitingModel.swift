import Foundation
import MirsadGeodesy

/// A self-exciting point process for crime (Mohler et al. 2011, "Self-exciting point process
/// modeling of crime", JASA), fitted by expectation-maximisation:
///
///     λ(x, y, t) = μ(x, y) + Σ_{tᵢ < t} θ · ω e^{−ω(t − tᵢ)} · g(x − xᵢ, y − yᵢ)
///
/// The background μ is a rate per grid cell (events per day, uniform inside the cell): by
/// default the background-weighted events smoothed by a Gaussian whose width is chosen by
/// leave-one-out likelihood cross-validation; with `backgroundNeighbours = k`, the paper's
/// variable-bandwidth estimate (each event spread as wide as the distance to its k-th nearest
/// neighbour, k = 15 in the paper), which forecast worse on Houston (see docs/analytics.md).
/// Triggering decays exponentially
/// in time and spreads as an isotropic Gaussian of width σ (`.gaussian`) or stays in the
/// parent's cell (`.sameCell`, the grid model of Mohler et al. 2015). The E-step gives each event's probability of being
/// background or triggered by each earlier event within `maximumTriggerDays` and
/// `maximumTriggerDistance`; the M-step re-estimates θ (accounting for offspring not yet
/// observed by the end of the window), ω, σ and μ in closed form.
public struct SelfExcitingModel: Codable, Sendable, Equatable {
    public enum SpatialTrigger: String, Codable, Sendable, CaseIterable {
        /// Isotropic Gaussian in space with fitted σ.
        case gaussian
        /// Offspring in the parent's own cell (Mohler et al. 2015 grid model).
        case sameCell
    }

    public struct Options: Codable, Sendable, Equatable {
        public var trigger: SpatialTrigger
        /// Lower bound on σ (metres): geocoding to block addresses puts many repeats at one
        /// point, which would otherwise collapse σ to zero.
        public var minimumSigma: Double
        /// Parent-child pairs further apart in time are not considered, days.
        public var maximumTriggerDays: Double
        /// Parent-child pairs further apart are not considered (Gaussian trigger), metres.
        public var maximumTriggerDistance: Double
        /// Upper bound on the decay rate ω (per day).
        public var maximumOmega: Double
        public var maximumIterations: Int
        /// Stop when θ, ω and σ change by less than this, relatively.
        public var tolerance: Double
        /// Gaussian smoothing of the background, in cells (0 = none); nil chooses it from the
        /// history by leave-one-out likelihood cross-validation (see `BackgroundSmoothing`).
        public var backgroundSmoothingCells: Double?
        /// When set, the background is Mohler et al.'s variable-bandwidth estimate: each event
        /// spread by a Gaussian as wide as the distance to its k-th nearest neighbour
        /// (overrides `backgroundSmoothingCells`).
        public var backgroundNeighbours: Int?
        /// Narrowest background kernel of the variable-bandwidth estimate, metres.
        public var minimumBackgroundWidth: Double

        public init(
            trigger: SpatialTrigger = .gaussian, minimumSigma: Double = 125, maximumTriggerDays: Double = 60,
            maximumTriggerDistance: Double = 1_500, maximumOmega: Double = 1, maximumIterations: Int = 150,
            tolerance: Double = 1e-5, backgroundSmoothingCells: Double? = nil, backgroundNeighbours: Int? = nil,
            minimumBackgroundWidth: Double = 50
        ) {
            self.trigger = trigger
            self.minimumSigma = minimumSigma
            self.maximumTriggerDays = maximumTriggerDays
            self.maximumTriggerDistance = maximumTriggerDistance
            self.maximumOmega = maximumOmega
            self.maximumIterations = maximumIterations
            self.tolerance = tolerance
            self.backgroundSmoothingCells = backgroundSmoothingCells
            self.backgroundNeighbours = backgroundNeighbours
            self.minimumBackgroundWidth = minimumBackgroundWidth
        }

        func validate() throws(AnalyticsError) {
            guard minimumSigma.isFinite, minimumSigma > 0 else {
                throw .invalidField("minimumSigma", "must be positive metres")
            }
            guard maximumTriggerDays.isFinite, maximumTriggerDays > 0 else {
                throw .invalidField("maximumTriggerDays", "must be positive")
            }
            guard maximumTriggerDistance.isFinite, maximumTriggerDistance > 0 else {
                throw .invalidField("maximumTriggerDistance", "must be positive")
            }
            guard maximumOmega.isFinite, maximumOmega > 0 else {
                throw .invalidField("maximumOmega", "must be positive")
            }
            guard (1...10_000).contains(maximumIterations) else {
                throw .invalidField("maximumIterations", "must be 1...10000")
            }
            if let k = backgroundNeighbours, !(1...1_000).contains(k) {
                throw .invalidField("backgroundNeighbours", "must be 1...1000")
            }
            guard minimumBackgroundWidth.isFinite, minimumBackgroundWidth > 0 else {
                throw .invalidField("minimumBackgroundWidth", "must be positive metres")
            }
            if let smoothing = backgroundSmoothingCells, !(smoothing.isFinite && smoothing >= 0 && smoothing <= 50) {
                throw .invalidField("backgroundSmoothingCells", "must be 0...50 cells")
            }
        }
    }

    public let grid: GridSpec
    public let options: Options
    /// Background events per day in each cell (row-major).
    public let background: [Double]
    /// Expected number of direct offspring per event.
    public let theta: Double
    /// Decay rate of triggering, per day (mean delay 1/ω days).
    public let omega: Double
    /// Spatial spread of triggering, metres (unused by `.sameCell`).
    public let sigma: Double
    /// Background smoothing used, in cells (chosen by cross-validation unless fixed).
    public let smoothingCells: Double
    /// Start and end of the fitted window.
    public let start: Date
    public let end: Date
    public let eventCount: Int
    public let iterations: Int
    public let logLikelihood: Double
    /// Share of events the fit attributes to the background.
    public let backgroundShare: Double

    /// Fits the model to dated events inside the grid, over [first event, `end`] (default: the
    /// last event time). Events outside the grid or after `end` are ignored.
    public static func fit(_ events: [AnalyticEvent], grid: GridSpec, end: Date? = nil, options: Options = Options())
        throws(AnalyticsError) -> SelfExcitingModel
    {
        try options.validate()
        let data = try SelfExcitingData(events: events, grid: grid, options: options)
        let endDay = end.map(\.daysSinceEpoch) ?? (data.times.last ?? 0)
        let count = data.count(before: endDay, inclusive: true)
        guard count >= 2 else { throw .emptyInput("the forecast needs at least two dated events inside the grid") }
        return data.fit(count: count, end: endDay, warmStart: nil)
    }

    /// Expected number of events per cell in [`from`, `from` + `horizonDays`), given the
    /// events that happened before `from` (usually the same history the model was fitted on).
    public func forecast(history: [AnalyticEvent], from: Date, horizonDays: Double) throws(AnalyticsError) -> [Double] {
        guard horizonDays.isFinite, horizonDays > 0 else {
            throw .invalidField("horizonDays", "must be a positive number of days")
        }
        var sources: [(PlanarPoint, Int, Double)] = []
        let fromDay = from.daysSinceEpoch
        for event in history {
            guard let time = event.time?.daysSinceEpoch, time < fromDay,
                let (ix, iy) = grid.cell(containing: event.position)
            else { continue }
            sources.append((event.position, grid.id(ix: ix, iy: iy), time))
        }
        return SelfExcitingData.forecast(model: self, sources: sources, from: fromDay, horizon: horizonDays)
    }
}
