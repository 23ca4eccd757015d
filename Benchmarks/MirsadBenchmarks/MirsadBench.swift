import ArgumentParser

/// `mirsad-bench`: every figure in BENCHMARKS.md comes from one of these subcommands.
@main
struct MirsadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirsad-bench",
        abstract: "Mirsad benchmarks (run a release build: swift build -c release).",
        subcommands: BenchCommands.all)
}

enum BenchCommands {
    static var all: [any ParsableCommand.Type] {
        [
            BackboneBenchmark.self, PlaybookBenchmark.self, ShelterBenchmark.self, DroneBenchmark.self,
            AuditBenchmark.self,
            RoutingBenchmark.self,
            SegmentsBenchmark.self,
            AnalyticsBenchmark.self, CAPBenchmark.self,
        ]
    }
}
