import Foundation
import Logging
import Metrics
import MirsadDomain
import MirsadStore
import ServiceLifecycle

/// The event bus of one instance: follows the log and hands every committed event, once and
/// in log order, to the live hub (the sockets) and to each reactor.
///
/// It learns of new events from three sources: this process's commits (which carry the
/// events, so nothing is re-read), other instances' commit signals (PostgreSQL NOTIFY, behind
/// the store's backend protocol), and a one-second catch-up poll that also covers writers
/// that cannot signal (a CLI beside an SQLite server, a lost LISTEN connection).
public struct EventBus: Service {
    let store: EventStore
    let hub: LiveHub
    let sessions: SessionValidator
    let runners: [ReactorRunner]
    let logger: Logger
    /// How often held-back positions are flushed.
    let tick: Duration

    public init(
        store: EventStore, hub: LiveHub, sessions: SessionValidator, reactors: [any EventReactor], logger: Logger,
        tick: Duration = .milliseconds(100)
    ) {
        self.init(
            store: store, hub: hub, sessions: sessions, runners: reactors.map { ReactorRunner(reactor: $0) },
            logger: logger, tick: tick)
    }

    init(
        store: EventStore, hub: LiveHub, sessions: SessionValidator, runners: [ReactorRunner], logger: Logger,
        tick: Duration = .milliseconds(100)
    ) {
        self.store = store
        self.hub = hub
        self.sessions = sessions
        self.runners = runners
        self.logger = logger
        self.tick = tick
    }

    enum Trigger: Sendable {
        case local(CommitNotice)
        case remote(Int64)
        case tick(poll: Bool, sessions: Bool)
    }

    public func run() async throws {
        let (head, initialPositionSeq) = try await waitForDatabase()
        await hub.start(at: head)
        // Reactors load their state after the head was read, so nothing committed meanwhile is lost.
        var starts: [Int64] = []
        for runner in runners {
            starts.append(try await prepare(runner, head: head))
        }
        let store = self.store, logger = self.logger, runners = self.runners
        // Reactors are not cancelled by a graceful shutdown: their queues are finished once
        // the triggers stop, so each handles what it was given and bookmarks where it got to.
        await withDiscardingTaskGroup { group in
            for (runner, start) in zip(runners, starts) {
                group.addTask { await runner.run(after: start, head: head, store: store, logger: logger) }
            }
            group.addTask {
                await cancelWhenGracefulShutdown { await follow(positionSeq: initialPositionSeq) }
                for runner in runners { runner.finish() }
            }
        }
    }

    /// Follows the log until cancelled.
    private func follow(positionSeq initialPositionSeq: Int64) async {
        let (triggers, continuation) = AsyncStream.makeStream(of: Trigger.self)
        let tick = self.tick
        var positionSeq = initialPositionSeq
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await notice in store.commits { continuation.yield(.local(notice)) }
            }
            group.addTask {
                for await id in store.backend.commitSignals() { continuation.yield(.remote(id)) }
            }
            group.addTask {
                var count = 0
                let pollEvery = max(1, Int(Duration.seconds(1) / tick))
                while !Task.isCancelled {
                    try? await Task.sleep(for: tick)
                    count += 1
                    continuation.yield(.tick(poll: count % pollEvery == 0, sessions: count % (pollEvery * 10) == 0))
                }
                continuation.finish()
            }
            for await trigger in triggers {
                do {
                    switch trigger {
                    case .local(let notice):
                        if !(await deliver(notice.events, by: "local")) { try await catchUp(by: "local") }
                        if !notice.positions.isEmpty {
                            await hub.offer(notice.positions)
                            positionSeq = max(positionSeq, notice.positionSeq)
                        }
                    case .remote(let id):
                        if id > (await hub.head) { try await catchUp(by: "signal") }
                        positionSeq = try await pullPositions(after: positionSeq)
                    case .tick(let poll, let checkSessions):
                        await hub.flushPositions()
                        if checkSessions { await hub.checkSessions(using: sessions) }
                        if poll {
                            if try await store.lastEventID() > (await hub.head) { try await catchUp(by: "poll") }
                            positionSeq = try await pullPositions(after: positionSeq)
                        }
                    }
                } catch {
                    logger.debug("event bus catch-up deferred: \(error)")
                }
            }
            group.cancelAll()
        }
    }

    /// The log head and position sequence; the database may be briefly away at start, and
    /// the bus waits for it rather than failing.
    private func waitForDatabase() async throws -> (Int64, Int64) {
        var attempt = 0
        while true {
            do {
                return (try await store.lastEventID(), try await store.currentPositionSeq())
            } catch {
                attempt += 1
                if attempt == 1 { logger.warning("event bus waiting for the database: \(error)") }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// A reactor's start position, after its state is loaded; retried while the database is away.
    private func prepare(_ runner: ReactorRunner, head: Int64) async throws -> Int64 {
        var attempt = 0
        while true {
            do {
                try await runner.reactor.prepare()
                return try await runner.startingPosition(head: head, store: store)
            } catch {
                attempt += 1
                if attempt == 1 { logger.warning("reactor \(runner.reactor.name) waiting to start: \(error)") }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Hands events that directly follow the hub's head to the hub and the reactors; false
    /// (delivering nothing) when they do not, so the caller reads the gap from the log.
    private func deliver(_ events: [EventEnvelope], by source: String) async -> Bool {
        let fresh = await hub.deliver(events)
        guard let fresh else { return false }
        if !fresh.isEmpty {
            for runner in runners { runner.offer(fresh) }
            Self.delivered(fresh.count, by: source)
        }
        return true
    }

    /// Delivers every committed event after the hub's head, page by page. `source` names what
    /// prompted the read, so an operator (and a test) can tell the commit signal is working
    /// rather than everything arriving late by the poll.
    private func catchUp(by source: String) async throws {
        while true {
            let page = try await store.events(after: await hub.head, limit: 1000)
            guard !page.isEmpty else { return }
            guard await deliver(page, by: source) else { return }
        }
    }

    /// Counts events handed on: `local` (this instance's commits), `signal` (another
    /// instance's NOTIFY) or `poll` (the one-second catch-up). A gap behind a local commit is read
    /// back as `local`, so `poll` counts only what no signal announced.
    private static func delivered(_ count: Int, by source: String) {
        Counter(label: "mirsad_live_events_delivered_total", dimensions: [("source", source)]).increment(by: count)
    }

    /// Positions other writers stored since `seq`.
    private func pullPositions(after seq: Int64) async throws -> Int64 {
        let (positions, latest) = try await store.positions(changedAfter: seq)
        if !positions.isEmpty { await hub.offer(positions) }
        return latest
    }
}
