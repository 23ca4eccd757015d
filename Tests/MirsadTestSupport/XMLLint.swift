import Foundation

/// `xmllint --schema cap12.xsd`, the reference validator (Debian's libxml2-utils).
public enum XMLLint {
    public static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    public static var isAvailable: Bool { path != nil && schema != nil }

    static var schema: URL? { SharedData.file("cap/cap12.xsd") }

    /// Validates a CAP document; returns xmllint's complaint, or nil when it validates.
    public static func complaint(about xml: String) async throws -> String? {
        guard let schema = schema else { return "xmllint or the schema is missing" }
        return try await complaint(about: xml, arguments: ["--schema", schema.path])
    }

    /// Validates a document against a RELAX NG grammar given as text.
    public static func complaint(about xml: String, relaxNG grammar: String) async throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-\(UUID().uuidString).rng")
        try Data(grammar.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await complaint(about: xml, arguments: ["--relaxng", file.path])
    }

    private static func complaint(about xml: String, arguments: [String]) async throws -> String? {
        guard let path else { return "xmllint is missing" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await ChildProcess.run(
            path, ["--noout", "--nonet"] + arguments + [file.path], discardingOutput: true)
        return result.succeeded ? nil : result.errors
    }
}
