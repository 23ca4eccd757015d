import NIOPosix

/// The one thread on which the SQLite write connection runs its statements and the writer
/// runs the batch between them: the connection's thread pool (of one thread) and the task
/// executor of the writer's drain loop.
///
/// A batch awaits the database about ten times (begin, the log head, the duplicate
/// candidates, the multi-row inserts, commit). With a pool thread for SQLite and the shared
/// cooperative pool for the writer, each await costs two thread wake-ups, and on two busy
/// cores a wake-up waits for a time slice: measured, most of a batch's time went to those
/// waits rather than to SQLite. Here the statement runs next on the thread that asked for it,
/// and the writer resumes on it right after: no wake-up at all.
final class SQLiteWriterThread: TaskExecutor {
    let pool: NIOThreadPool

    init() {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in job.runSynchronously(on: executor) }
    }

    /// Ends the thread; only once the writer's loop has returned (queued jobs would be dropped).
    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
