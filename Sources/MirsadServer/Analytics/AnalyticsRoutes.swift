import Foundation
import HTTPTypes
import Hummingbird
import MirsadAnalytics
import MirsadDomain
import MirsadStore
import NIOCore

/// `POST /v1/analytics/{kde|gistar|moran|knox|series|forecast}`: the pattern engines over
/// inline points or, when `input.points` is absent, over the stored incidents the caller may
/// see. `?format=` picks JSON (default), CSV, GeoJSON, PNG or SVG where the result allows.
struct AnalyticsRoutes {
    let services: AppServices
    let compute: ComputeGate

    /// Largest grid an HTTP request may ask for (the engine allows more, for the CLI).
    static let maximumCells = 2_000_000

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.post("analytics/kde") { request, context in
            try await respond(KDERequest.self, request, context, formats: .grid, AnalyticsService.kde) {
                try gridReply($0.layer, $0, $1)
            }
        }
        group.post("analytics/gistar") { request, context in
            try await respond(GiStarRequest.self, request, context, formats: .grid, AnalyticsService.giStar) {
                try gridReply($0.layer, $0, $1)
            }
        }
        group.post("analytics/moran") { request, context in
            try await respond(MoranRequest.self, request, context, formats: .grid, AnalyticsService.moran) {
                try gridReply($0.layer, $0, $1)
            }
        }
        group.post("analytics/forecast") { request, context in
            try await respond(ForecastRequest.self, request, context, formats: .grid, AnalyticsService.forecast) {
                try gridReply($0.grid.layer, $0, $1)
            }
        }
        group.post("analytics/knox") { request, context in
            try await respond(KnoxRequest.self, request, context, formats: .table, AnalyticsService.knox) {
                response, format in
                format == .csv
                    ? format.response(ResultWriters.knoxCSV(response.table)) : try AnalyticsReply.json(response)
            }
        }
        group.post("analytics/series") { request, context in
            try await respond(SeriesRequest.self, request, context, formats: .series, AnalyticsService.series) {
                response, format in
                switch format {
                case .csv: format.response(ResultWriters.seriesCSV(response.series, events: response.eventPositions))
                case .geojson:
                    format.response(
                        ResultWriters.seriesGeoJSON(response.series, events: response.eventPositions, crs: response.crs)
                    )
                default: try AnalyticsReply.json(response)
                }
            }
        }
    }

    /// Checks the caller, then, holding one of the few analysis slots (the live picture comes
    /// first): decodes strictly, fills in stored incidents, bounds the grid, runs the method
    /// and renders the result, all off the request path.
    private func respond<Body: AnalysisRequest, Output: Sendable>(
        _ type: Body.Type, _ request: Request, _ context: MirsadRequestContext, formats: Set<ResultFormat>,
        _ method: @escaping @Sendable (Body) throws -> Output,
        render: @escaping @Sendable (Output, ResultFormat) throws -> Response
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.runAnalytics)
        let format = try ResultFormat(request, allowed: formats)
        return try await compute.withSlot {
            var body = try await StrictJSON.decode(Body.self, from: request, limit: services.limits.analyticsBody)
            if body.input.points == nil {
                body.input.points = try await storedPoints(
                    body.input, allCategories: Body.usesAllCategories, for: principal)
            }
            let input = body
            // Handlers run as tasks of their own, off the event loops, and are cancelled when
            // the client goes away: an abandoned analysis stops at its next cancellation check.
            do {
                try Self.checkBudget(input)
                try Task.checkCancellation()
                return try render(try method(input), format)
            } catch let error as AnalyticsError {
                throw Problem.analysis(error)
            }
        }
    }

    /// Refuses grids beyond `maximumCells`, and requests whose work exceeds the budget,
    /// before any work is done on them.
    static func checkBudget<Body: AnalysisRequest>(_ body: Body) throws {
        let prepared = try body.input.prepare(keepAllCategories: Body.usesAllCategories)
        var cells = 0
        if let cell = body.gridCell {
            let grid = try GridSpec.covering(prepared.events.map(\.position), cellSize: cell, crs: prepared.crs)
            cells = grid.rows * grid.columns
            guard cells <= maximumCells else {
                throw Problem.invalidField(
                    "cell",
                    "the grid would have \(cells) cells (at most \(maximumCells)): use larger cells or input.bbox")
            }
        }
        if let work = body.work(points: prepared.events.count, cells: cells), work.operations > AnalysisWork.budget {
            throw Problem.invalidField(
                work.field,
                "this analysis is too large (\(work.what)); lower \(work.field), use fewer points or a smaller area")
        }
    }

    private func gridReply<T: Encodable>(_ layer: GridLayer, _ whole: T, _ format: ResultFormat) throws -> Response {
        switch format {
        case .json: return try AnalyticsReply.json(whole)
        case .csv: return format.response(ResultWriters.gridCSV(layer))
        case .geojson: return format.response(ResultWriters.gridGeoJSON(layer))
        case .png: return format.response(try HeatmapRenderer().png(layer))
        case .svg: return format.response(try HeatmapRenderer().svg(layer))
        }
    }

    /// The stored incidents the caller may see, as analysis points (longitude, latitude; the
    /// category is the incident type code).
    private func storedPoints(_ input: AnalysisInput, allCategories: Bool, for principal: Principal) async throws
        -> [InputPoint]
    {
        if let crs = input.crs, crs.uppercased() != "EPSG:4326" {
            throw Problem.invalidField(
                "input.crs", "stored incidents are in EPSG:4326; give points to use another system")
        }
        let policy = AccessPolicy(catalog: try services.catalog())
        let query = IncidentPointQuery(
            types: allCategories ? nil : input.category.map { [$0] }, from: input.from, to: input.to,
            visibleTo: policy.hasOversight(principal.actor) ? nil : principal.sector,
            limit: AnalysisInput.maximumPoints)
        return try await services.store.incidentPoints(query).map {
            InputPoint(
                x: $0.location.lon, y: $0.location.lat, time: $0.createdAt, category: $0.type, id: $0.id.uuidString)
        }
    }
}

