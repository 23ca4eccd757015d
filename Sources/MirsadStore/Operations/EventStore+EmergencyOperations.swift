import Foundation
import MirsadDomain
import SQLKit

/// Emergency operations, a read model of the `operations.*` events kept in the same
/// transaction; "one active operation per playbook" is a unique index, so two triggers or two
/// instances activating one plan at once start it once (the other gets 409).
extension EventStore {
    public func execute(_ command: OperationCommand, actor: Actor) async throws -> (
        event: EventEnvelope, operation: EmergencyOperation
    ) {
        try await writer.submit { tx in
            var operation: EmergencyOperation?
            if let id = command.operationID {
                if let staged = tx.staged.operations[id] {
                    operation = staged
                } else {
                    operation = try await OperationRows.one(id, in: tx.db)
                }
            }
            var active = false
            if case .activate(let playbookId, _) = command {
                let stored = try await tx.db.select().column("id").from("emergency_operations")
                    .where("playbook_id", .equal, playbookId).where("status", .equal, "active").all()
                    .compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) }
                // As this batch sees it: stood down by an earlier write, or activated by one.
                active =
                    stored.contains { tx.staged.operations[$0]?.status ?? .active == .active }
                    || tx.staged.operations.values.contains { $0.playbookId == playbookId && $0.status == .active }
            }
            let change = try OperationDecider.decide(
                command, operation: operation, activeOfPlaybook: active, newID: UUID(), now: tx.now, actor: actor,
                catalog: tx.catalog)
            let event = tx.append([(.operation(change), sectors: change.operation.sectors)], actor: actor)[0]
            tx.staged.operations[change.operation.id] = change.operation
            let statements = try OperationRows.write(change.operation, on: tx.db)
            // A new operation is a plain insert, so the unique index sees a second activation.
            for statement in change.change == .activated ? [statements[1]] : statements { tx.stage(statement) }
            return (event, change.operation)
        }
    }

    /// Every operation, newest first.
    public func emergencyOperations() async throws -> [EmergencyOperation] {
        try await backend.withReader { db in
            try await db.select().column("record").from("emergency_operations")
                .orderBy("activated_ms", .descending).all().map(OperationRows.decode)
        }
    }

    public func emergencyOperation(_ id: UUID) async throws -> EmergencyOperation? {
        try await backend.withReader { db in try await OperationRows.one(id, in: db) }
    }
}

enum OperationRows {
    static func one(_ id: UUID, in db: any SQLDatabase) async throws -> EmergencyOperation? {
        try await db.select().column("record").from("emergency_operations").where("id", .equal, id.uuidString)
            .first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> EmergencyOperation {
        try Codec.decode(
            EmergencyOperation.self, from: try row.decode(column: "record", as: String.self),
            what: "emergency operation")
    }

    static func write(_ operation: EmergencyOperation, on db: any SQLDatabase) throws -> [any SQLExpression] {
        [
            db.delete(from: "emergency_operations").where("id", .equal, operation.id.uuidString).query,
            db.insert(into: "emergency_operations").columns("id", "playbook_id", "status", "activated_ms", "record")
                .values(
                    SQLBind(operation.id.uuidString), SQLBind(operation.playbookId),
                    SQLBind(operation.status.rawValue), SQLBind(operation.activatedAt.epochMilliseconds),
                    SQLBind(try Codec.encode(operation))
                ).query,
        ]
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        let events = try await db.select().column("body").from("events")
            .where("type", .in, OperationChanged.Change.eventTypes).orderBy("id").all().map(EventStore.decodeEvent)
        var operations: [UUID: EmergencyOperation] = [:]
        for event in events {
            guard case .operation(let change) = event.payload else { continue }
            operations[change.operation.id] = change.operation
        }
        try await db.delete(from: "emergency_operations").run()
        for operation in operations.values {
            for statement in try write(operation, on: db) { try await db.execute(sql: statement) { _ in } }
        }
    }
}
