import ArgumentParser
import Foundation
import Logging
import MirsadServer
import MirsadStore

/// `--db`, shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:PATH or postgres://user@host:port/db (env MIRSAD_DB).")
    var db: String?

    func location(default fallback: String = "sqlite:mirsad.sqlite") throws -> StoreLocation {
        let text = db ?? ProcessInfo.processInfo.environment["MIRSAD_DB"] ?? fallback
        do {
            return try StoreLocation(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `--host`, `--port` with environment fallbacks.
struct ListenOptions: ParsableArguments {
    @Option(help: "Address to listen on (env MIRSAD_HOST).")
    var host: String?

    @Option(help: "Port to listen on (env MIRSAD_PORT).")
    var port: Int?

    @Option(name: .customLong("allowed-origin"), help: "Browser origin allowed to open the live feed (repeatable).")
    var allowedOrigins: [String] = []

    @Option(
        name: .customLong("console-dir"),
        help: "Serve the console from this folder, not the copy in the binary (development; env MIRSAD_CONSOLE_DIR).")
    var consoleDirectory: String?

    var resolvedConsoleDirectory: URL? {
        (consoleDirectory ?? ProcessInfo.processInfo.environment["MIRSAD_CONSOLE_DIR"]).map {
            URL(fileURLWithPath: $0, isDirectory: true)
        }
    }

    func settings() throws -> ServerSettings {
        ServerSettings(
            host: resolvedHost, port: try resolvedPort(), allowedOrigins: Set(allowedOrigins),
            consoleDirectory: resolvedConsoleDirectory)
    }

    var resolvedHost: String { host ?? ProcessInfo.processInfo.environment["MIRSAD_HOST"] ?? "127.0.0.1" }

    func resolvedPort() throws -> Int {
        if let port { return port }
        if let text = ProcessInfo.processInfo.environment["MIRSAD_PORT"] {
            guard let port = Int(text) else { throw ValidationError("MIRSAD_PORT must be a number, got '\(text)'") }
            return port
        }
        return 8080
    }
}

enum CommandLogger {
    static func make(_ label: String = "mirsad") -> Logger {
        var logger = Logger(label: label)
        let level = ProcessInfo.processInfo.environment["MIRSAD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = level ?? .info
        return logger
    }
}

/// Prints a line and flushes at once (scripts and tests wait for the "serving" line).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A command that could not do its job (as opposed to bad options): printed as
/// `Error: ...` without the usage text, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