extension Problem {
    /// An input the engine refuses is the caller's to fix (422, naming the field); anything
    /// else is ours (500, without detail).
    static func analysis(_ error: AnalyticsError) -> Problem {
        guard error.isClientError else {
            return Problem(status: .internalServerError, code: "internal", title: "Internal error")
        }
        // Engines name points as `points[i]`; in a request they live under `input`.
        let field = error.field.map { $0.hasPrefix("points") ? "input." + $0 : $0 }
        return Problem(
            status: .unprocessableContent, code: "invalid-analysis", title: "The analysis cannot run on this input",
            detail: error.description, field: field)
    }
}

/// What a result can be written as.
enum ResultFormat: String, Sendable, Hashable {
    case json, csv, geojson, png, svg

    init(_ request: Request, allowed: Set<ResultFormat>) throws {
        let text = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard let format = ResultFormat(rawValue: text), allowed.contains(format) else {
            throw Problem.invalidField(
                "format", "must be one of \(allowed.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        self = format
    }

    var contentType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        case .geojson: "application/geo+json"
        case .png: "image/png"
        case .svg: "image/svg+xml"
        }
    }

    func response(_ text: String) -> Response { response(Data(text.utf8)) }

    func response(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Set<ResultFormat> {
    static let grid: Self = [.json, .csv, .geojson, .png, .svg]
    static let table: Self = [.json, .csv]
    static let series: Self = [.json, .csv, .geojson]
}

enum AnalyticsReply {
    /// Undefined statistics (a cell with no variance) are written as the string "NaN": JSON has no NaN.
    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = MirsadJSON.encoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return ResultFormat.json.response(try encoder.encode(value))
    }
}
