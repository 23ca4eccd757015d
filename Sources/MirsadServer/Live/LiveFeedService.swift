import Foundation
import Logging
import Metrics
import MirsadDomain
import MirsadStore
import ServiceLifecycle

/// Feeds the hub, in log order, from three sources: this process's commits (which carry the
/// events, so nothing is re-read), other instances' commit signals (PostgreSQL NOTIFY), and
/// a one-second catch-up poll that also covers writers that cannot signal (a CLI beside an
/// SQLite server, a lost LISTEN connection).
public struct LiveFeedService: Service {
    let store: EventStore
    let hub: LiveHub
    let sessions: SessionValidator
    let logger: Logger
    /// How often held-back positions are flushed.
    let tick: Duration

    public init(
        store: EventStore, hub: LiveHub, sessions: SessionValidator, logger: Logger, tick: Duration = .milliseconds(100)
    ) {
        self.store = store
        self.hub = hub
        self.sessions = sessions
        self.logger = logger
        self.tick = tick
    }

    enum Trigger: Sendable {
        case local(CommitNotice)
        case remote(Int64)
        case tick(poll: Bool, sessions: Bool)
    }

    public func run() async throws {
        // The database may be briefly away at start; the feed waits for it rather than failing.
        var attempt = 0
        var start: (head: Int64, positionSeq: Int64)?
        while start == nil {
            do {
                start = (try await store.lastEventID(), try await store.currentPositionSeq())
            } catch {
                attempt += 1
                if attempt == 1 { logger.warning("live feed waiting for the database: \(error)") }
                try await Task.sleep(for: .seconds(1))
            }
        }
        let initialPositionSeq = start!.positionSeq
        await hub.start(at: start!.head)
        let (triggers, continuation) = AsyncStream.makeStream(of: Trigger.self)
        let store = self.store, tick = self.tick
        await cancelWhenGracefulShutdown {
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
                            if await hub.deliver(notice.events) {
                                Self.delivered(notice.events.count, by: "local")
                            } else {
                                try await catchUp(by: "poll")
                            }
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
                        logger.debug("live feed catch-up deferred: \(error)")
                    }
                }
                group.cancelAll()
            }
        }
    }

    /// Delivers every committed event after the hub's head, page by page. `source` names what
    /// prompted the read, so an operator (and a test) can tell the commit signal is working
    /// rather than everything arriving late by the poll.
    private func catchUp(by source: String) async throws {
        while true {
            let page = try await store.events(after: await hub.head, limit: 1000)
            guard !page.isEmpty else { return }
            guard await hub.deliver(page) else { return }
            Self.delivered(page.count, by: source)
        }
    }

    /// Counts events handed to the hub: `local` (this instance's commits), `signal` (another
    /// instance's NOTIFY) or `poll` (the one-second catch-up).
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
