import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore
import NIOCore

/// An operation as the API shows it, with the tasks overdue now.
struct OperationView: Encodable, Sendable {
    var operation: EmergencyOperation
    var now: Date

    enum Keys: String, CodingKey { case overdueTasks }

    func encode(to encoder: any Encoder) throws {
        try operation.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        let overdue = operation.status == .active ? operation.tasks.filter { $0.isOverdue(at: now) }.map(\.id) : []
        try c.encode(overdue, forKey: .overdueTasks)
    }
}

/// `/v1/playbooks` and `/v1/operations`: emergency plans and the operations they start. A
/// supervisor activates a plan by hand (triggers start them too) and stands it down; each
/// sector acknowledges and completes its own tasks. An operation is seen by the sectors it
/// gave tasks to and by oversight; for anyone else it answers 404, like an absent one.
struct OperationRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("playbooks", use: playbooks)
        group.post("playbooks/:id/activate", use: activate)
        group.get("operations", use: list)
        group.get("operations/:id", use: show)
        group.post("operations/:id/tasks/:task/acknowledge", use: acknowledge)
        group.post("operations/:id/tasks/:task/complete", use: complete)
        group.post("operations/:id/stand-down", use: standDown)
        group.get("operations/:id/report", use: report)
    }

    /// The after-action report as a printable page (`?lang=ar` for Arabic, right to left).
    @Sendable func report(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let operation = try await visible(context)
        let language: OperationReport.Language
        switch request.uri.queryParameters["lang"] {
        case nil, "en": language = .en
        case "ar": language = .ar
        default: throw Problem.invalidField("lang", "en or ar")
        }
        let history = try await OperationHistory.collect(operation, store: services.store, now: services.clock.now())
        let timeZone = TimeZone(identifier: try services.catalog().jurisdiction.timeZone) ?? .gmt
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // The page carries its own style sheet and nothing else.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
        let html = OperationReport(history: history, language: language, timeZone: timeZone).html
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    @Sendable func playbooks(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        return try JSONReply(["playbooks": try services.catalog().jurisdiction.playbooks])
    }

    @Sendable func activate(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id")
        return try await run(.activate(playbookId: id, trigger: "manual (\(actor.username))"), actor, .created)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        try actor.require(.readOperations)
        let policy = AccessPolicy(catalog: try services.catalog())
        let now = services.clock.now()
        let operations = try await services.store.emergencyOperations().filter { policy.canSee($0, actor) }
        return try JSONReply(["operations": operations.map { OperationView(operation: $0, now: now) }])
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try JSONReply(OperationView(operation: try await visible(context), now: services.clock.now()))
    }

    /// The operation named by the path, if the caller may see it; 404 alike for hidden and absent.
    private func visible(_ context: MirsadRequestContext) async throws -> EmergencyOperation {
        let actor = try context.requirePrincipal().actor
        try actor.require(.readOperations)
        let id = try context.parameters.require("id", as: UUID.self)
        guard let operation = try await services.store.emergencyOperation(id),
            AccessPolicy(catalog: try services.catalog()).canSee(operation, actor)
        else { throw Problem.from(DomainError.notFound(kind: "operation", id: id.uuidString)) }
        return operation
    }

    @Sendable func acknowledge(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let (id, task, actor) = try taskPath(context)
        return try await run(.acknowledgeTask(operation: id, task: task), actor, .ok)
    }

    @Sendable func complete(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let (id, task, actor) = try taskPath(context)
        return try await run(.completeTask(operation: id, task: task), actor, .ok)
    }

    @Sendable func standDown(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        return try await run(.standDown(operation: try context.parameters.require("id", as: UUID.self)), actor, .ok)
    }

    private func taskPath(_ context: MirsadRequestContext) throws -> (UUID, String, Actor) {
        (
            try context.parameters.require("id", as: UUID.self), try context.parameters.require("task"),
            try context.requirePrincipal().actor
        )
    }

    private func run(_ command: OperationCommand, _ actor: Actor, _ status: HTTPResponse.Status) async throws
        -> JSONReply
    {
        let (event, operation) = try await services.store.execute(command, actor: actor)
        services.logger.info("operation \(operation.playbookId) \(event.type) by \(actor.username)")
        return try JSONReply(OperationView(operation: operation, now: services.clock.now()), status: status)
    }
}
