import Foundation

/// Throw-away PostgreSQL databases for tests, on the cluster `.ci/run` starts and names in
/// `MIRSAD_TEST_POSTGRES_URL`. Tests that need one are enabled only when it is set.
public enum TestPostgres {
    /// The administrative URL, when PostgreSQL tests are enabled.
    public static var adminURL: String? {
        ProcessInfo.processInfo.environment["MIRSAD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var isAvailable: Bool { adminURL != nil }

    public static let absentMessage = "skipped: MIRSAD_TEST_POSTGRES_URL is not set (bash .ci/run sets it)"

    /// Creates an empty database and returns its URL.
    public static func createDatabase() async throws -> String {
        guard let admin = adminURL else { throw TestSupportError("MIRSAD_TEST_POSTGRES_URL is not set") }
        let name = "mirsad_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await psql(admin, "CREATE DATABASE \(name)")
        return replacingDatabase(in: admin, with: name)
    }

    /// Drops a database made by `createDatabase`, closing its connections first.
    public static func dropDatabase(_ url: String) async {
        guard let admin = adminURL, let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else {
            return
        }
        _ = try? await psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// `dropDatabase` for a `defer`, which cannot wait: the drop runs on its own.
    public static func dropDatabaseLater(_ url: String) {
        Task.detached { await dropDatabase(url) }
    }

    /// Runs one SQL statement with `psql` and returns its unaligned output.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) async throws -> String {
        let result = try await ChildProcess.run("psql", [psqlURL(url), "-v", "ON_ERROR_STOP=1", "-At", "-c", sql])
        guard result.succeeded else { throw TestSupportError("psql failed: \(result.errors)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql does not understand every URL parameter the Swift driver accepts.
    private static func psqlURL(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.queryItems = components.queryItems?.filter { ["sslmode", "connect_timeout"].contains($0.name) }
        return components.string ?? url
    }

    private static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        // Parallel tests on two cores can keep a connection waiting past the 3 s default.
        if !(components.queryItems ?? []).contains(where: { $0.name == "connect_timeout" }) {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "connect_timeout", value: "20")]
        }
        return components.string ?? url
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
