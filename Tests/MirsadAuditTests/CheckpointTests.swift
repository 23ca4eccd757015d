import Foundation
import Testing

@testable import MirsadAudit

@Suite("Signed checkpoints")
struct CheckpointTests {
    static let origin = "mirsad.test/audit"
    static let signer = try! CheckpointSigner.generate(name: origin)
    static let when = Date(timeIntervalSince1970: 1_795_000_000.75)

    static func sampleCheckpoint(size: UInt64 = 1000) throws -> Checkpoint {
        var log = InMemoryMerkleLog(levels: .none)
        for index in 0..<size { log.append(entry: Array("entry \(index)".utf8)) }
        return try Checkpoint(origin: origin, size: size, rootHash: log.root, timestamp: when)
    }

    @Test func bodyLayoutFollowsTlogCheckpoint() throws {
        let checkpoint = try Self.sampleCheckpoint(size: 3)
        let lines = checkpoint.body.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines[0] == "mirsad.test/audit")
        #expect(lines[1] == "3")
        #expect(lines[2] == Substring(checkpoint.rootHash.base64))
        #expect(lines[3] == "time 2026-11-18T11:06:40Z")
        #expect(lines[4] == "")
        #expect(checkpoint.unixSeconds == 1_795_000_000)
    }

    @Test func signParseVerifyRoundTrip() throws {
        let signed = try Self.signer.sign(Self.sampleCheckpoint())
        let text = signed.serialized
        #expect(text.contains("\n\n\u{2014} mirsad.test/audit "))
        let verified = try Self.signer.verifier.verifyCheckpoint(text, expectedOrigin: Self.origin)
        #expect(verified.checkpoint == signed.checkpoint)
        #expect(verified == signed)
        #expect(try Checkpoint.parse(body: signed.checkpoint.body) == signed.checkpoint)
    }

    @Test func keysSerializeAndParse() throws {
        let privateText = Self.signer.serializedPrivateKey
        #expect(privateText.hasPrefix("PRIVATE+KEY+mirsad.test/audit+"))
        let restored = try CheckpointSigner(parsing: privateText)
        #expect(restored.verifier == Self.signer.verifier)
        let publicText = Self.signer.verifier.serialized
        #expect(try CheckpointVerifier(parsing: publicText) == Self.signer.verifier)
        // A signature by the restored key verifies with the original public key.
        let signed = try restored.sign(Self.sampleCheckpoint(size: 5))
        _ = try Self.signer.verifier.verifyCheckpoint(signed.serialized)
    }

    /// Known answers from the signed-note reference (golang.org/x/mod/sumdb/note documentation and
    /// the C2SP signed-note specification): key IDs, key encodings and signatures interoperate.
    @Test func signedNoteKnownAnswers() throws {
        let signer = try CheckpointSigner(
            parsing: "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
        #expect(signer.verifier.serialized == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        #expect(signer.verifier.keyID == 0xc74f_20a3)
        let goNote =
            "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n\n"
            + "\u{2014} PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
        let note = try SignedNote.parse(goNote)
        #expect(note.serialized == goNote)
        try signer.verifier.verify(note)

        let specKey = try CheckpointVerifier(
            parsing: "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        #expect(specKey.keyID == 0x530d_903a)
        let specNote = try SignedNote.parse(
            "This is an example message.\n\n"
                + "\u{2014} example.com/foo "
                + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
        )
        try specKey.verify(specNote)
        // One changed byte of text breaks it.
        let altered = SignedNote(text: "This is an example message!\n", signatures: specNote.signatures)
        #expect(throws: CheckpointError.invalidSignature(name: "example.com/foo", keyID: 0x530d_903a)) {
            try specKey.verify(altered)
        }
    }

    @Test func malformedKeysAreRefused() {
        #expect(throws: CheckpointError.self) { try CheckpointVerifier(parsing: "name+00000000") }
        #expect(throws: CheckpointError.self) { try CheckpointVerifier(parsing: "name+00000000+AQ==") }
        let text = Self.signer.verifier.serialized
        let parts = text.split(separator: "+")
        #expect(throws: CheckpointError.self) {
            try CheckpointVerifier(parsing: "\(parts[0])+deadbeef+\(parts[2])")
        }
        #expect(throws: CheckpointError.self) { try CheckpointSigner(parsing: "PRIVATE+KEY+x+00+AQ==") }
        #expect(throws: CheckpointError.self) { try CheckpointSigner.generate(name: "has space") }
    }

    @Test func tamperedBodyIsRejected() throws {
        let signed = try Self.signer.sign(Self.sampleCheckpoint())
        let text = signed.serialized
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Change the size, the root and the time in turn: each must break the signature.
        for index in 1...3 {
            var changed = lines
            switch index {
            case 1: changed[1] = "1001"
            case 2: changed[2] = RFC6962.emptyRoot.base64
            default: changed[3] = "time 2026-11-18T09:46:41Z"
            }
            #expect(throws: CheckpointError.invalidSignature(name: Self.origin, keyID: Self.signer.verifier.keyID)) {
                try Self.signer.verifier.verifyCheckpoint(changed.joined(separator: "\n"))
            }
        }
    }

    @Test func tamperedOrForeignSignatureIsRejected() throws {
        let signed = try Self.signer.sign(Self.sampleCheckpoint())
        var bad = signed.note.signatures[0].signature
        bad[10] ^= 0x01
        let tampered = SignedNote(
            text: signed.note.text,
            signatures: [NoteSignature(name: Self.origin, keyID: Self.signer.verifier.keyID, signature: bad)])
        #expect(throws: CheckpointError.invalidSignature(name: Self.origin, keyID: Self.signer.verifier.keyID)) {
            try Self.signer.verifier.verifyCheckpoint(tampered.serialized)
        }
        // The same checkpoint signed by another key of the same name is not accepted.
        let impostor = try CheckpointSigner.generate(name: Self.origin)
        let forged = try impostor.sign(signed.checkpoint)
        #expect(throws: CheckpointError.noSignatureByKey(name: Self.origin, keyID: Self.signer.verifier.keyID)) {
            try Self.signer.verifier.verifyCheckpoint(forged.serialized)
        }
        // A witness cosignature next to ours is ignored, ours still verifies.
        let witness = try CheckpointSigner.generate(name: "witness.example")
        let witnessLine = try witness.sign(signed.checkpoint).note.signatures[0]
        let cosigned = SignedNote(text: signed.note.text, signatures: [witnessLine] + signed.note.signatures)
        _ = try Self.signer.verifier.verifyCheckpoint(cosigned.serialized)
        #expect(throws: CheckpointError.originMismatch(expected: "other/log", found: Self.origin)) {
            try Self.signer.verifier.verifyCheckpoint(signed.serialized, expectedOrigin: "other/log")
        }
    }

    @Test func parseErrorsNameTheLine() throws {
        let root = RFC6962.emptyRoot.base64
        let cases: [(String, Int)] = [
            ("origin\n01\n\(root)\ntime 2026-01-01T00:00:00Z\n", 2),
            ("origin\n-1\n\(root)\ntime 2026-01-01T00:00:00Z\n", 2),
            ("origin\n99999999999999999999\n\(root)\ntime 2026-01-01T00:00:00Z\n", 2),
            ("origin\n5\nAAAA\ntime 2026-01-01T00:00:00Z\n", 3),
            ("origin\n5\n\(root)\ntime 2026-02-30T00:00:00Z\n", 4),
            ("origin\n5\n\(root)\nwhen 2026-01-01T00:00:00Z\n", 4),
            ("origin\n5\n\(root)\n", 4),
            ("two words\n5\n\(root)\ntime 2026-01-01T00:00:00Z\n", 1),
            ("origin\n5\n\(root)\ntime 2026-01-01T00:00:00Z\n\nextra\n", 5),
            ("origin\r\n5\n\(root)\ntime 2026-01-01T00:00:00Z\n", 1),
        ]
        for (body, line) in cases {
            #expect(throws: CheckpointError.self, "\(body)") { try Checkpoint.parse(body: body) }
            do {
                _ = try Checkpoint.parse(body: body)
            } catch .malformedLine(let found, _) {
                #expect(found == line, "\(body.debugDescription)")
            } catch {
                Issue.record("unexpected \(error) for \(body.debugDescription)")
            }
        }
        #expect(throws: CheckpointError.malformedNote("checkpoint body does not end with a newline")) {
            try Checkpoint.parse(body: "origin\n5\n\(root)\ntime 2026-01-01T00:00:00Z")
        }
        let withExtension = try Checkpoint.parse(body: "o\n0\n\(root)\ntime 1970-01-01T00:00:00Z\nwitness: x\n")
        #expect(withExtension.extensions == ["witness: x"])
        #expect(withExtension.unixSeconds == 0)
    }

    @Test func signedNoteStructureErrors() {
        #expect(throws: CheckpointError.self) { try SignedNote.parse("text only\n") }
        #expect(throws: CheckpointError.self) { try SignedNote.parse("text\n\n") }
        #expect(throws: CheckpointError.self) { try SignedNote.parse("text\n\nno dash line\n") }
        #expect(throws: CheckpointError.self) { try SignedNote.parse("text\n\n\u{2014} name !!notbase64\n") }
        #expect(throws: CheckpointError.self) { try SignedNote.parse("text\n\n\u{2014} name AAAA\n") }
    }

    @Test func timestampsRoundTripAcrossTheCalendar() {
        for seconds: Int64 in [0, 59, 86_399, 86_400, 951_782_400, 1_709_164_800, 4_107_542_399, -1, -86_401] {
            let text = UTCTimestamp.format(unixSeconds: seconds)
            #expect(UTCTimestamp.parse(Substring(text)) == seconds, "\(text)")
        }
        #expect(UTCTimestamp.format(unixSeconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.parse("2100-02-29T00:00:00Z") == nil)
        #expect(UTCTimestamp.parse("2024-02-29T24:00:00Z") == nil)
    }

    @Test func extensionConsistencyBetweenCheckpoints() async throws {
        var log = InMemoryMerkleLog()
        for index in 0..<50 { log.append(entry: Array("e\(index)".utf8)) }
        let old = try Checkpoint(
            origin: Self.origin, size: 20, rootHash: try await log.root(ofSize: 20), timestamp: Self.when)
        let new = try Checkpoint(origin: Self.origin, size: 50, rootHash: log.root, timestamp: Self.when)
        let proof = try await log.consistencyProof(from: 20, to: 50)
        try new.verifyExtends(old, proof: proof)
        let rewritten = try Checkpoint(
            origin: Self.origin, size: 20, rootHash: try await log.root(ofSize: 19), timestamp: Self.when)
        #expect(throws: MerkleProofError.self) { try new.verifyExtends(rewritten, proof: proof) }
        #expect(throws: MerkleProofError.sizesDecrease(size1: 50, size2: 20)) {
            try old.verifyExtends(new, proof: proof)
        }
        let empty = try Checkpoint(origin: Self.origin, size: 0, rootHash: RFC6962.emptyRoot, timestamp: Self.when)
        try new.verifyExtends(empty, proof: ConsistencyProof(fromSize: 0, toSize: 50, hashes: []))
    }
}
