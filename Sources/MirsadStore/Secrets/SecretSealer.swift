import Crypto
import Foundation
import SQLKit
import Synchronization

/// Seals secrets the database must hold but must not reveal (TOTP seeds) with a key kept in a
/// file outside it: a copy of the database alone does not give a second factor away.
///
/// The key (256-bit, ChaCha20-Poly1305) is read from `path` the first time a secret is sealed
/// or opened, and created there (mode `0600`) if the file does not exist yet, so stores that
/// never hold a secret never need the file. Sealed values read `sealed:v1:<base64>`; a value
/// without that prefix was written before sealing existed and is read as it is.
public final class SecretSealer: Sendable {
    public let path: String
    private let key = Mutex<SymmetricKey?>(nil)
    static let prefix = "sealed:v1:"

    public init(path: String) {
        self.path = path
    }

    /// The default key file: next to an SQLite file, or `./mirsad-secrets.key` for PostgreSQL
    /// (`MIRSAD_SECRETS_KEY` overrides both).
    public static func defaultPath(for location: StoreLocation) -> String {
        if let path = ProcessInfo.processInfo.environment["MIRSAD_SECRETS_KEY"], !path.isEmpty { return path }
        switch location {
        case .sqlite(let path): return path + ".secrets-key"
        case .postgres: return "mirsad-secrets.key"
        }
    }

    public func seal(_ secret: String) throws -> String {
        let box = try ChaChaPoly.seal(Data(secret.utf8), using: try loadKey())
        return Self.prefix + box.combined.base64EncodedString()
    }

    public func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        guard let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))) else {
            throw StoreError.corrupt("a sealed secret is not base64")
        }
        do {
            let plain = try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: data), using: try loadKey())
            return String(decoding: plain, as: UTF8.self)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.invalidConfiguration(
                "a sealed secret does not open with the key in \(path): is this the key file this database was used with?"
            )
        }
    }

    static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    private func loadKey() throws -> SymmetricKey {
        if let key = key.withLock({ $0 }) { return key }
        let loaded: SymmetricKey
        if FileManager.default.fileExists(atPath: path) {
            try PrivateFile.requirePrivate(path, what: "the secrets key file")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32
            else { throw StoreError.invalidConfiguration("\(path) is not a Mirsad secrets key (32 bytes, base64)") }
            loaded = SymmetricKey(data: data)
        } else {
            let fresh = SymmetricKey(size: .bits256)
            let text = fresh.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
            try PrivateFile.create(path, contents: Data(text.utf8))
            loaded = fresh
        }
        key.withLock { $0 = loaded }
        return loaded
    }
}

extension EventStore {
    /// Seals TOTP secrets written in the clear by earlier versions (a storage upgrade: the
    /// accounts do not change, so no event is written).
    func sealStoredSecrets() async throws {
        let secrets = self.secrets
        try await backend.withWriteTransaction { db in
            let rows = try await db.select().column("username").column("totp_secret").from("users")
                .where("totp_secret", .isNot, SQLLiteral.null)
                .where("totp_secret", .notLike, SecretSealer.prefix + "%").all()
            for row in rows {
                let username = try row.decode(column: "username", as: String.self)
                let plain = try row.decode(column: "totp_secret", as: String.self)
                try await db.update("users").set("totp_secret", to: try secrets.seal(plain))
                    .where("username", .equal, username).run()
            }
        } as Void
    }
}
