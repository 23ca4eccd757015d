import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore

/// `/v1/incidents`: create, list, read, change, assign, merge, share, timeline.
struct IncidentRoutes {
    let services: AppServices
    var runner: CommandRunner { CommandRunner(services: services) }
    var gate: AccessGate { AccessGate(services: services) }

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.post("incidents") { request, context in try await create(request, context) }
        group.get("incidents") { request, context in try await list(request, context) }
        group.get("incidents/:id", use: show)
        group.patch("incidents/:id") { request, context in try await patch(request, context) }
        group.post("incidents/:id/status", use: changeStatus)
        group.post("incidents/:id/notes", use: addNote)
        group.post("incidents/:id/merge", use: merge)
        group.get("incidents/:id/timeline", use: timeline)
        group.get("incidents/:id/assignments", use: listAssignments)
        group.post("incidents/:id/assignments", use: assign)
        group.delete("incidents/:id/assignments/:unitId", use: release)
        group.post("incidents/:id/shares", use: share)
        group.delete("incidents/:id/shares/:sector", use: revokeShare)
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        return try JSONReply(try await gate.read(id, request: request, principal: try context.requirePrincipal()).0)
    }

    @Sendable func changeStatus(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let id = try context.parameters.require("id", as: UUID.self)
        let (body, data) = try await decode(StatusChange<IncidentStatus>.self, request)
        return try await incidentReply(
            [.changeIncidentStatus(incidentId: id, to: body.status, reason: body.reason)], id, request, context, data)
    }

    @Sendable func addNote(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        let (body, data) = try await decode(NoteBody.self, request)
        return try await incidentReply(
            [.addNote(incidentId: id, text: body.text)], id, request, context, data,
            status: .created)
    }

    @Sendable func merge(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        let (body, data) = try await decode(MergeBody.self, request)
        return try await incidentReply(
            [.mergeIncident(incidentId: id, into: body.into, reason: body.reason)], id, request, context, data)
    }

    @Sendable func timeline(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        let principal = try context.requirePrincipal()
        let (current, includesRestricted) = try await gate.read(
            id, request: request, principal: principal, requirePurposeForRestricted: false)
        let policy = try gate.policy()
        let events = try await services.store.timeline(of: id).compactMap {
            policy.view($0, for: principal.actor, current: current, includeRestricted: includesRestricted)
        }
        return try JSONReply(TimelineReply(incidentId: id, events: events))
    }

    @Sendable func listAssignments(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let id = try context.parameters.require("id", as: UUID.self)
        let (incident, _) = try await gate.read(
            id, request: request, principal: try context.requirePrincipal(), requirePurposeForRestricted: false)
        return try JSONReply(AssignmentsReply(incident))
    }

    @Sendable func assign(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        let (body, data) = try await decode(AssignBody.self, request)
        return try await runner.run(
            [.assignUnits(incidentId: id, unitIds: body.unitIds)], request: request, context: context, body: data,
            status: .created
        ) { outcome in
            guard let incident = outcome.incidents.first(where: { $0.id == id }) else {
                throw Problem.notFound("incident")
            }
            return AssignmentsReply(incident)
        }
    }

    @Sendable func release(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        let unitId = try context.parameters.require("unitId", as: UUID.self)
        let reason = request.uri.queryParameters["reason"].map(String.init)
        return try await incidentReply(
            [.releaseUnit(incidentId: id, unitId: unitId, reason: reason)], id, request,
            context, Data())
    }

    @Sendable func share(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.require("id", as: UUID.self)
        let (body, data) = try await decode(ShareBody.self, request)
        return try await incidentReply(
            [.shareIncident(incidentId: id, sector: body.sector, reason: body.reason)],
            id, request, context, data, status: .created)
    }

    @Sendable func revokeShare(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let id = try context.parameters.require("id", as: UUID.self)
        let sector = try context.parameters.require("sector")
        let reason = request.uri.queryParameters["reason"].map(String.init)
        return try await incidentReply(
            [.revokeShare(incidentId: id, sector: sector, reason: reason)], id, request,
            context, Data())
    }

    private func create(_ request: Request, _ context: MirsadRequestContext) async throws -> JSONReply {
        let (body, data) = try await decode(CreateIncident.self, request)
        return try await runner.run(
            [.createIncident(body)], request: request, context: context, body: data, status: .created,
            headers: { outcome in
                var fields = HTTPFields()
                if let id = outcome.primaryIncident?.id { fields[.location] = "/v1/incidents/\(id.uuidString)" }
                return fields
            }
        ) { outcome in
            guard let incident = outcome.primaryIncident else { throw Problem.notFound("incident") }
            return incident
        }
    }

    private func list(_ request: Request, _ context: MirsadRequestContext) async throws -> JSONReply {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        let parameters = request.uri.queryParameters
        var query = IncidentQuery()
        if let scope = parameters["scope"] {
            guard let value = IncidentQuery.Scope(rawValue: String(scope)) else {
                throw Problem.invalidField("scope", "must be open or all")
            }
            query.scope = value
        }
        if let since = parameters["updatedSince"] {
            guard let date = MirsadJSON.parseTimestamp(String(since)) else {
                throw Problem.invalidField("updatedSince", "must be an ISO-8601 timestamp")
            }
            query.updatedSince = date
        }
        if let limit = parameters["limit"] {
            guard let value = Int(String(limit)), (1...1000).contains(value) else {
                throw Problem.invalidField("limit", "must be an integer from 1 to 1000")
            }
            query.limit = value
        }
        return try JSONReply(IncidentList(incidents: try await visibleIncidents(query, to: principal)))
    }

    /// The incidents of a query the caller may see, as they may see them (no restricted fields).
    func visibleIncidents(_ query: IncidentQuery, to principal: Principal) async throws -> [Incident] {
        let policy = try gate.policy()
        var query = query
        if !policy.hasOversight(principal.actor) { query.visibleTo = principal.sector }
        return try await services.store.incidents(query).filter { policy.canSee($0, principal.actor) }
            .map { policy.view($0, for: principal.actor) }
    }

    private func patch(_ request: Request, _ context: MirsadRequestContext) async throws -> JSONReply {
        let id = try context.parameters.require("id", as: UUID.self)
        let (body, data) = try await decode(IncidentPatch.self, request)
        var commands: [Command] = []
        if let type = body.type {
            commands.append(.changeIncidentType(incidentId: id, type: type, reason: body.reason))
        }
        if let priority = body.priority {
            commands.append(.changePriority(incidentId: id, priority: priority, reason: body.reason))
        }
        guard !commands.isEmpty else { throw Problem.invalidField("body", "give a new priority, a new type, or both") }
        return try await incidentReply(commands, id, request, context, data)
    }

    /// Runs commands and replies with the incident as it is afterwards.
    private func incidentReply(
        _ commands: [Command], _ id: UUID, _ request: Request, _ context: MirsadRequestContext, _ body: Data,
        status: HTTPResponse.Status = .ok
    ) async throws -> JSONReply {
        try await runner.run(commands, request: request, context: context, body: body, status: status) { outcome in
            guard let incident = outcome.incidents.first(where: { $0.id == id }) else {
                throw Problem.notFound("incident")
            }
            return incident
        }
    }

    private func decode<T: StrictBody>(_ type: T.Type, _ request: Request) async throws -> (T, Data) {
        let data = try await StrictJSON.body(of: request, limit: services.limits.commandBody)
        return (try StrictJSON.decode(type, from: data), data)
    }
}

struct IncidentList: Encodable, Sendable {
    var incidents: [Incident]
}

struct TimelineReply: Encodable, Sendable {
    var incidentId: UUID
    var events: [EventEnvelope]
}

struct AssignmentsReply: Encodable, Sendable {
    var incidentId: UUID
    var status: IncidentStatus
    var assignedUnits: [UUID]
    var history: [AssignmentRecord]

    init(_ incident: Incident) {
        incidentId = incident.id
        status = incident.status
        assignedUnits = incident.assignedUnits
        history = incident.assignmentHistory
    }
}
