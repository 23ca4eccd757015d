import Foundation
import Synchronization

/// The real `mirsad` binary, started as a child process for end-to-end tests.
public final class MirsadProcess: Sendable {
    /// Where the built binary is: `MIRSAD_BINARY`, or `.build/debug/mirsad` under the package root.
    public static func binaryPath() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["MIRSAD_BINARY"] { return explicit }
        let cwd = FileManager.default.currentDirectoryPath
        for candidate in [
            ".build/debug/mirsad", ".build/x86_64-unknown-linux-gnu/debug/mirsad",
            ".build/aarch64-unknown-linux-gnu/debug/mirsad", ".build/release/mirsad",
        ] {
            let path = (cwd as NSString).appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TestSupportError(
            "the mirsad binary is not built: run `swift build --build-tests` first (or set MIRSAD_BINARY)")
    }

    private final class Output: Sendable {
        let text = Mutex("")
    }

    private let process: Process
    private let output = Output()
    public let arguments: [String]

    /// Starts `mirsad` with `arguments`; `stdin` is written and closed when given.
    public init(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws {
        self.arguments = arguments
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binaryPath())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MIRSAD_LOG_LEVEL"] = env["MIRSAD_LOG_LEVEL"] ?? "warning"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let input = Pipe()
        process.standardInput = input
        let output = self.output
        try process.run()
        // A thread of its own reads the output: a readability handler runs on Dispatch's global
        // queue, which CPU-heavy suites running at the same time (parallel analyses) can occupy
        // for a minute, so a server's "serving" line would arrive long after it was printed.
        let reader = pipe.fileHandleForReading
        let thread = Thread {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        thread.start()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
    }

    /// Everything the process printed so far (stdout and stderr).
    public var printed: String { output.text.withLock { $0 } }

    /// Waits until the output matches `pattern` (a regular expression with one capture group)
    /// and returns the capture.
    public func waitFor(_ pattern: String, timeout: Duration = .seconds(60)) async throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = ContinuousClock.now + timeout
        // The output is checked once more after the deadline: under a loaded test run this task
        // may not be scheduled for a long while, and the line may well have come meanwhile.
        while true {
            let text = printed
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                return String(text[Range(range, in: text)!])
            }
            if !process.isRunning {
                throw TestSupportError(
                    "mirsad \(arguments.joined(separator: " ")) exited (\(process.terminationStatus)) before printing /\(pattern)/:\n\(text)"
                )
            }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestSupportError(
            "timed out waiting for /\(pattern)/ from mirsad \(arguments.joined(separator: " ")):\n\(printed)")
    }

    /// Waits for the "serving ... on http://host:PORT" line and returns the port.
    public func waitForPort(timeout: Duration = .seconds(60)) async throws -> Int {
        let text = try await waitFor(#"on http://127\.0\.0\.1:(\d+)"#, timeout: timeout)
        guard let port = Int(text) else { throw TestSupportError("no port in \(text)") }
        return port
    }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end and returns its exit status.
    @discardableResult
    public func wait(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                try await Task.sleep(for: .milliseconds(20))
                if !process.isRunning { break }  // a late look, as in `waitFor`
                signal(SIGKILL)
                throw TestSupportError("mirsad did not exit in time:\n\(printed)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Runs a short command to completion and returns (status, output).
    public static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws -> (Int32, String) {
        let process = try MirsadProcess(arguments, environment: environment, stdin: stdin)
        let status = try await process.wait(timeout: timeout)
        try await Task.sleep(for: .milliseconds(50))
        return (status, process.printed)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
