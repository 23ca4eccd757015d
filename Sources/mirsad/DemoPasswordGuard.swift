import Foundation
import MirsadDomain
import MirsadServer
import MirsadStore

/// The demo's passwords follow from its seed, so anyone who knows the seed knows them: fine on
/// loopback, never on a network. `mirsad serve` on any other address refuses while an account
/// still has its demo password.
enum DemoPasswordGuard {
    static func check(host: String, store: EventStore) async throws {
        guard !isLoopback(host) else { return }
        let demo = try await store.users().filter(\.demoPassword).map(\.username)
        guard !demo.isEmpty else { return }
        throw CommandFailure(
            "refusing to listen on \(host): account(s) \(demo.joined(separator: ", ")) still have the demo's seed-derived "
                + "password. Change them (POST /v1/auth/password, or an administrator's POST /v1/admin/users/NAME/password), "
                + "or serve on 127.0.0.1.")
    }

    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }
}

extension Limits {
    /// Defaults, with `MIRSAD_SESSION_REQUESTS_PER_MINUTE` (0 for no limit) for deployments
    /// whose integrations send more through one session.
    static func fromEnvironment() -> Limits {
        var limits = Limits()
        if let text = ProcessInfo.processInfo.environment["MIRSAD_SESSION_REQUESTS_PER_MINUTE"],
            let value = Double(text)
        {
            limits.sessionRequestsPerMinute = value > 0 ? value : nil
        }
        return limits
    }
}
