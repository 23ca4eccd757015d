import ArgumentParser
import Foundation
import MirsadAnalytics

struct AnalyzeKnoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knox",
        abstract: "Knox / near-repeat table with Monte-Carlo p-values, reproducing the Near Repeat Calculator 1.3.",
        discussion: """
            Writes one row per table cell: distance_band,time_band,observed,expected,knox_ratio,p.
            distance_band 0 is the same location, 1..K the bands, K+1 beyond; time_band 0..K-1 the
            bands, K beyond. Distances are in single precision like NRC unless --double-precision.
            """)

    @OptionGroup var options: AnalyzeInputOptions

    @Option(name: .customLong("distance-band"), help: "Spatial band width in metres.")
    var distanceBand: Double

    @Option(name: .customLong("distance-bands"), help: "Number of spatial bands.")
    var distanceBands: Int

    @Option(name: .customLong("time-band"), help: "Temporal band width in whole days.")
    var timeBand: Int

    @Option(name: .customLong("time-bands"), help: "Number of temporal bands.")
    var timeBands: Int

    @Option(help: "manhattan (NRC default) or euclidean.")
    var metric: String = "manhattan"

    @Option(help: "Monte-Carlo permutations of the dates.")
    var permutations: Int = 999

    @Option(help: "Random seed.")
    var seed: UInt64 = 12345

    @Flag(name: .customLong("double-precision"), help: "Compute distances in double precision (NRC uses single).")
    var doublePrecision = false

    func validate() throws {
        try options.requireFormat([.csv, .json], for: "knox")
    }

    func run() throws {
        try AnalyzeOutput.run {
            let (input, lines) = try options.analysisInput(requireTime: true)
            try AnalyzeOutput.run(lines: lines) {
                let response = try AnalyticsService.knox(
                    KnoxRequest(
                        input: input, distanceBand: distanceBand, distanceBands: distanceBands, timeBand: timeBand,
                        timeBands: timeBands,
                        metric: metric, permutations: permutations, seed: seed, singlePrecision: !doublePrecision))
                let data: Data
                switch try OutputFormat(path: options.out) {
                case .csv: data = Data(ResultWriters.knoxCSV(response.table).utf8)
                case .json: data = try AnalyzeOutput.json(response)
                default: throw AnalyticsError.invalidField("out", "knox writes .csv or .json")
                }
                try AnalyzeOutput.write(data, to: options.out)
                AnalyzeOutput.note(
                    "knox: \(response.events) events, \(response.table.pairCount) pairs, \(permutations) permutations → \(options.out)"
                )
            }
        }
    }
}

struct AnalyzeSeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "Space-time series (ST-DBSCAN) per offence family, flagging emerging ones.")

    @OptionGroup var options: AnalyzeInputOptions

    @Option(help: "Neighbourhood radius in metres.")
    var radius: Double = 400

    @Option(name: .customLong("window-days"), help: "Neighbourhood time window in days.")
    var windowDays: Double = 14

    @Option(name: .customLong("min-members"), help: "Incidents (itself included) that make a core member.")
    var minMembers: Int = 4

    @Option(name: .customLong("emerging-days"), help: "A series whose latest member is this recent is emerging.")
    var emergingDays: Double = 7

    func validate() throws {
        try options.requireFormat([.csv, .geojson, .json], for: "series")
    }

    func run() throws {
        try AnalyzeOutput.run {
            let (input, lines) = try options.analysisInput(requireTime: true)
            try AnalyzeOutput.run(lines: lines) {
                let response = try AnalyticsService.series(
                    SeriesRequest(
                        input: input, spatialRadius: radius, temporalWindowDays: windowDays, minimumMembers: minMembers,
                        emergingWithinDays: emergingDays))
                let data: Data
                switch try OutputFormat(path: options.out) {
                case .csv: data = Data(ResultWriters.seriesCSV(response.series, events: response.eventPositions).utf8)
                case .geojson:
                    data = Data(
                        ResultWriters.seriesGeoJSON(response.series, events: response.eventPositions, crs: response.crs)
                            .utf8)
                case .json: data = try AnalyzeOutput.json(response.series)
                default: throw AnalyticsError.invalidField("out", "series writes .csv, .geojson or .json")
                }
                try AnalyzeOutput.write(data, to: options.out)
                let emerging = response.series.filter(\.isEmerging).count
                AnalyzeOutput.note(
                    "series: \(response.series.count) series (\(emerging) emerging) among \(response.events) events → \(options.out)"
                )
            }
        }
    }
}

struct AnalyzeForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract:
            "Self-exciting (Mohler et al. 2011) risk grid for the next period; optional rolling evaluation (hit rate, PAI, PEI*).",
        discussion: """
            All rows define the study area; --family picks the offence forecast. With --evaluate-weeks N the
            model and the baselines "prior 4 weeks" and "all prior weeks" are scored on the last N weeks.
            """)

    @OptionGroup var options: AnalyzeInputOptions

    @Option(help: "Cell size in metres.")
    var cell: Double = 250

    @Option(name: .customLong("horizon-days"), help: "Forecast period in days.")
    var horizonDays: Double = 7

    @Option(help: "Triggering in space: gaussian or sameCell.")
    var trigger: String = "gaussian"

    @Option(
        name: .customLong("evaluate-weeks"),
        help: "Also run a rolling one-period-ahead evaluation over this many periods.")
    var evaluateWeeks: Int?

    func run() throws {
        try AnalyzeOutput.run {
            let (input, lines) = try options.analysisInput(requireTime: true)
            try AnalyzeOutput.run(lines: lines) {
                let response = try AnalyticsService.forecast(
                    ForecastRequest(
                        input: input, cell: cell, horizonDays: horizonDays, trigger: trigger,
                        evaluatePeriods: evaluateWeeks))
                if try OutputFormat(path: options.out) == .json {
                    try AnalyzeOutput.write(try AnalyzeOutput.json(response), to: options.out)
                } else {
                    try AnalyzeOutput.writeGrid(response.grid, to: options.out)
                }
                let m = response.model
                AnalyzeOutput.note(
                    String(
                        format:
                            "model: θ = %.3f offspring/event, 1/ω = %.1f days, σ = %.0f m, background %.0f%%, %d EM iterations",
                        m.theta, 1 / m.omega, m.sigma, m.backgroundShare * 100, m.iterations))
                if let evaluation = response.evaluation {
                    print("method,coverage,hit_rate,pai,pei_star")
                    for s in evaluation.summaries {
                        print(
                            "\(s.method),\(s.coverage),\(String(format: "%.4f", s.hitRate)),\(String(format: "%.2f", s.pai)),\(String(format: "%.3f", s.peiStar))"
                        )
                    }
                }
            }
        }
    }
}
