import Foundation
import Logging
import MirsadDomain
import MirsadStore
import Synchronization

/// Feeds one reactor, on its own task, the pages of events the bus delivers.
///
/// The queue between bus and reactor is bounded: when the reactor falls far behind, older
/// pages are dropped and the runner reads the gap back from the log, so memory stays bounded
/// and nothing is skipped. A reactor that keeps its position bookmarks it at most once a
/// second and when the server stops: after a clean stop it resumes exactly where it left
/// off; after a crash it may see up to a second of events again, which is why such work is
/// issued as commands whose uniqueness the store decides (an analytic alert is raised once per key).
final class ReactorRunner: Sendable {
    let reactor: any EventReactor
    private let pages: AsyncStream<[EventEnvelope]>
    private let continuation: AsyncStream<[EventEnvelope]>.Continuation
    /// The id of the last event the reactor has seen.
    private let reached = Atomic<Int64>(0)
    private let running = Atomic<Bool>(false)
    private let gaps = Atomic<Int>(0)
    private let waiters = Mutex(Waiters())

    init(reactor: any EventReactor, queuedPages: Int = 256) {
        self.reactor = reactor
        (pages, continuation) = AsyncStream.makeStream(
            of: [EventEnvelope].self, bufferingPolicy: .bufferingNewest(queuedPages))
    }

    /// Hands a page of events (in log order) to the reactor; never waits.
    func offer(_ page: [EventEnvelope]) {
        guard !page.isEmpty else { return }
        continuation.yield(page)
    }

    func finish() { continuation.finish() }

    /// The position the reactor starts after: its bookmark, or the head for a new reactor
    /// or one that rebuilds its state.
    func startingPosition(head: Int64, store: EventStore) async throws -> Int64 {
        guard reactor.keepsPosition else { return head }
        if let stored = try await store.reactorPosition(reactor.name) { return min(stored, head) }
        try await store.saveReactorPosition(reactor.name, head)
        return head
    }

    /// Runs until the bus finishes the queue: first the events between the start position and
    /// `head`, then every page offered.
    func run(after start: Int64, head: Int64, store: EventStore, logger: Logger) async {
        var position = start
        var saved = start
        var lastSave = ContinuousClock.now
        publish(position)
        running.store(true, ordering: .releasing)
        func bookmark(force: Bool) async {
            guard reactor.keepsPosition, position > saved,
                force || ContinuousClock.now - lastSave >= .seconds(1)
            else { return }
            do {
                try await store.saveReactorPosition(reactor.name, position)
                saved = position
                lastSave = .now
            } catch {
                logger.debug("reactor \(reactor.name) position not saved yet: \(error)")
            }
        }
        func handle(_ events: some Sequence<EventEnvelope>) async {
            for event in events where event.id > position {
                do {
                    try await reactor.react(to: event)
                } catch {
                    logger.warning("reactor \(reactor.name) failed on event \(event.id): \(error)")
                }
                position = event.id
                publish(position)
            }
        }
        func catchUp(through last: Int64) async {
            while position < last && !Task.isCancelled {
                do {
                    let page = try await store.events(after: position, limit: 1000)
                    guard !page.isEmpty else { return }
                    await handle(page.prefix { $0.id <= last })
                } catch {
                    logger.debug("reactor \(reactor.name) catch-up deferred: \(error)")
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
        await catchUp(through: head)
        for await page in pages {
            guard let last = page.last?.id, last > position else { continue }
            if let first = page.first?.id, first > position + 1 {
                gaps.add(1, ordering: .relaxed)
                await catchUp(through: last)
            } else {
                await handle(page)
            }
            await bookmark(force: false)
        }
        await bookmark(force: true)
    }

    /// Whether the runner has its start position and takes events.
    var isRunning: Bool { running.load(ordering: .acquiring) }

    /// How often pages were dropped while the reactor was busy, and the gap read back from the log.
    var gapsReadFromLog: Int { gaps.load(ordering: .relaxed) }

    /// Returns once the reactor has seen event `id` (true), or after `timeout` (false).
    func waitUntilReached(_ id: Int64, timeout: Duration) async -> Bool {
        if reached.load(ordering: .acquiring) >= id { return true }
        let token = UUID()
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let answer = self.waiters.withLock { state -> Bool? in
                        if state.expired.remove(token) != nil { return false }
                        if self.reached.load(ordering: .acquiring) >= id { return true }
                        state.waiting[token] = (id, continuation)
                        return nil
                    }
                    if let answer { continuation.resume(returning: answer) }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                let waiting = self.waiters.withLock { state -> CheckedContinuation<Bool, Never>? in
                    if let entry = state.waiting.removeValue(forKey: token) { return entry.1 }
                    if !Task.isCancelled { state.expired.insert(token) }
                    return nil
                }
                waiting?.resume(returning: false)
                return false
            }
            let answer = await group.next() ?? false
            group.cancelAll()
            return answer
        }
    }

    private func publish(_ position: Int64) {
        reached.store(position, ordering: .releasing)
        let due = waiters.withLock { state -> [CheckedContinuation<Bool, Never>] in
            let ready = state.waiting.filter { $0.value.0 <= position }
            for token in ready.keys { state.waiting[token] = nil }
            return ready.values.map(\.1)
        }
        for continuation in due { continuation.resume(returning: true) }
    }
}

private struct Waiters {
    var waiting: [UUID: (Int64, CheckedContinuation<Bool, Never>)] = [:]
    /// Tokens whose time ran out before they were registered.
    var expired: Set<UUID> = []
}
