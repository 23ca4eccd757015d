import ArgumentParser
import Foundation
import MirsadGeo

/// `mirsad roads table --graph G --sources S.csv --targets T.csv`
struct RoadsTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Travel-time table between two CSV files of id,lat,lon.",
        discussion: """
            Writes source_id,target_id,seconds,meters for every pair (CSV). Points farther than \
            --max-snap from any road, and unreachable pairs, get empty seconds and meters and a \
            warning naming the file and line.
            """)

    @OptionGroup var graph: RoadsGraphOption
    @OptionGroup var closures: RoadsClosureOptions

    @Option(name: .long, help: "CSV of id,lat,lon: where trips start (units).")
    var sources: String

    @Option(name: .long, help: "CSV of id,lat,lon: where trips end (incidents).")
    var targets: String

    @Option(name: .long, help: "Output CSV (default: standard output).")
    var out: String?

    @Option(name: .long, help: "Largest distance from a road when snapping, metres.")
    var maxSnap: Double = 1000

    func validate() throws {
        guard maxSnap.isFinite, maxSnap > 0 else { throw ValidationError("--max-snap must be a positive number") }
    }

    func run() throws {
        let sourceRows = try read(sources)
        let targetRows = try read(targets)
        let engine = try graph.engine()
        try closures.apply(to: engine)
        let sourceSnaps = snap(sourceRows, file: sources, engine: engine)
        let targetSnaps = snap(targetRows, file: targets, engine: engine)
        let usedSources = sourceSnaps.indices.filter { sourceSnaps[$0] != nil }
        let usedTargets = targetSnaps.indices.filter { targetSnaps[$0] != nil }
        let clock = ContinuousClock()
        let start = clock.now
        let table = engine.table(
            sources: usedSources.map { sourceSnaps[$0]! }, targets: usedTargets.map { targetSnaps[$0]! })
        RoadsOutput.note(
            "\(usedSources.count) × \(usedTargets.count) table in \(RoadsOutput.milliseconds(clock.now - start))")
        var sourceColumn = [Int?](repeating: nil, count: sourceRows.count)
        for (k, i) in usedSources.enumerated() { sourceColumn[i] = k }
        var targetColumn = [Int?](repeating: nil, count: targetRows.count)
        for (k, i) in usedTargets.enumerated() { targetColumn[i] = k }
        let csv = CoordinateCSV.renderTable(sources: sourceRows, targets: targetRows) { s, t in
            guard let i = sourceColumn[s], let j = targetColumn[t] else { return nil }
            return table.estimate(source: i, target: j)
        }
        try RoadsOutput.write(csv, to: out)
    }

    private func read(_ path: String) throws -> [IdentifiedCoordinate] {
        let text: String
        do {
            text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            throw RoadsFailure("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try CoordinateCSV.parse(text)
        } catch {
            throw RoadsFailure("\(path): \(error.description)")
        }
    }

    private func snap(_ rows: [IdentifiedCoordinate], file: String, engine: RoutingEngine) -> [SnappedLocation?] {
        rows.map { row in
            let s = engine.snap(row.coordinate, maxDistanceMeters: maxSnap)
            if s == nil {
                RoadsOutput.note(
                    "warning: \(file): line \(row.line): \(row.id) at \(row.coordinate) is more than "
                        + "\(Int(maxSnap)) m from any road; its cells are left empty")
            }
            return s
        }
    }
}
