import Foundation

/// `POST /v1/analytics/kde`: kernel density on a grid.
public struct KDERequest: Codable, Sendable, Equatable {
    public var input: AnalysisInput
    /// Cell size in metres (default 250).
    public var cell: Double?
    /// Bandwidth in metres.
    public var bandwidth: Double
    /// `gaussian` (default) or `quartic`.
    public var kernel: String?

    public init(input: AnalysisInput, cell: Double? = nil, bandwidth: Double, kernel: String? = nil) {
        self.input = input
        self.cell = cell
        self.bandwidth = bandwidth
        self.kernel = kernel
    }
}

/// `POST /v1/analytics/gistar`: Getis-Ord Gi* on event counts per cell.
public struct GiStarRequest: Codable, Sendable, Equatable {
    public var input: AnalysisInput
    public var cell: Double?
    /// `queen` (default) or `rook`.
    public var contiguity: String?
    /// 0 (default) for analytic z only.
    public var permutations: Int?
    public var seed: UInt64?

    public init(
        input: AnalysisInput, cell: Double? = nil, contiguity: String? = nil, permutations: Int? = nil,
        seed: UInt64? = nil
    ) {
        self.input = input
        self.cell = cell
        self.contiguity = contiguity
        self.permutations = permutations
        self.seed = seed
    }
}

/// `POST /v1/analytics/moran`: local Moran's I on event counts per cell.
public struct MoranRequest: Codable, Sendable, Equatable {
    public var input: AnalysisInput
    public var cell: Double?
    public var contiguity: String?
    /// `r` row-standardised (default) or `b` binary.
    public var transformation: String?
    public var permutations: Int?
    public var seed: UInt64?

    public init(
        input: AnalysisInput, cell: Double? = nil, contiguity: String? = nil, transformation: String? = nil,
        permutations: Int? = nil, seed: UInt64? = nil
    ) {
        self.input = input
        self.cell = cell
        self.contiguity = contiguity
        self.transformation = transformation
        self.permutations = permutations
        self.seed = seed
    }
}

/// `POST /v1/analytics/knox`: Knox / near-repeat table.
public struct KnoxRequest: Codable, Sendable, Equatable {
    public var input: AnalysisInput
    public var distanceBand: Double
    public var distanceBands: Int
    public var timeBand: Int
    public var timeBands: Int
    /// `manhattan` (default, as NRC) or `euclidean`.
    public var metric: String?
    /// Default 999.
    public var permutations: Int?
    public var seed: UInt64?
    /// Single-precision coordinates as NRC 1.3 (default true).
    public var singlePrecision: Bool?

    public init(
        input: AnalysisInput, distanceBand: Double, distanceBands: Int, timeBand: Int, timeBands: Int,
        metric: String? = nil,
        permutations: Int? = nil, seed: UInt64? = nil, singlePrecision: Bool? = nil
    ) {
        self.input = input
        self.distanceBand = distanceBand
        self.distanceBands = distanceBands
        self.timeBand = timeBand
        self.timeBands = timeBands
        self.metric = metric
        self.permutations = permutations
        self.seed = seed
        self.singlePrecision = singlePrecision
    }
}

/// `POST /v1/analytics/series`: ST-DBSCAN series detection.
public struct SeriesRequest: Codable, Sendable, Equatable {
    public var input: AnalysisInput
    public var spatialRadius: Double?
    public var temporalWindowDays: Double?
    public var minimumMembers: Int?
    public var emergingWithinDays: Double?
    /// "Now" for the emerging test; default the latest event.
    public var reference: Date?

    public init(
        input: AnalysisInput, spatialRadius: Double? = nil, temporalWindowDays: Double? = nil,
        minimumMembers: Int? = nil,
        emergingWithinDays: Double? = nil, reference: Date? = nil
    ) {
        self.input = input
        self.spatialRadius = spatialRadius
        self.temporalWindowDays = temporalWindowDays
        self.minimumMembers = minimumMembers
        self.emergingWithinDays = emergingWithinDays
        self.reference = reference
    }
}

/// `POST /v1/analytics/forecast`: self-exciting risk grid for the next period, optionally
/// with a rolling evaluation against the count baselines. `input.category` selects the family
/// forecast; all input points (any category) define the study area.
public struct ForecastRequest: Codable, Sendable, Equatable {
    public var input: AnalysisInput
    public var cell: Double?
    /// Forecast period length in days (default 7).
    public var horizonDays: Double?
    /// Start of the forecast period; default midnight UTC after the last event.
    public var from: Date?
    /// `gaussian` (default) or `sameCell`.
    public var trigger: String?
    /// When set, also run a rolling evaluation over this many past periods.
    public var evaluatePeriods: Int?

    public init(
        input: AnalysisInput, cell: Double? = nil, horizonDays: Double? = nil, from: Date? = nil,
        trigger: String? = nil,
        evaluatePeriods: Int? = nil
    ) {
        self.input = input
        self.cell = cell
        self.horizonDays = horizonDays
        self.from = from
        self.trigger = trigger
        self.evaluatePeriods = evaluatePeriods
    }
}
