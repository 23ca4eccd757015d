import Foundation
import HummingbirdOTP
import MirsadDomain

/// TOTP (RFC 6238): 6 digits, 30-second steps, SHA-1, as authenticator apps expect. A code of
/// the previous or next step is accepted for clock drift.
public enum SecondFactor {
    /// Secrets not yet confirmed by a first valid code are stored with this prefix.
    public static let pendingPrefix = "pending:"

    public static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    public static func isValid(code: String, secret: String, at now: Date) -> Bool {
        guard code.count == 6, let value = Int(code) else { return false }
        let totp = TOTP(secret: secret)
        return [-30.0, 0, 30].contains { totp.compute(date: now.addingTimeInterval($0)) == value }
    }

    public static func code(secret: String, at now: Date) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: now))
    }

    public static func enrollmentURL(secret: String, username: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Mirsad:\(username)", issuer: "Mirsad")
    }
}
