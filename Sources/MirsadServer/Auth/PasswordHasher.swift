import HummingbirdBcrypt
import NIOPosix

/// bcrypt with a configurable cost, run off the event loops (a cost-12 hash takes a few
/// hundred milliseconds of CPU).
public struct PasswordHasher: Sendable {
    /// 12 in production; tests may lower it to keep suites fast (never below 4, bcrypt's minimum).
    public var cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = max(4, min(cost, 31))
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Rules every new password must meet (length; long passphrases welcome).
    public static func validate(_ password: String, field: String = "password") throws {
        guard password.count >= 12 else {
            throw Problem.invalidField(field, "must be at least 12 characters")
        }
        guard password.utf8.count <= 72 else {
            throw Problem.invalidField(field, "bcrypt uses at most 72 bytes")
        }
    }
}
