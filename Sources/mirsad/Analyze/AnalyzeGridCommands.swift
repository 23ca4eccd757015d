import ArgumentParser
import Foundation
import MirsadAnalytics

struct AnalyzeKDECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kde",
        abstract: "Kernel density (Gaussian or quartic, fixed bandwidth) within 1e-3 of the exact sum.")

    @OptionGroup var options: AnalyzeInputOptions

    @Option(help: "Cell size in metres.")
    var cell: Double = 250

    @Option(help: "Bandwidth in metres (Gaussian standard deviation, quartic radius).")
    var bandwidth: Double = 300

    @Option(help: "gaussian or quartic.")
    var kernel: String = "gaussian"

    func run() throws {
        try AnalyzeOutput.run {
            let (input, lines) = try options.analysisInput(requireTime: false)
            try AnalyzeOutput.run(lines: lines) {
                let response = try AnalyticsService.kde(
                    KDERequest(input: input, cell: cell, bandwidth: bandwidth, kernel: kernel))
                try AnalyzeOutput.writeGrid(response, to: options.out)
            }
        }
    }
}

struct AnalyzeGiStarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gistar",
        abstract: "Getis-Ord Gi* hot spots on counts per cell (as PySAL esda G_Local, star=True).")

    @OptionGroup var options: AnalyzeInputOptions

    @Option(help: "Cell size in metres.")
    var cell: Double = 250

    @Option(help: "queen or rook contiguity (the cell itself is always included).")
    var contiguity: String = "queen"

    @Option(help: "Conditional permutations for pseudo p-values (0 = analytic z only).")
    var permutations: Int = 0

    @Option(help: "Random seed for the permutations.")
    var seed: UInt64 = 12345

    func run() throws {
        try AnalyzeOutput.run {
            let (input, lines) = try options.analysisInput(requireTime: false)
            try AnalyzeOutput.run(lines: lines) {
                let response = try AnalyticsService.giStar(
                    GiStarRequest(
                        input: input, cell: cell, contiguity: contiguity, permutations: permutations, seed: seed))
                try AnalyzeOutput.writeGrid(response, to: options.out)
                AnalyzeOutput.note(
                    "max z \(String(format: "%.3f", response.summary["maxZ"] ?? 0)), \(Int(response.summary["cellsAbove1.96"] ?? 0)) cells with z > 1.96"
                )
            }
        }
    }
}

struct AnalyzeMoranCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moran",
        abstract:
            "Local Moran's I on counts per cell (as PySAL esda Moran_Local); extras z and quadrant in GeoJSON/JSON.")

    @OptionGroup var options: AnalyzeInputOptions

    @Option(help: "Cell size in metres.")
    var cell: Double = 250

    @Option(help: "queen or rook contiguity.")
    var contiguity: String = "queen"

    @Option(help: "r (row-standardised) or b (binary) weights.")
    var transformation: String = "r"

    @Option(help: "Conditional permutations for pseudo p-values (0 = none).")
    var permutations: Int = 999

    @Option(help: "Random seed for the permutations.")
    var seed: UInt64 = 12345

    func run() throws {
        try AnalyzeOutput.run {
            let (input, lines) = try options.analysisInput(requireTime: false)
            try AnalyzeOutput.run(lines: lines) {
                let response = try AnalyticsService.moran(
                    MoranRequest(
                        input: input, cell: cell, contiguity: contiguity, transformation: transformation,
                        permutations: permutations, seed: seed))
                try AnalyzeOutput.writeGrid(response, to: options.out)
            }
        }
    }
}
