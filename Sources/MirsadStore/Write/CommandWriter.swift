import Foundation
import Logging
import Metrics
import MirsadDomain
import SQLKit
import Synchronization

/// The single writer of this process, and where group commit happens.
///
/// Writes queue up while a transaction is in flight; the next transaction takes all of them
/// (up to `maxBatch`), decides each one against the state the batch sees, and commits them
/// with one fsync. A write the domain rejects is undone alone; a storage failure of a batch
/// is retried write by write so only the write that caused it fails.
///
/// The queue is a lock, not an actor: a request resumes on its own executor when its batch
/// commits, so its reply is encoded beside the next batch rather than on the writer's thread.
final class CommandWriter: Sendable {
    typealias Stage = @Sendable (BatchTransaction) async throws -> any Sendable

    private struct Pending: Sendable {
        let stage: Stage
        /// Duplicate-candidate areas the write will ask for, read ahead for the whole batch.
        let candidateAreas: [CandidateArea]
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var pending: [Pending] = []
        var finished = false
    }

    private let backend: any DatabaseBackend
    private let catalog: CatalogBox
    private let signing: AuditSigningBox
    private let clock: any TimeSource
    private let logger: Logger
    private let notices: AsyncStream<CommitNotice>.Continuation
    private let trackSampler = TrackSampler()
    private let queue = Mutex(Queue())
    private let maxBatch = 512
    /// Wakes the drain loop; one buffered wake-up is enough, the loop takes all that is pending.
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(
        backend: any DatabaseBackend, catalog: CatalogBox, signing: AuditSigningBox, clock: any TimeSource,
        logger: Logger, notices: AsyncStream<CommitNotice>.Continuation
    ) {
        self.backend = backend
        self.catalog = catalog
        self.signing = signing
        self.clock = clock
        self.logger = logger
        self.notices = notices
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues a write and returns its output once it is durable.
    func submit<Output: Sendable>(
        candidateAreas: [CandidateArea] = [], _ stage: @escaping @Sendable (BatchTransaction) async throws -> Output
    ) async throws -> Output {
        let value = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<any Sendable, any Error>) in
            let write = Pending(
                stage: { try await stage($0) }, candidateAreas: candidateAreas, continuation: continuation)
            let accepted = queue.withLock { queue in
                guard !queue.finished else { return false }
                queue.pending.append(write)
                return true
            }
            if accepted {
                wake.yield()
            } else {
                continuation.resume(throwing: StoreError.unavailable("the store is closed"))
            }
        }
        guard let output = value as? Output else { throw StoreError.writeFailed("unexpected output type") }
        return output
    }

    var sampler: TrackSampler { trackSampler }

    /// The drain loop, owned by the store's `run()`: commits whatever is pending, batch by
    /// batch, until `finish()`; writes queued before then are still committed, later ones are
    /// refused.
    func run() async {
        await withTaskExecutorPreference(backend.writeExecutor) {
            for await _ in wakeUps {
                await drain()
            }
            while let batch = nextBatch(finishingWhenEmpty: true) { await commit(batch) }
        }
    }

    /// Ends the drain loop once what is pending is committed.
    func finish() { wake.finish() }

    private func drain() async {
        while let batch = nextBatch(finishingWhenEmpty: false) { await commit(batch) }
    }

    private func nextBatch(finishingWhenEmpty: Bool) -> [Pending]? {
        queue.withLock { queue in
            guard !queue.pending.isEmpty else {
                if finishingWhenEmpty { queue.finished = true }
                return nil
            }
            let batch = Array(queue.pending.prefix(maxBatch))
            queue.pending.removeFirst(batch.count)
            return batch
        }
    }

    private func commit(_ batch: [Pending]) async {
        let started = ContinuousClock.now
        do {
            let catalog = catalog.current ?? .none
            let now = Date(epochMilliseconds: clock.now().epochMilliseconds)
            let timeZone = TimeZone(identifier: catalog.jurisdiction.timeZone) ?? .gmt
            let backend = self.backend
            let signing = self.signing.current
            let (results, notice, trackPoints) = try await backend.withWriteTransaction { db in
                let head = try await LogHead.read(db)
                let tx = BatchTransaction(
                    db: db, catalog: catalog, now: now, timeZone: timeZone, head: head,
                    signing: signing)
                try await tx.prefetchDuplicateCandidates(batch.flatMap(\.candidateAreas))
                var results: [Result<any Sendable, any Error>] = []
                for write in batch {
                    let saved = tx.snapshot()
                    do {
                        results.append(.success(try await write.stage(tx)))
                    } catch let error where Self.concernsOnlyThisWrite(error) {
                        tx.restore(saved)
                        results.append(.failure(error))
                    }
                }
                if tx.hasWrites {
                    try await tx.flush()
                    if !tx.staged.events.isEmpty {
                        try await backend.notifyCommitted(lastEventID: tx.staged.lastEventID, on: db)
                    }
                }
                let notice = CommitNotice(
                    events: tx.staged.events, positions: Array(tx.staged.latestPositions.values),
                    positionSeq: tx.positionSeq)
                return (results, notice, tx.staged.trackPoints)
            }
            trackSampler.record(trackPoints)
            // Looked up per batch (a cached lookup) so a metrics backend bootstrapped later still sees them.
            Recorder(label: "mirsad_commit_batch_size").record(batch.count)
            Metrics.Timer(label: "mirsad_commit_duration").recordInterval(since: started)
            if !notice.events.isEmpty || !notice.positions.isEmpty { notices.yield(notice) }
            for (write, result) in zip(batch, results) { write.continuation.resume(with: result) }
        } catch {
            let failure = StoreError.classify(error)
            if batch.count > 1, case .writeFailed = failure {
                logger.warning("batch of \(batch.count) failed (\(failure)); retrying one by one")
                for write in batch { await commit([write]) }
                return
            }
            if case .writeFailed = failure { logger.error("write failed: \(error)") }
            for write in batch { write.continuation.resume(throwing: failure) }
        }
    }
}

extension CommandWriter {
    /// Rule and request errors reject one write; database errors fail the whole batch.
    static func concernsOnlyThisWrite(_ error: any Error) -> Bool {
        if error is DomainError || error is AccountRefusal { return true }
        if let error = error as? StoreError, case .unavailable = error { return false }
        return error is StoreError
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
