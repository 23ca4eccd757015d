import Foundation

/// The engine's one entry point for the HTTP API and the CLI: validates a request, runs the
/// method and returns a Codable response. Every failure is an `AnalyticsError` naming the
/// field at fault (HTTP 400 for `isClientError`). Pure computation, no I/O; safe to call from
/// any task (CPU-heavy: the server should run it off the event loop).
public enum AnalyticsService {
    public static func kde(_ request: KDERequest) throws(AnalyticsError) -> GridResponse {
        let prepared = try request.input.prepare()
        let grid = try makeGrid(prepared, cell: request.cell)
        let kernel = try parse(request.kernel ?? "gaussian", field: "kernel", as: KernelDensity.Kernel.self)
        let points = prepared.events.map(\.position)
        let values = try KernelDensity.estimate(
            points, grid: grid, options: .init(kernel: kernel, bandwidth: request.bandwidth))
        let layer = GridLayer(
            grid: grid,
            measure: "\(kernel.rawValue) density, events per km² (h = \(ResultWriters.format(request.bandwidth)) m)",
            counts: grid.counts(of: points), values: values, scale: .sequential)
        return GridResponse(
            method: "kde", layer: layer, events: points.count, outsideBoundingBox: prepared.outsideBoundingBox,
            summary: ["maxDensity": values.max() ?? 0, "bandwidth": request.bandwidth])
    }

    public static func giStar(_ request: GiStarRequest) throws(AnalyticsError) -> GridResponse {
        let prepared = try request.input.prepare()
        let grid = try makeGrid(prepared, cell: request.cell)
        let contiguity = try parse(
            request.contiguity ?? "queen", field: "contiguity", as: LatticeWeights.Contiguity.self)
        let counts = grid.counts(of: prepared.events.map(\.position))
        let result = try GetisOrd.giStar(
            values: counts.map(Double.init), rows: grid.rows, columns: grid.columns,
            options: .init(contiguity: contiguity, permutations: request.permutations ?? 0, seed: request.seed ?? 12345)
        )
        let layer = GridLayer(
            grid: grid, measure: "Gi* z-score (\(contiguity.rawValue), binary, self included)", counts: counts,
            values: result.z, pValues: result.pValues, extras: ["g": result.g], scale: .diverging)
        return GridResponse(
            method: "gistar", layer: layer, events: prepared.events.count,
            outsideBoundingBox: prepared.outsideBoundingBox,
            summary: [
                "maxZ": result.z.max() ?? 0, "minZ": result.z.min() ?? 0,
                "cellsAbove1.96": Double(result.z.filter { $0 > 1.96 }.count),
            ])
    }

    public static func moran(_ request: MoranRequest) throws(AnalyticsError) -> GridResponse {
        let prepared = try request.input.prepare()
        let grid = try makeGrid(prepared, cell: request.cell)
        let contiguity = try parse(
            request.contiguity ?? "queen", field: "contiguity", as: LatticeWeights.Contiguity.self)
        let transformation = try parse(
            request.transformation ?? "r", field: "transformation", as: LocalMoran.Transformation.self)
        let counts = grid.counts(of: prepared.events.map(\.position))
        let result = try LocalMoran.compute(
            values: counts.map(Double.init), rows: grid.rows, columns: grid.columns,
            options: .init(
                contiguity: contiguity, transformation: transformation, permutations: request.permutations ?? 0,
                seed: request.seed ?? 12345))
        let layer = GridLayer(
            grid: grid,
            measure:
                "local Moran's I (\(contiguity.rawValue), \(transformation == .rowStandardized ? "row-standardised" : "binary"))",
            counts: counts, values: result.i, pValues: result.pValues,
            extras: ["z": result.z, "quadrant": result.quadrant.map(Double.init)], scale: .diverging)
        let highHigh = result.quadrant.indices.filter {
            result.quadrant[$0] == 1 && (result.pValues?[$0] ?? 0) <= 0.05 && result.z[$0] > 1.96
        }.count
        return GridResponse(
            method: "moran", layer: layer, events: prepared.events.count,
            outsideBoundingBox: prepared.outsideBoundingBox,
            summary: ["maxI": result.i.max() ?? 0, "significantHighHigh": Double(highHigh)])
    }

    public static func knox(_ request: KnoxRequest) throws(AnalyticsError) -> KnoxResponse {
        let prepared = try request.input.prepare()
        let metric = try parse(request.metric ?? "manhattan", field: "metric", as: KnoxTest.Metric.self)
        let options = KnoxTest.Options(
            distanceBand: request.distanceBand, distanceBands: request.distanceBands, timeBand: request.timeBand,
            timeBands: request.timeBands, metric: metric, permutations: request.permutations ?? 999,
            seed: request.seed ?? 12345,
            singlePrecision: request.singlePrecision ?? true)
        let table = try KnoxTest.analyze(prepared.events, options: options)
        return KnoxResponse(
            table: table, events: prepared.events.count, outsideBoundingBox: prepared.outsideBoundingBox)
    }

