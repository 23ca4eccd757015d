import Foundation
import HummingbirdOTP
import MirsadDomain

/// TOTP (RFC 6238): 6 digits, 30-second steps, SHA-1, as authenticator apps expect. A code of
/// the previous or next step is accepted for clock drift.
public enum SecondFactor {
    public static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    public static func isValid(code: String, secret: String, at now: Date) -> Bool {
        matchingStep(code: code, secret: secret, at: now) != nil
    }

    /// The 30-second time step whose code `code` is (this one, the one before or after), or nil.
    /// The store accepts each step once, so a code cannot be replayed within its window.
    public static func matchingStep(code: String, secret: String, at now: Date) -> Int64? {
        guard code.count == 6, code.allSatisfy(\.isASCII), let value = Int(code) else { return nil }
        let totp = TOTP(secret: secret)
        for offset in [-30.0, 0, 30] {
            let date = now.addingTimeInterval(offset)
            if totp.compute(date: date) == value { return Int64((date.timeIntervalSince1970 / 30).rounded(.down)) }
        }
        return nil
    }

    public static func code(secret: String, at now: Date) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: now))
    }

    public static func enrollmentURL(secret: String, username: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Mirsad:\(username)", issuer: "Mirsad")
    }
}
