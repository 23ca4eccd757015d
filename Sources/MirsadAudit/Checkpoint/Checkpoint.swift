import Foundation

/// A tree head in the C2SP tlog-checkpoint layout, with Mirsad's timestamp as the first
/// extension line:
///
/// ```
/// mirsad.example.gov/audit          ← origin: names the log
/// 1000                              ← tree size, decimal
/// 3L/cOMQ0s6Zl…=                    ← root hash, standard base64 (32 bytes)
/// time 2026-11-20T09:30:00Z         ← when the server signed it (UTC, whole seconds)
/// ```
///
/// Further extension lines are kept verbatim. The body is the exact text that is signed (see
/// `SignedNote`); every line ends in a newline and no line is empty.
public struct Checkpoint: Sendable, Hashable {
    /// The log's identity, e.g. `mirsad.moi.example/audit`. No spaces, newlines or `+`.
    public let origin: String
    /// Number of entries the root covers.
    public let size: UInt64
    /// RFC 6962 root of the first `size` entries.
    public let rootHash: MerkleHash
    /// Seconds since 1970-01-01T00:00:00Z when the checkpoint was made.
    public let unixSeconds: Int64
    /// Extension lines after the `time` line, verbatim (without newlines).
    public let extensions: [String]

    /// The keyword of the timestamp extension line.
    public static let timeKeyword = "time"

    /// Builds a checkpoint; the timestamp is truncated to whole seconds.
    ///
    /// - Throws: `CheckpointError.invalidField` for an empty or malformed origin, a timestamp
    ///   outside years 0000–9999, or an extension line that is empty or contains a newline.
    public init(
        origin: String, size: UInt64, rootHash: MerkleHash, timestamp: Date, extensions: [String] = []
    ) throws(CheckpointError) {
        let seconds = timestamp.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= -62_167_219_200, seconds <= 253_402_300_799 else {
            throw .invalidField(field: "timestamp", reason: "outside years 0000-9999")
        }
        try self.init(
            origin: origin, size: size, rootHash: rootHash, unixSeconds: Int64(seconds), extensions: extensions)
    }

    init(
        origin: String, size: UInt64, rootHash: MerkleHash, unixSeconds: Int64, extensions: [String]
    ) throws(CheckpointError) {
        if let problem = Checkpoint.originProblem(origin) { throw .invalidField(field: "origin", reason: problem) }
        for (index, line) in extensions.enumerated() {
            guard !line.isEmpty, !line.contains("\n") else {
                throw .invalidField(field: "extensions[\(index)]", reason: "must be one non-empty line")
            }
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.unixSeconds = unixSeconds
        self.extensions = extensions
    }

    /// The signing time as a `Date`.
    public var timestamp: Date { Date(timeIntervalSince1970: TimeInterval(unixSeconds)) }

    /// The checkpoint body: the exact text covered by signatures.
    public var body: String {
        let time = UTCTimestamp.format(unixSeconds: unixSeconds)
        var text = "\(origin)\n\(size)\n\(rootHash.base64)\n\(Checkpoint.timeKeyword) \(time)\n"
        for line in extensions { text += line + "\n" }
        return text
    }

    /// Parses a checkpoint body (the text of a signed note, ending in a newline).
    ///
    /// - Throws: `CheckpointError.malformedLine` naming the 1-based line at fault.
    public static func parse(body: String) throws(CheckpointError) -> Checkpoint {
        guard body.utf8.last == UInt8(ascii: "\n") else {
            throw .malformedNote("checkpoint body does not end with a newline")
        }
        let lines = NoteLines.split(body.utf8.dropLast())
        guard lines.count >= 4 else {
            throw .malformedLine(
                line: lines.count + 1, reason: "a checkpoint needs origin, size, root hash and time lines")
        }
        for (index, line) in lines.enumerated() where line.isEmpty {
            throw .malformedLine(line: index + 1, reason: "empty line inside a checkpoint")
        }
        let origin = String(lines[0])
        if let problem = originProblem(origin) { throw .malformedLine(line: 1, reason: "origin \(problem)") }
        guard let size = parseSize(lines[1]) else {
            throw .malformedLine(
                line: 2, reason: "tree size \"\(lines[1].prefix(40))\" is not a decimal number without leading zeros")
        }
        let rootHash: MerkleHash
        do {
            rootHash = try MerkleHash(base64: String(lines[2]))
        } catch {
            throw .malformedLine(line: 3, reason: "root hash: \(error)")
        }
        let timeLine = lines[3]
        let prefix = timeKeyword + " "
        guard timeLine.hasPrefix(prefix), let seconds = UTCTimestamp.parse(timeLine.dropFirst(prefix.count)) else {
            throw .malformedLine(
                line: 4, reason: "expected \"time YYYY-MM-DDTHH:MM:SSZ\", found \"\(timeLine.prefix(60))\"")
        }
        return try Checkpoint(
            origin: origin, size: size, rootHash: rootHash, unixSeconds: seconds,
            extensions: lines.dropFirst(4).map(String.init))
    }

    private static func parseSize(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        guard text == "0" || !text.hasPrefix("0") else { return nil }
        return UInt64(text)
    }

    /// Why `origin` is unacceptable, or nil. Origins are single tokens so that a signed-note
    /// signature line (`— <name> <sig>`) can name the log unambiguously.
    static func originProblem(_ origin: String) -> String? {
        if origin.isEmpty { return "must not be empty" }
        if origin.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "+" || $0.value < 0x20 }) {
            return "\"\(origin.prefix(60))\" must not contain whitespace, control characters or '+'"
        }
        if origin.hasPrefix("—") { return "must not start with '—'" }
        return nil
    }
}
