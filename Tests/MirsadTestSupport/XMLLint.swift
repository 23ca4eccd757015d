import Foundation

/// `xmllint --schema cap12.xsd`, the reference validator (Debian's libxml2-utils).
public enum XMLLint {
    public static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    public static var isAvailable: Bool { path != nil && schema != nil }

    static var schema: URL? { SharedData.file("cap/cap12.xsd") }

    /// Validates a document; returns xmllint's complaint, or nil when it validates.
    public static func complaint(about xml: String) throws -> String? {
        guard let path, let schema = schema else { return "xmllint or the schema is missing" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-cap-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--noout", "--nonet", "--schema", schema.path, file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: output, as: UTF8.self)
    }
}
