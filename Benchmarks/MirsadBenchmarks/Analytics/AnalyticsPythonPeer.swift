import Foundation

/// Runs a peer script under Python and reads the one JSON line it prints. A missing
/// interpreter or package is reported, not fatal: the benchmark then prints the Swift figure
/// alone and says how to install the peer.
struct AnalyticsPythonPeer {
    let python: String
    let scripts: URL

    enum Outcome {
        case figures([String: Any])
        case skipped(String)
    }

    /// True when `import <modules>` succeeds.
    func has(_ modules: [String]) async -> Bool {
        let (status, _, _) = await run([python, "-c", "import " + modules.joined(separator: ", ")])
        return status == 0
    }

    func run(script: String, arguments: [String], needs modules: [String], install: String) async -> Outcome {
        guard await has(modules) else {
            return .skipped(
                "peer skipped: Python modules \(modules.joined(separator: ", ")) not found (pip install \(install))")
        }
        let path = scripts.appendingPathComponent(script).path
        let (status, out, err) = await run([python, path] + arguments)
        guard status == 0, let line = out.split(separator: "\n").last,
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            return .skipped(
                "peer failed (exit \(status)): \(err.split(separator: "\n").last.map(String.init) ?? "no output")")
        }
        return .figures(object)
    }

    private func run(_ command: [String]) async -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = scripts
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            return (-1, "", "\(error)")
        }
        // Read before waiting so a chatty child cannot block on a full pipe.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
