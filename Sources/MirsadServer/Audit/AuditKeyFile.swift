import Foundation
import MirsadAudit
import MirsadStore

/// The Ed25519 key that signs audit checkpoints, kept in a file outside the database it
/// protects (whoever can rewrite the database must not be able to re-sign it).
///
/// The first server to start on a database registers its public key and the log's origin in
/// the database; a server started later with a different key is refused, so every instance of
/// a deployment must be given the same key file.
public struct AuditKeyFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The default place: next to an SQLite file, or in the working directory for PostgreSQL.
    public static func defaultPath(for location: StoreLocation) -> String {
        switch location {
        case .sqlite(let path): path + ".audit-key"
        case .postgres: "mirsad-audit.key"
        }
    }

    public enum Problem: Error, CustomStringConvertible {
        case unreadable(String)
        case mismatch(path: String, registered: String)

        public var description: String {
            switch self {
            case .unreadable(let reason): reason
            case .mismatch(let path, let registered):
                "the audit key in \(path) is not the one this database's checkpoints are signed with (\(registered)); "
                    + "give every instance the same --audit-key file"
            }
        }
    }

    /// Loads the key (creating it with mode 0600 on first use) and checks it against the database.
    func signing(for store: EventStore) async throws -> AuditSigning {
        let origin = try await store.setting("audit-origin") {
            "mirsad.audit/" + UUID().uuidString.prefix(8).lowercased()
        }
        let signer = try loadOrCreate(name: origin)
        let registered = try await store.setting("audit-public-key") { signer.verifier.serialized }
        guard registered == signer.verifier.serialized else {
            throw Problem.mismatch(path: path, registered: registered)
        }
        return AuditSigning(signer: signer, origin: origin)
    }

    private func loadOrCreate(name: String) throws -> CheckpointSigner {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            do { try PrivateFile.requirePrivate(path, what: "the audit key file") } catch {
                throw Problem.unreadable(error.description)
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Problem.unreadable("cannot read the audit key file \(path)")
            }
            do {
                return try CheckpointSigner(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                throw Problem.unreadable("\(path) is not an audit signing key: \(error)")
            }
        }
        let signer = try CheckpointSigner.generate(name: name)
        guard
            manager.createFile(
                atPath: path, contents: Data((signer.serializedPrivateKey + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw Problem.unreadable("cannot create the audit key file \(path)") }
        return signer
    }
}
