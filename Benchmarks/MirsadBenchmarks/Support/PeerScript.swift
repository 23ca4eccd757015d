import Foundation

/// Starts a peer's Python script (OSRM, capparselib, ...) and waits for it: the one place the
/// benchmarks launch another program.
enum PeerScript {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `python arguments...` and returns its exit status.
    static func run(python: String, arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(python): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
