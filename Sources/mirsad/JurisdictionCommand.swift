import ArgumentParser
import Foundation
import MirsadDomain
import MirsadServer
import MirsadSimulation

/// `mirsad jurisdiction validate|demo`: check a file, or write the demo world as a template.
struct JurisdictionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jurisdiction", abstract: "Validate a jurisdiction file or export the demo one.",
        subcommands: [Validate.self, Demo.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a .json/.yaml jurisdiction file.")
        @Argument var file: String

        func run() async throws {
            do {
                let jurisdiction = try JurisdictionFile.load(path: file)
                say(
                    "\(file): OK — \(jurisdiction.sectors.count) sectors, \(jurisdiction.stations.count) stations, "
                        + "\(jurisdiction.units.count) units, \(jurisdiction.incidentTypes.count) incident types")
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the demo jurisdiction as JSON (a starting point for your own).")
        @Option var seed: UInt64 = 42

        func run() async throws {
            FileHandle.standardOutput.write(try JurisdictionFile.json(DemoWorld.make(seed: seed)))
            say("")
        }
    }
}
