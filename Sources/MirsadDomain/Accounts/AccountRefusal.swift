import Foundation

/// Why an account command was refused. Rule errors map to problems as incident errors do;
/// the login cases are told apart because the server answers each one differently (a
/// locked account is 423, a replayed code counts as a failure, the rest look alike).
public enum AccountRefusal: Error, Equatable, Sendable {
    case rule(DomainError)
    case locked(until: Date)
    case disabled
    /// The code's time step was accepted before.
    case codeReused
    /// An administrator without an active second factor may not sign in.
    case secondFactorRequired
    /// The password changed between the server's check and the commit.
    case credentialsChanged
}
