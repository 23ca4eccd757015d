import MirsadDomain

/// Ends sessions on this instance when the log says they ended anywhere: a logout, an
/// administrator ending a session, or an account change after which its sessions may not go on
/// (`UserChanged.endsSessions`). The session cache forgets them and their live connections close.
struct SessionReactor: EventReactor {
    let sessions: SessionValidator
    let hub: LiveHub

    static let name = "sessions"
    var name: String { Self.name }

    func react(to event: EventEnvelope) async throws {
        switch event.payload {
        case .securityEvent(let security) where [.sessionEnded, .logout].contains(security.action):
            guard let id = security.sessionId else { return }
            await sessions.forget(id)
            await hub.endSession(id, reason: security.detail ?? security.action.rawValue)
        case .userChanged(let change) where change.endsSessions:
            await sessions.forget(user: change.username)
            await hub.endSessions(of: change.username, reason: "account changed: \(change.change)")
        default:
            break
        }
    }
}
