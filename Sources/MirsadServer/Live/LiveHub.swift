import Foundation
import Logging
import Metrics
import MirsadDomain
import MirsadStore

/// Fans committed events and coalesced positions out to the live-feed clients of this
/// server instance, strictly in log order, each client seeing only what need-to-know allows.
/// It only delivers: what the platform does about an event is the reactors' business.
///
/// `head` is the id of the last event delivered. Subscribing returns the head at that
/// instant, so a reconnecting client replays `(since, head]` from the log and then takes
/// everything after `head` from its mailbox: no gap, no duplicate.
public actor LiveHub {
    struct Subscriber {
        let principal: Principal
        let mailbox: Mailbox<LiveMessage>
    }

    private(set) var head: Int64 = 0
    private var subscribers: [UUID: Subscriber] = [:]
    private let queueCapacity: Int
    private var throttle: PositionThrottle
    private let catalog: @Sendable () -> JurisdictionIndex?
    private let logger: Logger
    private var clients: Gauge { Gauge(label: "mirsad_live_clients") }
    private var dropped: Counter { Counter(label: "mirsad_live_clients_dropped_total") }

    public init(
        queueCapacity: Int, positionInterval: Duration = .seconds(1),
        catalog: @escaping @Sendable () -> JurisdictionIndex?, logger: Logger
    ) {
        self.queueCapacity = queueCapacity
        self.throttle = PositionThrottle(interval: positionInterval)
        self.catalog = catalog
        self.logger = logger
    }

    /// Sets where delivery starts: the log head when the event bus starts.
    func start(at head: Int64) {
        self.head = head
    }

    public var clientCount: Int { subscribers.count }

    /// The sessions of connected clients, for the periodic session check.
    var connectedSessions: [(UUID, Principal)] {
        subscribers.map { ($0.key, $0.value.principal) }
    }

    func subscribe(_ principal: Principal) -> (id: UUID, mailbox: Mailbox<LiveMessage>, head: Int64) {
        let id = UUID()
        let mailbox = Mailbox<LiveMessage>(capacity: queueCapacity)
        subscribers[id] = Subscriber(principal: principal, mailbox: mailbox)
        clients.record(subscribers.count)
        return (id, mailbox, head)
    }

    func unsubscribe(_ id: UUID) {
        subscribers[id]?.mailbox.close()
        subscribers[id] = nil
        clients.record(subscribers.count)
    }

    /// Delivers events that directly follow `head` and returns those that were new; nil
    /// (delivering nothing) when they do not follow, so the caller reads the gap from the log.
    func deliver(_ events: [EventEnvelope]) -> [EventEnvelope]? {
        let fresh = events.drop { $0.id <= head }
        guard let first = fresh.first else { return [] }
        guard first.id == head + 1, zip(fresh, fresh.dropFirst()).allSatisfy({ $0.id + 1 == $1.id }) else { return nil }
        for event in fresh {
            head = event.id
            post(event)
        }
        return Array(fresh)
    }

    private func post(_ event: EventEnvelope) {
        guard !subscribers.isEmpty, let policy = catalog().map(AccessPolicy.init(catalog:)) else { return }
        // One frame for everyone: the live feed carries no restricted field, so only who
        // receives it differs between subscribers.
        let frame = policy.liveFrame(of: event)
        let message: LiveMessage
        do {
            message = try .event(frame)
        } catch {
            logger.error("cannot encode event \(event.id): \(error)")
            return
        }
        for (id, subscriber) in subscribers where policy.canSee(event, subscriber.principal.actor) {
            if !subscriber.mailbox.post(message) { overflowed(id) }
        }
    }

    /// Positions to forward; each unit goes out at most once per interval.
    func offer(_ positions: [UnitPosition]) {
        send(throttle.offer(positions, now: .now))
    }

    /// Sends positions held back by the throttle whose time has come.
    func flushPositions() {
        send(throttle.due(now: .now))
    }

    private func send(_ positions: [UnitPosition]) {
        guard !positions.isEmpty, !subscribers.isEmpty else { return }
        guard let message = try? LiveMessage.positions(positions) else { return }
        for (id, subscriber) in subscribers where !subscriber.mailbox.post(message) { overflowed(id) }
    }

    /// Ends the live connections of a session at once (logout, admin kill, disabled account).
    public func endSession(_ sessionID: UUID, reason: String) {
        endSessions(where: { $0.sessionID == sessionID }, reason: reason, locked: false)
    }

    /// Ends every live connection of a user.
    public func endSessions(of username: String, reason: String) {
        endSessions(where: { $0.username == username }, reason: reason, locked: false)
    }

    /// Applies the session rules to open connections: ended sessions are closed, sessions
    /// idle past the limit are locked (the live feed itself is not activity).
    public func checkSessions(using sessions: SessionValidator) async {
        var verdicts: [UUID: SessionState] = [:]
        for (_, principal) in connectedSessions where verdicts[principal.sessionID] == nil {
            guard
                let state = try? await sessions.state(
                    of: principal.sessionID, username: principal.username, touch: false)
            else { continue }
            verdicts[principal.sessionID] = state
        }
        for (id, state) in verdicts {
            switch state {
            case .ended: endSession(id, reason: "session ended")
            case .locked: lockSession(id)
            case .active: break
            }
        }
    }

    /// Closes the live connections of a session locked for inactivity.
    func lockSession(_ sessionID: UUID) {
        endSessions(where: { $0.sessionID == sessionID }, reason: "session locked after inactivity", locked: true)
    }

    private func endSessions(where matches: (Principal) -> Bool, reason: String, locked: Bool) {
        guard let message = try? (locked ? LiveMessage.sessionLocked(reason) : LiveMessage.sessionEnded(reason)) else {
            return
        }
        for (_, subscriber) in subscribers where matches(subscriber.principal) {
            subscriber.mailbox.post(message)
        }
    }

    private func overflowed(_ id: UUID) {
        guard let subscriber = subscribers[id] else { return }
        dropped.increment()
        logger.notice("live client \(subscriber.principal.username) fell behind; asking it to resync")
        subscribers[id] = nil
        clients.record(subscribers.count)
    }
}

/// Holds back position updates so that each unit is sent at most once per interval; the
/// newest report waiting for a unit replaces older ones.
struct PositionThrottle {
    let interval: Duration
    private var lastSent: [UUID: ContinuousClock.Instant] = [:]
    private var waiting: [UUID: UnitPosition] = [:]

    init(interval: Duration) {
        self.interval = interval
    }

    /// Reports that may go out now; the rest wait.
    mutating func offer(_ positions: [UnitPosition], now: ContinuousClock.Instant) -> [UnitPosition] {
        var out: [UUID: UnitPosition] = [:]
        for position in positions {
            if let sent = lastSent[position.unitId], now - sent < interval {
                if (waiting[position.unitId]?.at ?? .distantPast) <= position.at { waiting[position.unitId] = position }
            } else if let already = out[position.unitId] {
                if already.at <= position.at { out[position.unitId] = position }
            } else {
                out[position.unitId] = position
            }
        }
        for id in out.keys {
            lastSent[id] = now
            waiting[id] = nil
        }
        return Array(out.values)
    }

    /// Waiting reports whose unit's interval has passed.
    mutating func due(now: ContinuousClock.Instant) -> [UnitPosition] {
        var out: [UnitPosition] = []
        for (id, position) in waiting where now - (lastSent[id] ?? now - interval) >= interval {
            out.append(position)
            lastSent[id] = now
        }
        for position in out { waiting[position.unitId] = nil }
        return out
    }
}
