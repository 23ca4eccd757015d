import Foundation

/// Reading and appending checkpoint files on disk (the only file I/O in MirsadAudit).
public enum CheckpointFileIO {
    /// Reads and parses a checkpoint file.
    ///
    /// - Throws: `CheckpointError.malformedLine` for a structural fault, or the file system's error.
    public static func read(from url: URL) throws -> [CheckpointFile.Entry] {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CheckpointError.malformedNote("\(url.path) is not UTF-8 text")
        }
        return try CheckpointFile.parse(text)
    }

    /// Appends one signed checkpoint and flushes it to stable storage before returning, creating
    /// the file if needed. Earlier bytes are never rewritten.
    public static func append(_ signed: SignedCheckpoint, to url: URL) throws {
        try append(records: CheckpointFile.record(signed), to: url)
    }

    /// Appends several signed checkpoints in one write and one flush.
    public static func append(_ checkpoints: [SignedCheckpoint], to url: URL) throws {
        try append(records: CheckpointFile.format(checkpoints), to: url)
    }

    private static func append(records: String, to url: URL) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: url.path) {
            guard manager.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(records.utf8))
        try handle.synchronize()
    }
}
