import Crypto
import Foundation
import JWTKit
import MirsadDomain
import MirsadStore

/// The claims of a Mirsad access token. The token names a session; the session record is the
/// authority (logout or an admin kill end it at once, whatever the token's expiry says).
struct AccessClaims: JWTPayload {
    var sub: SubjectClaim
    var sid: String
    var role: String
    var sector: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    /// Expiry is checked by `TokenService` against the injected clock, not the wall clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Signs and checks HS256 JWTs with a key shared by every server instance through the database.
public struct TokenService: Sendable {
    private let keys: JWTKeyCollection
    private let clock: any TimeSource

    /// Loads the signing key from the store's settings, creating a random 256-bit one on first use.
    public static func load(from store: EventStore, clock: any TimeSource) async throws -> TokenService {
        let secret = try await store.setting("jwt-hmac-key") {
            Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
        }
        guard let bytes = Data(base64Encoded: secret), bytes.count >= 32 else {
            throw StoreError.corrupt("jwt-hmac-key setting is shorter than 32 bytes")
        }
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: bytes), digestAlgorithm: .sha256)
        return TokenService(keys: keys, clock: clock)
    }

    public func issue(for session: SessionRecord, role: Role, sector: String) async throws -> String {
        try await keys.sign(
            AccessClaims(
                sub: .init(value: session.username), sid: session.id.uuidString, role: role.rawValue, sector: sector,
                iat: .init(value: session.createdAt), exp: .init(value: session.expiresAt)))
    }

    /// The session id and username of a valid, unexpired token; nil for anything else.
    func verify(_ token: String) async -> AccessClaims? {
        guard let claims = try? await keys.verify(token, as: AccessClaims.self) else { return nil }
        guard claims.exp.value > clock.now(), UUID(uuidString: claims.sid) != nil else { return nil }
        return claims
    }
}
