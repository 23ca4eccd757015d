import Foundation
import MirsadAudit
import Synchronization

/// Signs checkpoints of the audit tree as batches commit. Held by servers that have the
/// private key; command-line tools extend the tree without signing.
public struct AuditSigning: Sendable {
    public let signer: CheckpointSigner
    public let origin: String
    /// Sign when this many entries arrived since the last checkpoint ...
    public var everyEntries: UInt64 = 1000
    /// ... or when this much time passed and anything arrived.
    public var everySeconds: TimeInterval = 1

    public init(signer: CheckpointSigner, origin: String) {
        self.signer = signer
        self.origin = origin
    }
}

final class AuditSigningBox: Sendable {
    private let value = Mutex<AuditSigning?>(nil)
    var current: AuditSigning? { value.withLock { $0 } }
    func set(_ signing: AuditSigning?) { value.withLock { $0 = signing } }
}
