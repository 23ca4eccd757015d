import ArgumentParser
import Foundation
import MirsadAlerts
import MirsadTestSupport

/// `mirsad-bench cap`: CAP parse + validate throughput on the shared CAP files, side by side
/// with capparselib (which validates against the schema while it parses), one thread each, in
/// one run; and each one's verdict on each file.
struct CAPBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cap",
        abstract: "CAP parse + validate throughput on the shared CAP files (vs capparselib).",
        discussion: """
            Target (issue 11): at least 10 times capparselib's files per second. The files are \
            every .cap and .xml file of ../shared/data/cap except google-xee.cap (an attack, \
            refused before parsing). scripts/peers/cap/setup.sh makes the --python interpreter.
            """)

    @Option(help: "Seconds per measurement.")
    var seconds = 5.0

    @Option(help: "Python interpreter with capparselib installed (enables the comparison).")
    var python: String?

    @Option(help: "Peer script.")
    var script = "scripts/peers/cap/capparselib_peer.py"

    @Option(help: "Working directory for the peer's result (default .build/cap-bench).")
    var workDir = ".build/cap-bench"

    func run() throws {
        guard let directory = SharedData.file("cap") else { throw ValidationError(SharedData.absentMessage) }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { ($0.hasSuffix(".cap") || $0.hasSuffix(".xml")) && $0 != "google-xee.cap" }.sorted()
        let files = try names.map { (name: $0, data: try Data(contentsOf: directory.appendingPathComponent($0))) }
        let bytes = files.reduce(0) { $0 + $1.data.count }
        print("\(files.count) files, \(bytes) bytes, \(seconds) s per measurement, one thread\n")

        let read = measure(files.map(\.data)) { CAPReader.read($0).issues.count }
        let readWrite = measure(files.map(\.data)) { data in
            CAPReader.read(data).alert.map { CAPWriter.xml($0).utf8.count } ?? 0
        }
        var peer: (rate: Double, verdicts: [String: String])?
        if let python {
            peer = try runPeer(python: python, paths: names.map { directory.appendingPathComponent($0).path })
        }

        print("| measure | files/s | µs per file | vs capparselib |")
        print("|---|---|---|---|")
        let ratio = { (rate: Double) in peer.map { String(format: "%.1f×", rate / $0.rate) } ?? "" }
        print(row("Mirsad: parse + validate (schema and prose rules)", read, ratio(read)))
        print(row("Mirsad: parse + validate + write CAP 1.2", readWrite, ratio(readWrite)))
        if let peer { print(row("capparselib: parse + schema validation", peer.rate, "1.0×")) }
        if let peer {
            print("\nTarget: ≥ 10× capparselib — \(read / peer.rate >= 10 ? "met" : "NOT met")")
        }

        print("\n| file | Mirsad | capparselib |")
        print("|---|---|---|")
        for file in files {
            let reading = CAPReader.read(file.data)
            let mirsad =
                reading.isValidCAP12
                ? "valid CAP 1.2"
                : reading.isValid ? "valid CAP 1.1" : "invalid: \(reading.errors.first?.message ?? "")"
            print("| \(file.name) | \(mirsad) | \(peer?.verdicts[file.name] ?? "") |")
        }
    }

    private func row(_ name: String, _ rate: Double, _ ratio: String) -> String {
        String(format: "| %@ | %.0f | %.1f | %@ |", name, rate, 1_000_000 / rate, ratio)
    }

    /// Files per second: whole rounds over every file until the time is up (after one warm-up round).
    private func measure(_ files: [Data], _ work: (Data) -> Int) -> Double {
        var sink = 0
        for file in files { sink &+= work(file) }
        let clock = ContinuousClock()
        let start = clock.now
        var done = 0
        while clock.now - start < .seconds(seconds) {
            for file in files { sink &+= work(file) }
            done += files.count
        }
        let elapsed = clock.now - start
        if sink == Int.min { print("") }  // keeps the work from being optimised away
        return Double(done) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func runPeer(python: String, paths: [String]) throws -> (rate: Double, verdicts: [String: String]) {
        let dir = URL(fileURLWithPath: workDir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = dir.appendingPathComponent("capparselib.json")
        try? FileManager.default.removeItem(at: result)
        let status = try PeerScript.run(
            python: python, arguments: [script, "--seconds", String(seconds), "--json", result.path] + paths)
        guard status == 0 else {
            throw PeerScript.Failure(description: "capparselib peer failed with status \(status)")
        }
        guard let json = try JSONSerialization.jsonObject(with: Data(contentsOf: result)) as? [String: Any],
            let rate = json["files_per_second"] as? Double
        else { throw PeerScript.Failure(description: "unreadable \(result.path)") }
        return (rate, json["verdicts"] as? [String: String] ?? [:])
    }
}
