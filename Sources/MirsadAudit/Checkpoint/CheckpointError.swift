/// Why a checkpoint, a signed note, a key or a checkpoint file was refused. Parsing errors
/// name the line (1-based, within the note or file) so an operator can find the fault.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line of a checkpoint body or signed note is malformed.
    case malformedLine(line: Int, reason: String)
    /// The note does not end where it should (missing final newline, missing blank line…).
    case malformedNote(String)
    /// A key string could not be read.
    case malformedKey(String)
    /// A field given to build a checkpoint or key is unacceptable.
    case invalidField(field: String, reason: String)
    /// The note carries no signature by the expected key (name and key ID).
    case noSignatureByKey(name: String, keyID: UInt32)
    /// A signature line names the expected key but the Ed25519 signature does not verify.
    case invalidSignature(name: String, keyID: UInt32)
    /// The checkpoint's origin is not the one the verifier expects.
    case originMismatch(expected: String, found: String)
    /// Signing failed inside the crypto library.
    case signingFailed(String)

    public var description: String {
        switch self {
        case .malformedLine(let line, let reason): "line \(line): \(reason)"
        case .malformedNote(let reason): "malformed signed note: \(reason)"
        case .malformedKey(let reason): "malformed key: \(reason)"
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .noSignatureByKey(let name, let keyID):
            "no signature by key \(name)+\(CheckpointKeyID.hex(keyID))"
        case .invalidSignature(let name, let keyID):
            "signature by key \(name)+\(CheckpointKeyID.hex(keyID)) does not verify"
        case .originMismatch(let expected, let found): "origin is \"\(found)\", expected \"\(expected)\""
        case .signingFailed(let reason): "signing failed: \(reason)"
        }
    }
}
