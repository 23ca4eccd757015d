import Foundation
import MirsadAnalytics
import MirsadGeodesy
import Testing

@Suite("HTTP-ready service")
struct ServiceTests {
    static let points: [InputPoint] = (0..<60).map { k in
        let hot = k < 40
        return InputPoint(
            x: -95.37 + (hot ? Double(k % 5) * 0.0004 : Double(k) * 0.003),
            y: 29.76 + (hot ? Double(k / 5) * 0.0004 : Double(k % 7) * 0.004),
            time: Date(timeIntervalSince1970: 1_262_304_000 + Double(k) * 43_200),
            category: k % 3 == 0 ? "robbery" : "burglary", id: "i\(k)")
    }

    @Test("a JSON request decodes, runs and names the projection it chose")
    func decodesAndRuns() throws {
        let json = """
            {"input": {"crs": "EPSG:4326", "category": "burglary", "points": [
              {"x": -95.37, "y": 29.76, "time": "2010-01-02T03:00:00Z", "category": "burglary"},
              {"x": -95.371, "y": 29.761, "time": "2010-01-03T03:00:00Z", "category": "burglary"},
              {"x": -95.36, "y": 29.77, "time": "2010-01-04T03:00:00Z", "category": "robbery"}]},
             "cell": 100, "bandwidth": 150}
            """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let request = try decoder.decode(KDERequest.self, from: Data(json.utf8))
        let response = try AnalyticsService.kde(request)
        #expect(response.events == 2)
        #expect(response.layer.grid.crs == .utm(try UTMZone(parsing: "15N")))
        #expect(response.layer.counts.reduce(0, +) == 2)
        let encoded = try JSONEncoder().encode(response)
        #expect(try JSONDecoder().decode(GridResponse.self, from: encoded) == response)
    }

    @Test("every method runs through the service on the same input")
    func allMethods() throws {
        let input = AnalysisInput(points: Self.points)
        let gi = try AnalyticsService.giStar(.init(input: input, cell: 100, permutations: 99))
        #expect(gi.layer.pValues != nil && (gi.summary["maxZ"] ?? 0) > 1.96)
        let moran = try AnalyticsService.moran(.init(input: input, cell: 100))
        #expect(moran.layer.extras["quadrant"]?.count == moran.layer.grid.cellCount)
        let knox = try AnalyticsService.knox(
            .init(input: input, distanceBand: 50, distanceBands: 2, timeBand: 2, timeBands: 2, permutations: 19))
        #expect(knox.table.cells.count == 4 * 3 && knox.events == 60)
        let series = try AnalyticsService.series(
            .init(
                input: AnalysisInput(points: Self.points, category: "burglary"), spatialRadius: 100,
                temporalWindowDays: 3, minimumMembers: 3))
        #expect(!series.series.isEmpty && series.series.allSatisfy { $0.category == "burglary" })
        let forecast = try AnalyticsService.forecast(
            .init(input: AnalysisInput(points: Self.points, category: "burglary"), cell: 100))
        #expect(forecast.grid.events == 40)
        #expect(forecast.grid.layer.values.reduce(0, +) > 0)
        #expect(forecast.from == Date(timeIntervalSince1970: 1_262_304_000 + 30 * 86_400))
    }

    @Test(
        "bad requests throw errors naming the field",
        arguments: [
            (KDERequest(input: AnalysisInput(points: points), bandwidth: 100, kernel: "triangular"), "kernel"),
            (KDERequest(input: AnalysisInput(points: points, crs: "WGS84"), bandwidth: 100), "input.crs"),
            (KDERequest(input: AnalysisInput(points: points, project: "utm:99N"), bandwidth: 100), "input.project"),
            (KDERequest(input: AnalysisInput(points: points, bbox: [1, 2, 3]), bandwidth: 100), "input.bbox"),
            (KDERequest(input: AnalysisInput(points: nil), bandwidth: 100), "input.points"),
            (KDERequest(input: AnalysisInput(points: [InputPoint(x: 10, y: 95)]), bandwidth: 100), "input.points[0]"),
            (KDERequest(input: AnalysisInput(points: points), cell: -5, bandwidth: 100), "cell"),
            (KDERequest(input: AnalysisInput(points: points), cell: 0.01, bandwidth: 100), "cell"),
            (KDERequest(input: AnalysisInput(points: points), bandwidth: .nan), "bandwidth"),
        ])
    func rejects(request: KDERequest, field: String) {
        do {
            _ = try AnalyticsService.kde(request)
            Issue.record("expected an error for \(field)")
        } catch {
            #expect(error.field == field, "\(error)")
            #expect(error.isClientError)
        }
    }

    @Test("an unknown category is an empty selection, and invalid points can be skipped")
    func selections() throws {
        #expect(throws: AnalyticsError.emptyInput("no points of category 'arson' in the selection")) {
            try AnalyticsService.giStar(.init(input: AnalysisInput(points: Self.points, category: "arson")))
        }
        let withBad = Self.points + [InputPoint(x: -95.37, y: 123)]
        let response = try AnalyticsService.giStar(
            .init(input: AnalysisInput(points: withBad, skipInvalidPoints: true), cell: 100))
        #expect(response.events == 60)
        #expect(try OutputFormat(path: "out/heat.PNG") == .png)
        #expect(throws: AnalyticsError.self) { try OutputFormat(path: "heat.tiff") }
    }
}
