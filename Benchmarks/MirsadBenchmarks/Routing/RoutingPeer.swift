import Foundation
import MirsadGeo
import MirsadGeodesy

/// Runs the OSRM peer script on the benchmark's points and Mirsad's table and reads back its
/// timings and the agreement figures it computed.
enum RoutingPeer {
    struct Result {
        var timings: [String: Double]
        var bestUnitAgreement: Double
        var withinFivePercent: Double
        var medianRatio: Double
        var medianBestRatio: Double
        var medianDistanceRatio: Double
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(
        python: String, script: String, workDir: String, pbf: String, units: [GeoCoordinate],
        incidents: [GeoCoordinate], table: TravelTable, repetitions: Int
    ) throws -> Result {
        let dir = URL(fileURLWithPath: workDir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let unitsFile = dir.appendingPathComponent("units.csv")
        let incidentsFile = dir.appendingPathComponent("incidents.csv")
        let tableFile = dir.appendingPathComponent("mirsad_table.csv")
        let resultFile = dir.appendingPathComponent("osrm_result.json")
        try Data(RoutingBenchData.csv(prefix: "u", units).utf8).write(to: unitsFile)
        try Data(RoutingBenchData.csv(prefix: "i", incidents).utf8).write(to: incidentsFile)
        var csv = "source_id,target_id,seconds,meters\n"
        for s in 0..<table.sourceCount {
            for t in 0..<table.targetCount {
                let e = table.estimate(source: s, target: t)
                csv += "u\(s),i\(t),"
                csv += e.map { String(format: "%.3f,%.1f", $0.seconds, $0.meters) } ?? ","
                csv += "\n"
            }
        }
        try Data(csv.utf8).write(to: tableFile)
        try? FileManager.default.removeItem(at: resultFile)

        let status = try PeerScript.run(
            python: python,
            arguments: [
                script, "--pbf", pbf, "--work", dir.path, "--units", unitsFile.path, "--incidents",
                incidentsFile.path, "--mirsad-table", tableFile.path, "--repetitions", String(repetitions), "--json",
                resultFile.path,
            ])
        // Exit status 3 means "ran, but an agreement threshold failed": the figures still count.
        guard status == 0 || status == 3 else {
            throw Failure(description: "OSRM peer script failed with status \(status)")
        }
        let data = try Data(contentsOf: resultFile)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let timings = json["timings"] as? [String: Double],
            let comparison = json["comparison"] as? [String: Double]
        else { throw Failure(description: "unreadable \(resultFile.path)") }
        return Result(
            timings: timings, bestUnitAgreement: comparison["best_unit_agreement"] ?? .nan,
            withinFivePercent: comparison["best_unit_within_5_percent"] ?? .nan,
            medianRatio: comparison["median_ratio"] ?? .nan, medianBestRatio: comparison["median_best_ratio"] ?? .nan,
            medianDistanceRatio: comparison["median_distance_ratio"] ?? .nan)
    }
}
