import Foundation
import Synchronization

/// Runs a helper program (node, python3, xmllint, psql…) to its end and returns what it printed.
///
/// The reading and the waiting happen on threads of their own. `readDataToEndOfFile` and
/// `waitUntilExit` block their thread, and on two cores Swift's cooperative pool has two
/// threads: a test blocking one for a minute-long browser run leaves every other test in the
/// process one thread, and live requests in parallel suites then time out.
public enum ChildProcess {
    public struct Result: Sendable {
        public let status: Int32
        /// Standard output, and standard error too when `mergingErrors` was asked for.
        public let output: String
        public let errors: String
        public var succeeded: Bool { status == 0 }
    }

    /// Runs `executable` with `arguments`; an executable without a slash is looked up on PATH.
    public static func run(
        _ executable: String, _ arguments: [String], directory: URL? = nil, mergingErrors: Bool = false,
        discardingOutput: Bool = false
    ) async throws -> Result {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = discardingOutput ? FileHandle.nullDevice : output
        process.standardError = mergingErrors ? output : errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                // Standard error is drained on a second thread so neither pipe can fill and stall.
                let errorText = Mutex(Data())
                let done = Mutex(false)
                let errorReader = Thread {
                    if !mergingErrors {
                        let data = errors.fileHandleForReading.readDataToEndOfFile()
                        errorText.withLock { $0 = data }
                    }
                    done.withLock { $0 = true }
                }
                errorReader.start()
                let data = discardingOutput ? Data() : output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                while !done.withLock({ $0 }) { usleep(1_000) }
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                        errors: String(decoding: errorText.withLock { $0 }, as: UTF8.self)))
            }
            thread.start()
        }
    }
}
