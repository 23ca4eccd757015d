import Crypto
import Foundation

/// Key IDs of the signed-note format: the first four bytes (big-endian) of
/// `SHA-256(name ‖ "\n" ‖ 0x01 ‖ Ed25519 public key)`, where 0x01 names the Ed25519 algorithm.
public enum CheckpointKeyID {
    /// The signed-note algorithm byte for Ed25519.
    public static let ed25519Algorithm: UInt8 = 0x01

    /// The key ID of an Ed25519 key with this name.
    public static func compute(name: String, publicKey: Data) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Data(name.utf8))
        hasher.update(data: [UInt8(ascii: "\n"), ed25519Algorithm])
        hasher.update(data: publicKey)
        return hasher.finalize().prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Eight lower-case hex digits.
    public static func hex(_ keyID: UInt32) -> String {
        let text = String(keyID, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }

    static func checkName(_ name: String) throws(CheckpointError) {
        if let problem = Checkpoint.originProblem(name) { throw .invalidField(field: "key name", reason: problem) }
    }
}

/// The public half: what another agency needs to check checkpoints, shared as one line
/// `<name>+<key ID hex>+<base64(0x01 ‖ 32-byte Ed25519 public key)>` (the signed-note
/// verifier key format).
public struct CheckpointVerifier: Sendable, Hashable, CustomStringConvertible {
    /// The key name, conventionally the log origin.
    public let name: String
    /// The signed-note key ID.
    public let keyID: UInt32
    /// The raw 32-byte Ed25519 public key.
    public let publicKey: Data
    /// The decoded key, kept so that verifying thousands of checkpoints decodes it once.
    private let key: Curve25519.Signing.PublicKey

    /// A verifier from a name and a raw Ed25519 public key.
    public init(name: String, publicKey: Data) throws(CheckpointError) {
        try CheckpointKeyID.checkName(name)
        do {
            key = try Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        } catch {
            throw .invalidField(field: "public key", reason: "not a 32-byte Ed25519 key")
        }
        self.name = name
        self.publicKey = publicKey
        self.keyID = CheckpointKeyID.compute(name: name, publicKey: publicKey)
    }

    public static func == (lhs: CheckpointVerifier, rhs: CheckpointVerifier) -> Bool {
        lhs.name == rhs.name && lhs.keyID == rhs.keyID && lhs.publicKey == rhs.publicKey
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(publicKey)
    }

    /// Parses the one-line verifier key form; the key ID must match the key.
    public init(parsing text: String) throws(CheckpointError) {
        // The base64 key may itself contain '+', so split only at the first two.
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("expected <name>+<key id>+<base64 key>") }
        guard let blob = Data(base64Encoded: String(parts[2])), blob.count == 33,
            blob.first == CheckpointKeyID.ed25519Algorithm
        else { throw .malformedKey("key data is not base64 of 0x01 and a 32-byte Ed25519 public key") }
        try self.init(name: String(parts[0]), publicKey: Data(blob.dropFirst()))
        guard CheckpointKeyID.hex(keyID) == parts[1].lowercased() else {
            throw .malformedKey("key ID \(parts[1]) does not match the key (want \(CheckpointKeyID.hex(keyID)))")
        }
    }

    /// The one-line verifier key.
    public var serialized: String {
        let blob = Data([CheckpointKeyID.ed25519Algorithm]) + publicKey
        return "\(name)+\(CheckpointKeyID.hex(keyID))+\(blob.base64EncodedString())"
    }

    public var description: String { serialized }

    /// Checks that `note` carries a valid signature by this key.
    ///
    /// Signature lines by other keys are ignored (a witness may have cosigned).
    public func verify(_ note: SignedNote) throws(CheckpointError) {
        let candidates = note.signatures.filter { $0.name == name && $0.keyID == keyID }
        guard !candidates.isEmpty else { throw .noSignatureByKey(name: name, keyID: keyID) }
        let message = Data(note.text.utf8)
        guard candidates.contains(where: { key.isValidSignature($0.signature, for: message) }) else {
            throw .invalidSignature(name: name, keyID: keyID)
        }
    }

    /// Whether `signature` is this key's Ed25519 signature of `message` (a detached signature,
    /// such as a published CAP alert's `.sig`).
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    /// Parses, verifies and decodes a signed checkpoint.
    ///
    /// - Parameter expectedOrigin: when given, the checkpoint's origin must equal it.
    public func verifyCheckpoint(_ serialized: String, expectedOrigin: String? = nil) throws(CheckpointError)
        -> SignedCheckpoint
    {
        let note = try SignedNote.parse(serialized)
        try verify(note)
        let checkpoint = try Checkpoint.parse(body: note.text)
        if let expectedOrigin, checkpoint.origin != expectedOrigin {
            throw .originMismatch(expected: expectedOrigin, found: checkpoint.origin)
        }
        return SignedCheckpoint(checkpoint: checkpoint, note: note)
    }
}

