import Foundation
import MirsadDomain
import MirsadStore

/// What happened during one emergency operation, read from the log: its own events, the
/// roads it closed, the public warnings issued meanwhile, and the units committed by its
/// sectors between activation and stand-down.
struct OperationHistory: Sendable {
    struct TaskTimes: Sendable {
        let task: OperationTask
        let toAcknowledge: TimeInterval?
        let toComplete: TimeInterval?
    }

    let operation: EmergencyOperation
    /// The operation's events and its actions (closures, shelters opened, the plan's warning), in log order.
    let timeline: [EventEnvelope]
    /// Call signs of the units its sectors assigned during it, in order of first assignment.
    let unitsCommitted: [String]
    /// Public warnings published during it.
    let alertsIssued: [PublicAlert]
    let ended: Date

    /// The log is read from the activation onwards, a page at a time, until the stand-down.
    static let pageSize = 1000

    static func collect(_ operation: EmergencyOperation, store: EventStore, now: Date) async throws -> OperationHistory
    {
        let activation = try await store.events(ofTypes: ["operations.activated"]).first {
            if case .operation(let change) = $0.payload { return change.operation.id == operation.id }
            return false
        }
        let closurePrefix = PlaybookClosure.closureID("", operation: operation.id)
        let alertID = PublicAlertCommand.alertID(forOperation: operation.id)
        let sectors = Set(operation.sectors)
        var timeline: [EventEnvelope] = activation.map { [$0] } ?? []
        var units: [String] = []
        var alerts: [PublicAlert] = []
        var position = activation?.id ?? Int64.max
        var finished = operation.status == .stoodDown && activation == nil
        while !finished {
            let page = try await store.events(after: position, limit: pageSize)
            for event in page {
                switch event.payload {
                case .operation(let change) where change.operation.id == operation.id:
                    timeline.append(event)
                    if change.change == .stoodDown { finished = true }
                case .roadClosure(let change) where change.id.hasPrefix(closurePrefix):
                    timeline.append(event)
                case .shelter(let change) where change.change == .opened && change.shelter.openedFor == operation.id:
                    timeline.append(event)
                case .publicAlert(let change):
                    if change.alert.id == alertID { timeline.append(event) }
                    if change.change == .published { alerts.append(change.alert) }
                case .unitAssigned(let assigned) where sectors.contains(assigned.sector):
                    if !units.contains(assigned.callSign) { units.append(assigned.callSign) }
                default:
                    break
                }
                if finished { break }
            }
            position = page.last?.id ?? position
            if page.count < pageSize { finished = true }
        }
        return OperationHistory(
            operation: operation, timeline: timeline, unitsCommitted: units, alertsIssued: alerts,
            ended: operation.stoodDownAt ?? now)
    }

    var taskTimes: [TaskTimes] {
        operation.tasks.map { task in
            TaskTimes(
                task: task, toAcknowledge: task.acknowledgedAt.map { $0.timeIntervalSince(operation.activatedAt) },
                toComplete: task.doneAt.map { $0.timeIntervalSince(operation.activatedAt) })
        }
    }
}
