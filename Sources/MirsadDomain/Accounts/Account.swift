import Foundation

/// A user account as the rules see it. The password hash and the second-factor secret are
/// opaque here: the server makes and checks them, the store seals the secret at rest, and
/// neither ever appears in an event.
public struct Account: Hashable, Sendable {
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var sector: String
    public var disabled: Bool
    /// Failed password or code checks in a row since the last success or lock.
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var secondFactor: SecondFactorState
    /// The account still has the password a demo derived from its seed: never on a network.
    public var demoPassword: Bool
    public var createdAt: Date
    public var passwordChangedAt: Date

    public init(
        username: String, passwordHash: String, role: Role, sector: String, disabled: Bool = false,
        failedLogins: Int = 0, lockedUntil: Date? = nil, secondFactor: SecondFactorState = .none,
        demoPassword: Bool = false, createdAt: Date, passwordChangedAt: Date
    ) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.sector = sector
        self.disabled = disabled
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.secondFactor = secondFactor
        self.demoPassword = demoPassword
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt
    }

    public func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }
}

/// Where an account's time-based second factor stands.
public enum SecondFactorState: Hashable, Sendable {
    case none
    /// Started by the owner, waiting for a first matching code.
    case pending(secret: String)
    /// In use; `lastStep` is the newest time step accepted, so no code is good twice.
    case active(secret: String, lastStep: Int64?)

    public var activeSecret: String? {
        if case .active(let secret, _) = self { return secret }
        return nil
    }

    public var pendingSecret: String? {
        if case .pending(let secret) = self { return secret }
        return nil
    }

    public var isActive: Bool { activeSecret != nil }
}

/// A session a login opens; its id is what the bearer token names.
public struct SessionGrant: Hashable, Sendable {
    public var id: UUID
    public var expiresAt: Date

    public init(id: UUID, expiresAt: Date) {
        self.id = id
        self.expiresAt = expiresAt
    }
}

/// How many failed checks in a row lock an account, and for how long.
public struct LockoutPolicy: Hashable, Sendable {
    public var threshold: Int
    public var duration: TimeInterval

    public init(threshold: Int, duration: TimeInterval) {
        self.threshold = threshold
        self.duration = duration
    }
}
