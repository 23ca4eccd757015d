import MirsadDomain

/// Something that follows the log: it sees every committed event once and in log order, on
/// every instance, and acts on the ones it cares about (end sessions, apply a road closure,
/// reload the catalogue, raise an early-warning alert; later playbook triggers, CAP ingest).
///
/// A reactor that wants a change issues a command through the store; it never writes around
/// the log. Each reactor runs on its own task, so a slow one (a year of Knox tests) holds up
/// neither the others nor the live feed.
public protocol EventReactor: Sendable {
    /// Names the reactor in logs and, when it keeps one, its bookmark in the store.
    var name: String { get }

    /// Whether the reactor's position is kept in the store. A reactor whose work must be done
    /// once per event whatever restarts (an alert) keeps it and resumes after it; one that
    /// rebuilds its state at start (a cache, the routing engine) starts at the log head.
    var keepsPosition: Bool { get }

    /// Loads the reactor's state before its first event. The bus has read the log head
    /// before calling this, so whatever is committed meanwhile is still delivered after it:
    /// reactors must take an event they already reflect in their stride.
    func prepare() async throws

    /// Acts on one committed event. Errors are the reactor's to retry; the bus logs and moves on.
    func react(to event: EventEnvelope) async throws
}

extension EventReactor {
    public var keepsPosition: Bool { false }
    public func prepare() async throws {}
}
