import MirsadAnalytics

/// The analytics requests are the engine's own Codable types; their documented shapes make
/// the API refuse unknown fields in them as it does in every command.
extension KDERequest: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/analytics/kde")
}

extension GiStarRequest: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/analytics/gistar")
}

extension MoranRequest: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/analytics/moran")
}

extension KnoxRequest: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/analytics/knox")
}

extension SeriesRequest: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/analytics/series")
}

extension ForecastRequest: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/analytics/forecast")
}

/// Lets the routes fill in stored incidents and bound the grid whatever the method.
protocol AnalysisRequest: StrictBody, Sendable {
    var input: AnalysisInput { get set }
    /// The grid's cell size for gridded methods (nil: not gridded).
    var gridCell: Double? { get }
    /// The method uses every category (the forecast's study area), not just `input.category`.
    static var usesAllCategories: Bool { get }
    /// The work the request asks for over `points` points and a grid of `cells` (nil: unbounded
    /// by anything but the point and cell limits).
    func work(points: Int, cells: Int) -> AnalysisWork?
}

extension AnalysisRequest {
    static var usesAllCategories: Bool { false }
    func work(points: Int, cells: Int) -> AnalysisWork? { nil }
}

/// What a request asks the engine to do, in rough operations, and the field that drives it:
/// a request over `AnalysisWork.budget` is refused with a 422 naming that field before any
/// work starts, so one caller cannot occupy an analysis slot for minutes.
struct AnalysisWork {
    /// About a minute of one core on this class of machine.
    static let budget = 50_000_000_000.0
    var operations: Double
    var field: String
    var what: String
}

extension KDERequest: AnalysisRequest {
    var gridCell: Double? { cell ?? 250 }
    /// Each point spreads over the cells within its bandwidth.
    func work(points: Int, cells: Int) -> AnalysisWork? {
        let reach = 2 * bandwidth / (gridCell ?? 250) + 1
        return AnalysisWork(
            operations: Double(points) * reach * reach, field: "bandwidth",
            what: "\(points) points × \(Int(reach * reach)) cells each")
    }
}
extension GiStarRequest: AnalysisRequest {
    var gridCell: Double? { cell ?? 250 }
    func work(points: Int, cells: Int) -> AnalysisWork? {
        AnalysisWork(
            operations: Double(cells) * Double((permutations ?? 0) + 1) * 9, field: "permutations",
            what: "\(cells) cells × \((permutations ?? 0) + 1) permutations")
    }
}
extension MoranRequest: AnalysisRequest {
    var gridCell: Double? { cell ?? 250 }
    func work(points: Int, cells: Int) -> AnalysisWork? {
        AnalysisWork(
            operations: Double(cells) * Double((permutations ?? 0) + 1) * 9, field: "permutations",
            what: "\(cells) cells × \((permutations ?? 0) + 1) permutations")
    }
}
extension KnoxRequest: AnalysisRequest {
    var gridCell: Double? { nil }
    /// Every pair of points, once per permutation.
    func work(points: Int, cells: Int) -> AnalysisWork? {
        let pairs = Double(points) * Double(max(points - 1, 0)) / 2
        return AnalysisWork(
            operations: pairs * Double((permutations ?? 999) + 1) / 64, field: "permutations",
            what: "\(Int(pairs)) pairs × \((permutations ?? 999) + 1) permutations")
    }
}
extension SeriesRequest: AnalysisRequest { var gridCell: Double? { nil } }
extension ForecastRequest: AnalysisRequest {
    var gridCell: Double? { cell ?? 250 }
    static var usesAllCategories: Bool { true }
}