/// The private half, kept by the server only. Serialized as one line
/// `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 ‖ 32-byte Ed25519 seed)>`; store it like a
/// password (file mode 0600 or a secret store), never in the database it protects.
public struct CheckpointSigner: Sendable {
    /// The key name, conventionally the log origin.
    public let name: String
    private let key: Curve25519.Signing.PrivateKey
    /// The matching public key.
    public let verifier: CheckpointVerifier

    /// A new random key.
    public static func generate(name: String) throws(CheckpointError) -> CheckpointSigner {
        try CheckpointSigner(name: name, key: Curve25519.Signing.PrivateKey())
    }

    /// A signer from a 32-byte Ed25519 seed.
    public init(name: String, seed: Data) throws(CheckpointError) {
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw .invalidField(field: "private key", reason: "not a 32-byte Ed25519 seed")
        }
        try self.init(name: name, key: key)
    }

    private init(name: String, key: Curve25519.Signing.PrivateKey) throws(CheckpointError) {
        self.name = name
        self.key = key
        self.verifier = try CheckpointVerifier(name: name, publicKey: key.publicKey.rawRepresentation)
    }

    /// Parses the one-line private key form; the key ID must match the key.
    public init(parsing text: String) throws(CheckpointError) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformedKey("expected PRIVATE+KEY+<name>+<key id>+<base64 seed>")
        }
        guard let blob = Data(base64Encoded: String(parts[4])), blob.count == 33,
            blob.first == CheckpointKeyID.ed25519Algorithm
        else { throw .malformedKey("key data is not base64 of 0x01 and a 32-byte Ed25519 seed") }
        try self.init(name: String(parts[2]), seed: Data(blob.dropFirst()))
        guard CheckpointKeyID.hex(verifier.keyID) == parts[3].lowercased() else {
            throw .malformedKey("key ID \(parts[3]) does not match the key")
        }
    }

    /// The one-line private key.
    public var serializedPrivateKey: String {
        let blob = Data([CheckpointKeyID.ed25519Algorithm]) + key.rawRepresentation
        return "PRIVATE+KEY+\(name)+\(CheckpointKeyID.hex(verifier.keyID))+\(blob.base64EncodedString())"
    }

    /// Signs a checkpoint, producing the note the server publishes and stores.
    public func sign(_ checkpoint: Checkpoint) throws(CheckpointError) -> SignedCheckpoint {
        let text = checkpoint.body
        let signature: Data
        do {
            signature = try key.signature(for: Data(text.utf8))
        } catch {
            throw .signingFailed(String(describing: error))
        }
        let note = SignedNote(
            text: text, signatures: [NoteSignature(name: name, keyID: verifier.keyID, signature: signature)])
        return SignedCheckpoint(checkpoint: checkpoint, note: note)
    }

    /// A detached Ed25519 signature of `message` with the same key: documents the log's
    /// keeper publishes (CAP alerts) are then checked with the one public key.
    public func signature(for message: Data) throws(CheckpointError) -> Data {
        do {
            return try key.signature(for: message)
        } catch {
            throw .signingFailed(String(describing: error))
        }
    }

    /// Signs the current head of an incremental tree.
    public func sign(_ frontier: MerkleFrontier, origin: String, timestamp: Date) throws(CheckpointError)
        -> SignedCheckpoint
    {
        try sign(origin: origin, size: frontier.size, rootHash: frontier.root, timestamp: timestamp)
    }

    /// Builds and signs the checkpoint for a tree head.
    public func sign(
        origin: String, size: UInt64, rootHash: MerkleHash, timestamp: Date
    ) throws(CheckpointError) -> SignedCheckpoint {
        try sign(Checkpoint(origin: origin, size: size, rootHash: rootHash, timestamp: timestamp))
    }
}

/// A checkpoint together with the note that carries its signatures.
public struct SignedCheckpoint: Sendable, Hashable {
    public let checkpoint: Checkpoint
    public let note: SignedNote

    /// The text to publish at `/v1/audit/checkpoint`, store, or append to a checkpoint file.
    public var serialized: String { note.serialized }
}
