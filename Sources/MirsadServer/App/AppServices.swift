import Foundation
import HummingbirdBcrypt
import Logging
import MirsadDomain
import MirsadStore

/// Everything routes need, passed as one value so tests can build the application with
/// their own clock, store and settings (no globals, no mocking framework).
public struct AppServices: Sendable {
    public let store: EventStore
    public let tokens: TokenService
    public let sessions: SessionValidator
    public let hasher: PasswordHasher
    public let hub: LiveHub
    public let clock: any TimeSource
    public let limits: Limits
    public let logger: Logger
    /// Travel times for dispatch (by road when a network is loaded).
    public let routing: RoutingService
    /// Analytic early warning on new incidents.
    public let earlyWarning: EarlyWarningMonitor
    /// What follows the log on this instance (sessions, closures, catalogue, early warning),
    /// each on its own task under the event bus.
    let reactors: [ReactorRunner]
    /// Refusals for the audit trail, coalesced per actor, object and minute.
    public let denials: DenialLog
    /// A hash of nothing, checked when a login names an unknown user so timing does not tell.
    let dummyHash: String

    public init(
        store: EventStore, tokens: TokenService, sessions: SessionValidator, hasher: PasswordHasher, hub: LiveHub,
        clock: any TimeSource, limits: Limits = Limits(), routing: RoutingService = RoutingService(engine: nil),
        earlyWarning: EarlyWarningMonitor? = nil, reactors: [any EventReactor] = [], logger: Logger
    ) {
        self.store = store
        self.tokens = tokens
        self.sessions = sessions
        self.hasher = hasher
        self.hub = hub
        self.clock = clock
        self.limits = limits
        self.logger = logger
        self.routing = routing
        self.earlyWarning = earlyWarning ?? EarlyWarningMonitor(store: store, clock: clock, logger: logger)
        self.reactors = reactors.map { ReactorRunner(reactor: $0) }
        self.denials = DenialLog(store: store, clock: clock)
        self.dummyHash = Bcrypt.hash("mirsad-no-such-user", cost: hasher.cost)
    }

    /// The runner of the reactor called `name`.
    func reactor(_ name: String) -> ReactorRunner? {
        reactors.first { $0.reactor.name == name }
    }

    /// Waits (briefly) until this instance's reactor `name` has seen `events`, so a reply
    /// reflects them here: the next ETA routes around a new closure, an ended session's token
    /// is refused at once. Other instances follow as their buses deliver.
    func caughtUp(with events: [EventEnvelope], by name: String) async {
        guard let last = events.last?.id, let runner = reactor(name) else { return }
        if !(await runner.waitUntilReached(last, timeout: .seconds(10))) {
            logger.warning("event \(last) recorded but not yet followed by \(name) here")
        }
    }

    /// Waits until every reactor here has taken its start position and follows the log, and
    /// returns true; false when `timeout` passes first. A reactor new to the database starts at
    /// the head it finds, so events appended before it runs are not its to see: tests wait for
    /// this before they append what they expect reactors to act on.
    public func reactorsRunning(timeout: Duration = .seconds(60)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !reactors.allSatisfy(\.isRunning) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Waits until every reactor here has followed the log to its end, including what the
    /// reactors themselves appended on the way (a plan that starts closes roads), and returns
    /// true; false when `timeout` passes first. Tests and tools use it to look at what the
    /// reactors did without guessing how long that takes.
    public func reactorsSettled(timeout: Duration = .seconds(60)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        var last = try await store.lastEventID()
        while true {
            for runner in reactors {
                let left = deadline - .now
                guard left > .zero, await runner.waitUntilReached(last, timeout: left) else { return false }
            }
            let now = try await store.lastEventID()
            if now == last { return true }
            last = now
        }
    }

    /// The loaded jurisdiction, or a 503 problem when none is.
    func catalog() throws -> JurisdictionIndex {
        guard let catalog = store.catalog else {
            throw Problem.from(
                StoreError.invalidConfiguration("no jurisdiction loaded: start with --jurisdiction FILE"))
        }
        return catalog
    }
}

/// Size and time limits of the API.
public struct Limits: Sendable {
    /// Largest JSON body of a command.
    public var commandBody = 64 * 1024
    /// Largest analytics request body (inline points for `/v1/analytics/*`): the same as the
    /// server's upload bound, which no body can exceed anyway.
    public var analyticsBody = 4 * 1024 * 1024
    /// Largest AVL batch body (10,000 positions fit with room to spare).
    public var positionsBody = 4 * 1024 * 1024
    /// Messages queued for one live-feed client before it is told to resync and dropped.
    public var liveQueue = 4096
    /// Events replayed to a reconnecting client before it is told to resync instead.
    public var maxReplay: Int64 = 100_000
    /// Session lifetime.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Idle time after which a session locks until the password is re-entered.
    public var idleLock: TimeInterval = 30 * 60
    /// Login attempts per minute from one address (burst of the same size).
    public var loginsPerMinute: Double = 30
    /// Unauthenticated requests (health, OpenAPI, audit checkpoints and proofs) per minute per address.
    public var publicRequestsPerMinute: Double = 600
    /// Failed logins in a row that lock an account, and for how long.
    public var lockoutThreshold = 5
    public var lockoutDuration: TimeInterval = 10 * 60
    /// Requests per minute one session may send (burst of half that); nil for no limit.
    /// Generous for a console or a CAD bridge, tight enough that a stolen token cannot be
    /// used to hammer the API.
    public var sessionRequestsPerMinute: Double? = 60_000

    public init() {}
}