    public static func series(_ request: SeriesRequest) throws(AnalyticsError) -> SeriesResponse {
        let prepared = try request.input.prepare()
        var options = SeriesDetector.Options()
        if let value = request.spatialRadius { options.spatialRadius = value }
        if let value = request.temporalWindowDays { options.temporalWindow = value }
        if let value = request.minimumMembers { options.minimumMembers = value }
        if let value = request.emergingWithinDays { options.emergingWithin = value }
        let found = try SeriesDetector.detect(prepared.events, options: options, reference: request.reference)
        return SeriesResponse(
            series: found, events: prepared.events.count, outsideBoundingBox: prepared.outsideBoundingBox,
            eventPositions: prepared.events, crs: prepared.crs)
    }

    public static func forecast(_ request: ForecastRequest) throws(AnalyticsError) -> ForecastResponse {
        let everything = try request.input.prepare(keepAllCategories: true)
        let grid = try makeGrid(everything, cell: request.cell)
        let family =
            request.input.category.map { category in everything.events.filter { $0.category == category } }
            ?? everything.events
        guard !family.isEmpty else { throw .emptyInput("no points of category '\(request.input.category ?? "")'") }
        let trigger = try parse(
            request.trigger ?? "gaussian", field: "trigger", as: SelfExcitingModel.SpatialTrigger.self)
        let horizon = request.horizonDays ?? 7
        guard horizon.isFinite, horizon > 0, horizon <= 366 else {
            throw .invalidField("horizonDays", "must be in (0, 366]")
        }
        let latest = family.compactMap(\.time).max() ?? Date(timeIntervalSince1970: 0)
        let from = request.from ?? Date(timeIntervalSince1970: (latest.daysSinceEpoch.rounded(.down) + 1) * 86_400)
        let options = SelfExcitingModel.Options(trigger: trigger)
        let history = family.filter { ($0.time ?? from) < from }
        let model = try SelfExcitingModel.fit(history, grid: grid, end: from, options: options)
        let risk = try model.forecast(history: history, from: from, horizonDays: horizon)
        var evaluation: RollingEvaluation.Report?
        if let periods = request.evaluatePeriods {
            let area = Set(
                everything.events.compactMap {
                    grid.cell(containing: $0.position).map { grid.id(ix: $0.ix, iy: $0.iy) }
                }
            ).sorted()
            evaluation = try RollingEvaluation.run(
                history, grid: grid, area: area,
                options: .init(weeks: periods, horizonDays: horizon, model: options))
        }
        let counts = grid.counts(of: history.map(\.position))
        let layer = GridLayer(
            grid: grid, measure: "expected events in \(ResultWriters.format(horizon)) days (self-exciting)",
            counts: counts, values: risk, scale: .sequential)
        let response = GridResponse(
            method: "forecast", layer: layer, events: history.count, outsideBoundingBox: everything.outsideBoundingBox,
            summary: [
                "theta": model.theta, "omega": model.omega, "sigma": model.sigma,
                "expectedTotal": risk.reduce(0, +), "backgroundShare": model.backgroundShare,
            ])
        return ForecastResponse(grid: response, model: model, from: from, horizonDays: horizon, evaluation: evaluation)
    }

    /// Grids cover the events with origin floor(min/cell)·cell.
    static func makeGrid(_ prepared: PreparedEvents, cell: Double?) throws(AnalyticsError) -> GridSpec {
        try GridSpec.covering(prepared.events.map(\.position), cellSize: cell ?? 250, crs: prepared.crs)
    }

    static func parse<T: RawRepresentable & CaseIterable>(_ text: String, field: String, as type: T.Type)
        throws(AnalyticsError) -> T where T.RawValue == String
    {
        if let value = T(rawValue: text) { return value }
        if let value = T.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) {
            return value
        }
        throw .invalidField(field, "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}

/// Output formats of `mirsad analyze --out FILE.ext` and of rendered responses.
public enum OutputFormat: String, Sendable, CaseIterable {
    case csv, geojson, png, svg, json

    /// The format named by a file's extension.
    public init(path: String) throws(AnalyticsError) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = OutputFormat(rawValue: ext) else {
            throw .invalidField("out", "unsupported extension '.\(ext)'; use .csv, .geojson, .png, .svg or .json")
        }
        self = format
    }
}
