import Foundation
import Logging
import MirsadDomain
import MirsadStore
import ServiceLifecycle

/// Escalates overdue tasks: every `interval`, each task of an active operation past its
/// deadline and not done becomes an `operations.taskEscalated` event for the operation's
/// sectors, whose supervisors act on it. Each instance runs one; the store escalates a task
/// once (a second escalation is a conflict).
public struct TaskEscalator: Service {
    let store: EventStore
    let clock: any TimeSource
    let interval: Duration
    let logger: Logger

    public init(store: EventStore, clock: any TimeSource, interval: Duration = .seconds(15), logger: Logger) {
        self.store = store
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await checkOnce() } catch {
                    logger.warning("overdue tasks not checked: \(error)")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Escalates what is overdue now; returns how many tasks it escalated.
    @discardableResult
    public func checkOnce() async throws -> Int {
        let now = clock.now()
        var escalated = 0
        for operation in try await store.emergencyOperations() where operation.status == .active {
            for task in operation.tasks where task.isOverdue(at: now) && task.escalatedAt == nil {
                do {
                    _ = try await store.execute(.escalateTask(operation: operation.id, task: task.id), actor: .system)
                    escalated += 1
                    logger.info(
                        "operation \(operation.playbookId): task \(task.id) (\(task.sector)) overdue, escalated")
                } catch DomainError.conflict {
                    // Escalated by another instance, or done meanwhile.
                }
            }
        }
        return escalated
    }
}
