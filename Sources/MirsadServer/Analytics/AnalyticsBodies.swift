import MirsadAnalytics

/// The analytics requests are the engine's own Codable types; these shapes make the API
/// refuse unknown fields in them as it does in every command.
extension JSONShape {
    static let analysisInput = JSONShape.object([
        "points": .array(.object(["x": .value, "y": .value, "time": .value, "category": .value, "id": .value])),
        "crs": .value, "project": .value, "bbox": .array(.value), "category": .value, "from": .value, "to": .value,
        "skipInvalidPoints": .value,
    ])
}

extension KDERequest: StrictBody {
    public static let shape = JSONShape.object([
        "input": .analysisInput, "cell": .value, "bandwidth": .value, "kernel": .value,
    ])
}

extension GiStarRequest: StrictBody {
    public static let shape = JSONShape.object([
        "input": .analysisInput, "cell": .value, "contiguity": .value, "permutations": .value, "seed": .value,
    ])
}

extension MoranRequest: StrictBody {
    public static let shape = JSONShape.object([
        "input": .analysisInput, "cell": .value, "contiguity": .value, "transformation": .value,
        "permutations": .value, "seed": .value,
    ])
}

extension KnoxRequest: StrictBody {
    public static let shape = JSONShape.object([
        "input": .analysisInput, "distanceBand": .value, "distanceBands": .value, "timeBand": .value,
        "timeBands": .value, "metric": .value, "permutations": .value, "seed": .value, "singlePrecision": .value,
    ])
}

extension SeriesRequest: StrictBody {
    public static let shape = JSONShape.object([
        "input": .analysisInput, "spatialRadius": .value, "temporalWindowDays": .value, "minimumMembers": .value,
        "emergingWithinDays": .value, "reference": .value,
    ])
}

extension ForecastRequest: StrictBody {
    public static let shape = JSONShape.object([
        "input": .analysisInput, "cell": .value, "horizonDays": .value, "from": .value, "trigger": .value,
        "evaluatePeriods": .value,
    ])
}

/// Lets the routes fill in stored incidents and bound the grid whatever the method.
protocol AnalysisRequest: StrictBody, Sendable {
    var input: AnalysisInput { get set }
    /// The grid's cell size for gridded methods (nil: not gridded).
    var gridCell: Double? { get }
    /// The method uses every category (the forecast's study area), not just `input.category`.
    static var usesAllCategories: Bool { get }
}

extension AnalysisRequest {
    static var usesAllCategories: Bool { false }
}

extension KDERequest: AnalysisRequest { var gridCell: Double? { cell ?? 250 } }
extension GiStarRequest: AnalysisRequest { var gridCell: Double? { cell ?? 250 } }
extension MoranRequest: AnalysisRequest { var gridCell: Double? { cell ?? 250 } }
extension KnoxRequest: AnalysisRequest { var gridCell: Double? { nil } }
extension SeriesRequest: AnalysisRequest { var gridCell: Double? { nil } }
extension ForecastRequest: AnalysisRequest {
    var gridCell: Double? { cell ?? 250 }
    static var usesAllCategories: Bool { true }
}
