import ArgumentParser
import Foundation
import MirsadAnalytics

/// `mirsad analyze kde|gistar|moran|knox|series|forecast`: crime-pattern analytics on a CSV
/// file, writing CSV, GeoJSON, PNG, SVG or JSON by the extension of `--out`.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Crime-pattern analytics: hot spots, near repeats, series and forecasts from a CSV of incidents.",
        discussion: """
            Examples:
              mirsad analyze gistar --input houston.csv --x lon --y lat --project utm:15N --cell 250 \\
                --bbox -95.9,29.5,-95.0,30.2 --skip-bad-rows --out gistar.csv
              mirsad analyze knox --input arson.csv --no-header --columns x,y,date --x x --y y --time date \\
                --crs EPSG:26971 --distance-band 200 --distance-bands 3 --time-band 1 --time-bands 3 --out knox.csv
            """,
        subcommands: [
            AnalyzeKDECommand.self, AnalyzeGiStarCommand.self, AnalyzeMoranCommand.self,
            AnalyzeKnoxCommand.self, AnalyzeSeriesCommand.self, AnalyzeForecastCommand.self,
        ])
}

/// Options every analysis shares: where the incidents are and how to read them.
struct AnalyzeInputOptions: ParsableArguments {
    @Option(name: .long, help: "CSV file of incidents.")
    var input: String

    @Option(
        name: .customLong("x"),
        help:
            "Column of x (longitude for EPSG:4326, easting otherwise): a header name, a --columns name or a 1-based number."
    )
    var xColumn: String

    @Option(name: .customLong("y"), help: "Column of y (latitude for EPSG:4326, northing otherwise).")
    var yColumn: String

    @Option(
        name: .customLong("time"),
        help: "Column of the date or date-time (2016-01-31, 2016-01-31 13:05:00, 1/31/2016, ISO 8601).")
    var timeColumn: String?

    @Option(name: .customLong("category"), help: "Column of the offence family.")
    var categoryColumn: String?

    @Option(name: .long, help: "Keep only rows whose category column equals this value.")
    var family: String?

    @Option(name: .long, help: "Coordinate system of x/y: EPSG:4326 (default) or EPSG:NNNNN.")
    var crs: String = "EPSG:4326"

    @Option(name: .long, help: "Project to a UTM zone, e.g. utm:15N (default: the zone of the data for EPSG:4326).")
    var project: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: "Keep only points inside minx,miny,maxx,maxy (input coordinates; negative values are fine).")
    var bbox: String?

    @Flag(name: .customLong("no-header"), help: "The file has no header row.")
    var noHeader = false

    @Option(name: .long, help: "Names for the columns of a header-less file, e.g. x,y,date.")
    var columns: String?

    @Flag(
        name: .customLong("skip-bad-rows"),
        help: "Skip malformed rows (and say how many) instead of stopping at the first.")
    var skipBadRows = false

    @Option(name: .long, help: "Output file: .csv, .geojson, .png, .svg or .json.")
    var out: String

    /// Rejects an unsupported output extension before any work is done.
    func validate() throws {
        do {
            _ = try OutputFormat(path: out)
        } catch {
            throw ValidationError(error.description)
        }
        if let bbox {
            do {
                _ = try BoundingBox(parsing: bbox)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    /// Checks that the output format is one a command can write.
    func requireFormat(_ allowed: [OutputFormat], for command: String) throws {
        let format = try OutputFormat(path: out)
        guard allowed.contains(format) else {
            throw ValidationError(
                "\(command) writes \(allowed.map { "." + $0.rawValue }.joined(separator: ", ")), not .\(format.rawValue)"
            )
        }
    }

    /// Reads the CSV and turns it into the engine's input, reporting skipped rows on stderr.
    func analysisInput(requireTime: Bool) throws -> (AnalysisInput, [Int]) {
        if requireTime, timeColumn == nil {
            throw ValidationError("this analysis needs dates: pass --time COLUMN")
        }
        if family != nil, categoryColumn == nil {
            throw ValidationError("--family needs --category COLUMN")
        }
        let names = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let reader = EventCSVReader(
            options: .init(
                xColumn: xColumn, yColumn: yColumn, timeColumn: timeColumn, categoryColumn: categoryColumn,
                hasHeader: !noHeader, columnNames: names, skipBadRows: skipBadRows))
        let table = try reader.read(contentsOf: URL(fileURLWithPath: input))
        if table.skippedCount > 0 {
            let first = table.skippedSamples.first.map { " (first: line \($0.line): \($0.reason))" } ?? ""
            AnalyzeOutput.note(
                "skipped \(table.skippedCount) malformed row\(table.skippedCount == 1 ? "" : "s")\(first)")
        }
        var bboxValues: [Double]?
        if let bbox {
            let box = try BoundingBox(parsing: bbox)
            bboxValues = [box.minX, box.minY, box.maxX, box.maxY]
        }
        let points = table.rows.map {
            InputPoint(x: $0.x, y: $0.y, time: $0.time, category: $0.category, id: "line \($0.line)")
        }
        let analysis = AnalysisInput(
            points: points, crs: crs, project: project, bbox: bboxValues, category: family,
            skipInvalidPoints: skipBadRows)
        return (analysis, table.rows.map(\.line))
    }
}

/// Writing results and reporting errors the same way in every subcommand.
enum AnalyzeOutput {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("mirsad analyze: \(message)\n".utf8))
    }

    /// Runs an analysis, turning engine errors into a one-line message and exit status 1.
    static func run(lines: [Int] = [], _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as AnalyticsError {
            note("error: \(describe(error, lines: lines))")
            throw ExitCode.failure
        }
    }

    /// Names CSV lines instead of point indices in errors.
    static func describe(_ error: AnalyticsError, lines: [Int]) -> String {
        if case .invalidField(let field, let reason) = error, field.hasPrefix("input.points["),
            let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 13)..<close]), index < lines.count
        {
            return "line \(lines[index]): \(reason)"
        }
        return error.description
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AnalyticsError.io("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Writes a grid response in the format named by the path.
    static func writeGrid(_ response: GridResponse, to path: String) throws {
        let data: Data
        switch try OutputFormat(path: path) {
        case .csv: data = Data(ResultWriters.gridCSV(response.layer).utf8)
        case .geojson: data = Data(ResultWriters.gridGeoJSON(response.layer).utf8)
        case .png: data = try HeatmapRenderer().png(response.layer)
        case .svg: data = Data(try HeatmapRenderer().svg(response.layer).utf8)
        case .json: data = try json(response)
        }
        try write(data, to: path)
        let grid = response.layer.grid
        note(
            "\(response.method): \(response.events) events, \(grid.columns)×\(grid.rows) cells of \(ResultWriters.format(grid.cellSize)) m → \(path)"
        )
        if grid.cellCount > 2_000_000 {
            note("hint: \(grid.cellCount) cells — outlying points stretch the grid; --bbox keeps the study area")
        }
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try encoder.encode(value)
        } catch {
            throw AnalyticsError.io("cannot encode JSON: \(error)")
        }
    }
}
