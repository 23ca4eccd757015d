import Foundation

/// Locates the public data set in `../shared/data` (next to the repository) that tests and
/// benchmarks read in place. It is absent from a user's fresh clone, so tests that need it
/// guard with
/// `.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage))`.
public enum SharedData {
    /// The data directory, or nil when it cannot be found.
    ///
    /// Looked up, in order: `MIRSAD_SHARED_DATA`, `./../shared/data` from the working directory
    /// (SwiftPM runs tests from the package root), and the same path relative to this source file.
    public static let directory: URL? = {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["MIRSAD_SHARED_DATA"] {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        candidates.append(cwd.deletingLastPathComponent().appendingPathComponent("shared/data"))
        let repoRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }?.standardizedFileURL
    }()

    /// True when `../shared/data` is present.
    public static var isAvailable: Bool { directory != nil }

    /// The reason printed when a test is skipped for lack of data.
    public static let absentMessage =
        "skipped: ../shared/data is absent (set MIRSAD_SHARED_DATA or clone next to shared/)"

    /// A file inside the data directory, e.g. `SharedData.file("osm/monaco_osrm.osm.pbf")`.
    public static func file(_ relativePath: String) -> URL? {
        directory?.appendingPathComponent(relativePath)
    }
}
