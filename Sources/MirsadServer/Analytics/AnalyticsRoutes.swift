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

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.post("analytics/kde") { request, context in
            try await run(KDERequest.self, request, context, formats: .grid, AnalyticsService.kde)
                .reply(request, grid: \.layer)
        }
        group.post("analytics/gistar") { request, context in
            try await run(GiStarRequest.self, request, context, formats: .grid, AnalyticsService.giStar)
                .reply(request, grid: \.layer)
        }
        group.post("analytics/moran") { request, context in
            try await run(MoranRequest.self, request, context, formats: .grid, AnalyticsService.moran)
                .reply(request, grid: \.layer)
        }
        group.post("analytics/forecast") { request, context in
            try await run(ForecastRequest.self, request, context, formats: .grid, AnalyticsService.forecast)
                .reply(request, grid: \.grid.layer)
        }
        group.post("analytics/knox") { request, context in
            let format = try ResultFormat(request, allowed: .table)
            let response = try await run(KnoxRequest.self, request, context, formats: .table, AnalyticsService.knox)
            if format == .csv { return try ResultFormat.csv.response(ResultWriters.knoxCSV(response.table)) }
            return try AnalyticsReply.json(response)
        }
        group.post("analytics/series") { request, context in
            let format = try ResultFormat(request, allowed: .series)
            let response = try await run(SeriesRequest.self, request, context, formats: .series, AnalyticsService.series)
            switch format {
            case .csv: return try format.response(ResultWriters.seriesCSV(response.series, events: response.eventPositions))
            case .geojson:
                return try format.response(ResultWriters.seriesGeoJSON(response.series, events: response.eventPositions, crs: response.crs))
            default: return try AnalyticsReply.json(response)
            }
        }
    }

    /// Checks the caller, decodes strictly, fills in stored incidents and runs the method
    /// off the request path (at most a few at once: the live picture comes first).
    private func run<Body: AnalysisRequest, Output: Sendable>(
        _ type: Body.Type, _ request: Request, _ context: MirsadRequestContext, formats: Set<ResultFormat>,
        _ method: @escaping @Sendable (Body) throws -> Output
    ) async throws -> Output {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.runAnalytics)
        _ = try ResultFormat(request, allowed: formats)
        var body = try await StrictJSON.decode(Body.self, from: request, limit: services.limits.analyticsBody)
        if body.input.points == nil { body.input.points = try await storedPoints(body.input, for: principal) }
        let input = body
        return try await compute.run {
            do {
                return try method(input)
            } catch let error as AnalyticsError {
                throw Problem.analysis(error)
            }
        }
    }

    /// The stored incidents the caller may see, as analysis points (longitude, latitude; the
    /// category is the incident type code).
    private func storedPoints(_ input: AnalysisInput, for principal: Principal) async throws -> [InputPoint] {
        if let crs = input.crs, crs.uppercased() != "EPSG:4326" {
            throw Problem.invalidField("input.crs", "stored incidents are in EPSG:4326; give points to use another system")
        }
        let policy = AccessPolicy(catalog: try services.catalog())
        let query = IncidentPointQuery(
            from: input.from, to: input.to,
            visibleTo: policy.hasOversight(principal.actor) ? nil : principal.sector,
            limit: AnalysisInput.maximumPoints)
        return try await services.store.incidentPoints(query).map {
            InputPoint(x: $0.location.lon, y: $0.location.lat, time: $0.createdAt, category: $0.type, id: $0.id.uuidString)
        }
    }
}

extension Problem {
    /// An input the engine refuses is the caller's to fix (422, naming the field); anything
    /// else is ours (500, without detail).
    static func analysis(_ error: AnalyticsError) -> Problem {
        guard error.isClientError else { return Problem(status: .internalServerError, code: "internal", title: "Internal error") }
        // Engines name points as `points[i]`; in a request they live under `input`.
        let field = error.field.map { $0.hasPrefix("points") ? "input." + $0 : $0 }
        return Problem(status: .unprocessableContent, code: "invalid-analysis", title: "The analysis cannot run on this input",
                       detail: error.description, field: field)
    }
}

/// What a result can be written as.
enum ResultFormat: String, Sendable, Hashable {
    case json, csv, geojson, png, svg

    init(_ request: Request, allowed: Set<ResultFormat>) throws {
        let text = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard let format = ResultFormat(rawValue: text), allowed.contains(format) else {
            throw Problem.invalidField("format", "must be one of \(allowed.map(\.rawValue).sorted().joined(separator: ", "))")
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

    func response(_ text: String) throws -> Response { response(Data(text.utf8)) }

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

extension Encodable where Self: Sendable {
    /// A grid result in the format the request asks for.
    func reply(_ request: Request, grid layer: KeyPath<Self, GridLayer>) throws -> Response {
        let format = try ResultFormat(request, allowed: .grid)
        let grid = self[keyPath: layer]
        do {
            switch format {
            case .json: return try AnalyticsReply.json(self)
            case .csv: return try format.response(ResultWriters.gridCSV(grid))
            case .geojson: return try format.response(ResultWriters.gridGeoJSON(grid))
            case .png: return format.response(try HeatmapRenderer().png(grid))
            case .svg: return try format.response(try HeatmapRenderer().svg(grid))
            }
        } catch let error as AnalyticsError {
            throw Problem.analysis(error)
        }
    }
}
