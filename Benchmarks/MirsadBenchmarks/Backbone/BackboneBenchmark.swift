import ArgumentParser
import AsyncHTTPClient
import Foundation
import MirsadDomain
import MirsadSimulation
import MirsadTestSupport
import NIOCore
import NIOHTTP1
import Synchronization

/// `mirsad-bench backbone`: the operations backbone against the real `mirsad` binary on
/// loopback: durable incident creations per second (32 clients, SQLite and PostgreSQL), AVL
/// positions per second in 10,000-report batches, and live-feed fan-out latency to 200
/// WebSocket clients.
struct BackboneBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backbone", abstract: "Creates/s, AVL positions/s and live fan-out latency against a real server.")

    @Option(help: "Path of the mirsad binary (default: next to this benchmark).")
    var binary: String?

    @Option(help: "PostgreSQL URL for the PostgreSQL run (default MIRSAD_TEST_POSTGRES_URL; skipped when absent).")
    var postgres: String?

    @Option(help: "Seconds each load phase runs.")
    var seconds: Double = 10

    @Option(help: "Concurrent HTTP clients creating incidents.")
    var clients: Int = 32

    @Option(help: "Live-feed clients for the fan-out measurement.")
    var liveClients: Int = 200

    func run() async throws {
        let binary = try self.binary ?? Self.siblingBinary()
        say("mirsad backbone benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, binary \(binary)")
        let runs: [(String, String?)] =
            [("SQLite", nil)]
            + ((postgres ?? ProcessInfo.processInfo.environment["MIRSAD_TEST_POSTGRES_URL"]).map {
                [("PostgreSQL", $0)]
            } ?? [])
        var rows: [[String]] = []
        for (name, admin) in runs {
            rows += try await BackboneRun.with(binary: binary, postgresAdmin: admin) { bench in
                var rows: [[String]] = []
                let before = try await bench.lastEventID()
                let creates = try await bench.creates(clients: clients, seconds: seconds)
                let entries = Double(try await bench.lastEventID() - before) / creates.seconds
                rows.append([
                    name, "incident creates (\(clients) clients)", "\(format(creates.rate, 0))/s",
                    "p50 \(format(creates.percentile(50))) ms", "p99 \(format(creates.percentile(99))) ms",
                    "\(creates.failures) failed",
                ])
                rows.append([
                    name, "audit entries appended during the creates (signed checkpoints on)",
                    "\(format(entries, 0))/s",
                    "", "", "",
                ])
                if admin == nil {
                    // The same load with checkpoints left unsigned: what signing costs the create rate.
                    let plain = try await BackboneRun.with(binary: binary, postgresAdmin: nil, signedAudit: false) {
                        try await $0.creates(clients: clients, seconds: seconds)
                    }
                    let cost = (1 - creates.rate / plain.rate) * 100
                    rows.append([
                        name, "incident creates, checkpoints unsigned (reference)", "\(format(plain.rate, 0))/s",
                        "p50 \(format(plain.percentile(50))) ms", "p99 \(format(plain.percentile(99))) ms",
                        "signing costs \(format(cost, 1)) % (target ≤ 10 %)",
                    ])
                }
                let positions = try await bench.positions(batch: 10_000, clients: 4, seconds: seconds)
                rows.append([
                    name, "AVL positions (10,000/batch, 4 clients)", "\(format(positions.rate, 0))/s",
                    "p50 \(format(positions.percentile(50))) ms/batch",
                    "p99 \(format(positions.percentile(99))) ms/batch",
                    "\(positions.failures) failed",
                ])
                let fanout = try await bench.fanout(clients: liveClients, seconds: seconds)
                rows.append([
                    name, "live fan-out (\(liveClients) WebSocket clients)", "\(fanout.operations) deliveries",
                    "p50 \(format(fanout.percentile(50))) ms", "p99 \(format(fanout.percentile(99))) ms",
                    "\(fanout.failures) missed",
                ])
                return rows
            }
        }
        say("")
        say("| backend | measure | rate | p50 | p99 | errors |")
        say("|---|---|---|---|---|---|")
        for row in rows { say("| " + row.joined(separator: " | ") + " |") }
        say("targets: ≥ 2,000 creates/s on SQLite; ≥ 100,000 positions/s; fan-out p99 ≤ 50 ms")
    }

    static func siblingBinary() throws -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let sibling = me.deletingLastPathComponent().appendingPathComponent("mirsad").path
        guard FileManager.default.isExecutableFile(atPath: sibling) else {
            throw ValidationError(
                "no mirsad binary next to \(me.path); build it (swift build -c release) or pass --binary")
        }
        return sibling
    }
}

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
