import Foundation

/// A plan in action: the tasks each sector received when a playbook was activated, and what
/// became of them. Seen by the sectors with tasks and by oversight.
public struct EmergencyOperation: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable { case active, stoodDown }

    public var id: UUID
    public var playbookId: String
    public var playbookVersion: Int
    public var scenario: Playbook.Scenario
    public var name: LocalizedName
    /// What started it, in words ("manual", "CAP met@…,W-1: Heavy rain (Severe)", "incident 2026-000042").
    public var trigger: String
    public var activatedAt: Date
    public var activatedBy: String
    public var status: Status
    public var tasks: [OperationTask]
    public var stoodDownAt: Date?
    public var stoodDownBy: String?
    public var version: Int

    /// The sectors with a task: the operation's audience besides oversight.
    public var sectors: [String] { Array(Set(tasks.map(\.sector))).sorted() }

    public init(
        id: UUID, playbook: Playbook, trigger: String, activatedAt: Date, activatedBy: String
    ) {
        self.id = id
        self.playbookId = playbook.id
        self.playbookVersion = playbook.version
        self.scenario = playbook.scenario
        self.name = playbook.name
        self.trigger = trigger
        self.activatedAt = activatedAt
        self.activatedBy = activatedBy
        self.status = .active
        self.tasks = playbook.tasks.map {
            OperationTask(
                id: $0.id, phase: $0.phase, sector: $0.sector, title: $0.title,
                due: activatedAt.addingTimeInterval(TimeInterval($0.deadlineMinutes * 60)))
        }
        self.version = 1
    }
}

public struct OperationTask: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable { case open, acknowledged, done }

    public var id: String
    public var phase: String
    public var sector: String
    public var title: LocalizedName
    public var due: Date
    public var status: Status
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var doneAt: Date?
    public var doneBy: String?
    /// When it was escalated to the supervisors for being overdue.
    public var escalatedAt: Date?

    public init(id: String, phase: String, sector: String, title: LocalizedName, due: Date) {
        self.id = id
        self.phase = phase
        self.sector = sector
        self.title = title
        self.due = due
        self.status = .open
    }

    public func isOverdue(at now: Date) -> Bool { status != .done && now > due }
}

/// An operation was activated, a task acknowledged or done, or the plan stood down. Carries the
/// operation as it is after the change, so the read model rebuilds from the log alone.
public struct OperationChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Hashable, Sendable, CaseIterable {
        case activated, taskAcknowledged, taskCompleted, taskEscalated, stoodDown

        /// The event type in the log and on the live feed (`operations.taskCompleted`).
        public var eventType: String { "operations.\(rawValue)" }
        public static var eventTypes: [String] { allCases.map(\.eventType) }
    }

    public var change: Change
    public var operation: EmergencyOperation
    /// The task concerned, for task changes.
    public var taskId: String?

    public init(change: Change, operation: EmergencyOperation, taskId: String? = nil) {
        self.change = change
        self.operation = operation
        self.taskId = taskId
    }
}

public enum OperationCommand: Hashable, Sendable {
    case activate(playbookId: String, trigger: String)
    case acknowledgeTask(operation: UUID, task: String)
    case completeTask(operation: UUID, task: String)
    /// The platform's own: a task past its deadline goes to the supervisors, once.
    case escalateTask(operation: UUID, task: String)
    case standDown(operation: UUID)

    public var operationID: UUID? {
        switch self {
        case .activate: nil
        case .acknowledgeTask(let id, _), .completeTask(let id, _), .escalateTask(let id, _), .standDown(let id): id
        }
    }
}

/// Activation (one active operation per playbook, so two triggers or two instances start it
/// once), task work by the task's own sector or oversight, and standing down (supervisors).
public enum OperationDecider {
    public static func decide(
        _ command: OperationCommand, operation: EmergencyOperation?, activeOfPlaybook: Bool, newID: UUID,
        now: Date, actor: Actor, catalog: JurisdictionIndex
    ) throws(DomainError) -> OperationChanged {
        try actor.require(.readOperations)
        let policy = AccessPolicy(catalog: catalog)
        if let id = command.operationID {
            guard let operation, policy.canSee(operation, actor) else {
                throw .notFound(kind: "operation", id: id.uuidString)
            }
        }
        switch command {
        case .activate(let playbookId, let trigger):
            try actor.require(.activatePlaybooks)
            guard let playbook = catalog.jurisdiction.playbooks.first(where: { $0.id == playbookId }) else {
                throw .notFound(kind: "playbook", id: playbookId)
            }
            guard !activeOfPlaybook else { throw .conflict(reason: "playbook \(playbookId) is already active") }
            return OperationChanged(
                change: .activated,
                operation: EmergencyOperation(
                    id: newID, playbook: playbook, trigger: trigger, activatedAt: now, activatedBy: actor.username))

        case .acknowledgeTask(_, let taskId), .completeTask(_, let taskId):
            try actor.require(.workOperationTasks)
            var operation = operation!
            guard operation.status == .active else { throw .conflict(reason: "the operation was stood down") }
            guard let i = operation.tasks.firstIndex(where: { $0.id == taskId }) else {
                throw .notFound(kind: "task", id: taskId)
            }
            guard policy.hasOversight(actor) || actor.sector == operation.tasks[i].sector else {
                throw .forbidden(reason: "task \(taskId) is for \(operation.tasks[i].sector)")
            }
            let completing: Bool
            if case .completeTask = command { completing = true } else { completing = false }
            switch (operation.tasks[i].status, completing) {
            case (.done, _): throw .conflict(reason: "task \(taskId) is done")
            case (.acknowledged, false): throw .conflict(reason: "task \(taskId) is already acknowledged")
            default: break
            }
            if operation.tasks[i].acknowledgedAt == nil {
                operation.tasks[i].acknowledgedAt = now
                operation.tasks[i].acknowledgedBy = actor.username
            }
            operation.tasks[i].status = completing ? .done : .acknowledged
            if completing {
                operation.tasks[i].doneAt = now
                operation.tasks[i].doneBy = actor.username
            }
            operation.version += 1
            return OperationChanged(
                change: completing ? .taskCompleted : .taskAcknowledged, operation: operation, taskId: taskId)

        case .escalateTask(_, let taskId):
            try actor.require(.escalateOverdueTasks)
            var operation = operation!
            guard operation.status == .active else { throw .conflict(reason: "the operation was stood down") }
            guard let i = operation.tasks.firstIndex(where: { $0.id == taskId }) else {
                throw .notFound(kind: "task", id: taskId)
            }
            guard operation.tasks[i].isOverdue(at: now) else {
                throw .conflict(reason: "task \(taskId) is not overdue")
            }
            guard operation.tasks[i].escalatedAt == nil else {
                throw .conflict(reason: "task \(taskId) was escalated already")
            }
            operation.tasks[i].escalatedAt = now
            operation.version += 1
            return OperationChanged(change: .taskEscalated, operation: operation, taskId: taskId)

        case .standDown:
            try actor.require(.activatePlaybooks)
            var operation = operation!
            guard operation.status == .active else { throw .conflict(reason: "the operation was stood down already") }
            operation.status = .stoodDown
            operation.stoodDownAt = now
            operation.stoodDownBy = actor.username
            operation.version += 1
            return OperationChanged(change: .stoodDown, operation: operation)
        }
    }
}
