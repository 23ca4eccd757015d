import Foundation
import Testing

@testable import MirsadAudit

@Suite("Checkpoint files kept by another agency")
struct CheckpointFileTests {
    static let signer = try! CheckpointSigner.generate(name: "mirsad.test/audit")

    static func checkpoints(_ count: Int) throws -> [SignedCheckpoint] {
        var log = InMemoryMerkleLog()
        var result: [SignedCheckpoint] = []
        for index in 0..<count {
            for entry in 0..<7 { log.append(entry: Array("entry \(index) \(entry)".utf8)) }
            result.append(
                try signer.sign(
                    origin: "mirsad.test/audit", size: log.size, rootHash: log.root,
                    timestamp: Date(timeIntervalSince1970: 1_800_000_000 + Double(index))))
        }
        return result
    }

    @Test func appendManyAndReadBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mirsad-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("checkpoints.txt")
        let signed = try Self.checkpoints(120)
        for checkpoint in signed.prefix(100) { try CheckpointFileIO.append(checkpoint, to: file) }
        try CheckpointFileIO.append(Array(signed.suffix(20)), to: file)
        let entries = try CheckpointFileIO.read(from: file)
        #expect(entries.count == 120)
        #expect(entries.first?.line == 1)
        for (entry, original) in zip(entries, signed) {
            let verified = try Self.signer.verifier.verifyCheckpoint(entry.text)
            #expect(verified == original)
        }
        // Every note occupies text (4) + blank + signature + separator = 7 lines.
        #expect(entries[1].line == 8)
    }

    @Test func interruptedAndMalformedFilesNameTheLine() throws {
        let text = CheckpointFile.format(try Self.checkpoints(3))
        // Cut inside the third note's text.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let truncated = lines.prefix(16).joined(separator: "\n") + "\n"
        #expect(
            throws: CheckpointError.malformedLine(
                line: 15, reason: "note starting here has no signature lines (interrupted write?)")
        ) {
            try CheckpointFile.parse(truncated)
        }
        #expect(throws: CheckpointError.self) { try CheckpointFile.parse(String(text.dropLast(2))) }
        let badSignature = text.replacingOccurrences(
            of: "\n\u{2014} mirsad.test/audit ", with: "\n\u{2014} mirsad.test/audit !")
        do {
            _ = try CheckpointFile.parse(badSignature)
            Issue.record("accepted a malformed signature line")
        } catch .malformedLine(let line, _) {
            #expect(line == 6)
        }
        #expect(try CheckpointFile.parse("").isEmpty)
        #expect(try CheckpointFile.parse("\n\n" + text + "\n").count == 3)
    }
}
