import Foundation
import MirsadDomain
import SQLKit

extension EventStore {
    /// Decides and commits a command. With `idempotency`, a retry of the same request returns
    /// the first reply and does nothing; `render` turns the outcome into the reply to keep.
    public func execute(
        _ command: Command, actor: Actor, idempotency: IdempotentRequest? = nil,
        render: (@Sendable (CommandOutcome) throws -> StoredResponse)? = nil
    ) async throws -> CommandReply {
        try await execute([command], actor: actor, idempotency: idempotency, render: render)
    }

    /// Decides and commits several commands all-or-nothing (e.g. a new type and priority at once).
    public func execute(
        _ commands: [Command], actor: Actor, idempotency: IdempotentRequest? = nil,
        render: (@Sendable (CommandOutcome) throws -> StoredResponse)? = nil
    ) async throws -> CommandReply {
        let areas = commands.compactMap { command -> CandidateArea? in
            guard case .createIncident(let create) = command,
                let family = try? catalog?.incidentType(create.type).family
            else { return nil }
            return CandidateArea(create.location, family: family)
        }
        return try await writer.submit(candidateAreas: areas) { tx in
            guard tx.catalog.isLoaded else {
                throw StoreError.invalidConfiguration("no jurisdiction loaded: start with --jurisdiction FILE")
            }
            if let idempotency {
                if let previous = try await tx.idempotentReply(for: idempotency) {
                    return CommandReply.replayed(previous)
                }
            }
            var events: [EventEnvelope] = []
            var primary: UUID?
            for command in commands {
                let context = try await tx.prepare(command, actor: actor)
                events += try tx.execute(command, context: context)
                tx.settle(command)
                primary = primary ?? context.newIncidentID ?? command.incidentIDs.first
            }
            let outcome = tx.outcome(of: events, primary: primary)
            var stored: StoredResponse?
            if let idempotency, let render {
                var response = try render(outcome)
                response.requestHash = idempotency.requestHash
                tx.stageIdempotent(idempotency.key, response: response)
                stored = response
            }
            return CommandReply.executed(outcome, stored)
        }
    }
}

extension BatchTransaction {
    /// Loads what a command touches and reserves what it needs (a new incident's id and number).
    func prepare(_ command: Command, actor: Actor) async throws -> CommandContext {
        var context = CommandContext(now: now, actor: actor)
        switch command {
        case .createIncident(let create):
            let type = try catalog.incidentType(create.type)
            _ = try create.location.validated()
            context.newIncidentID = UUID()
            context.newIncidentNumber = try await nextIncidentNumber()
            context.duplicateCandidates = try await duplicateCandidates(near: create.location, family: type.family)
        case .raiseAnalyticAlert(_, let key, _):
            try await loadIncidents(command.incidentIDs)
            context.alertAlreadyRaised = try await idempotentReply(for: Self.alertRequest(key)) != nil
        default:
            try await loadIncidents(command.incidentIDs)
            try await loadUnits(command.unitIDs)
        }
        return context
    }

    /// Records what a decided command reserved beyond its events.
    func settle(_ command: Command) {
        if case .raiseAnalyticAlert(_, let key, _) = command {
            let request = Self.alertRequest(key)
            stageIdempotent(request.key, response: StoredResponse(status: 201, body: "", requestHash: key))
        }
    }

    /// An alert's key is kept as the platform's idempotency key: a second alert with the key is refused.
    static func alertRequest(_ key: String) -> IdempotentRequest {
        IdempotentRequest(key: IdempotencyKey(principal: "mirsad:platform", key: key), requestHash: key)
    }

    /// The stored reply for a key, or nil; a key reused with a different request is refused.
    func idempotentReply(for request: IdempotentRequest) async throws -> StoredResponse? {
        var response = stagedIdempotent(request.key)
        if response == nil {
            let row = try await db.select().columns("request_hash", "status", "body").from("idempotency_keys")
                .where("principal", .equal, request.key.principal).where("idem_key", .equal, request.key.key).first()
            if let row {
                response = StoredResponse(
                    status: try row.decode(column: "status", as: Int.self),
                    body: try row.decode(column: "body", as: String.self),
                    requestHash: try row.decode(column: "request_hash", as: String.self))
            }
        }
        guard let response else { return nil }
        guard response.requestHash == request.requestHash else { throw StoreError.idempotencyMismatch }
        return response
    }

    /// The incidents and units the events touched, as they are now.
    func outcome(of events: [EventEnvelope], primary: UUID?) -> CommandOutcome {
        var incidentIDs: [UUID] = primary.map { [$0] } ?? []
        var unitIDs: [UUID] = []
        for event in events {
            for id in [event.incidentId, event.payload.relatedIncidentId].compactMap({ $0 })
            where !incidentIDs.contains(id) {
                incidentIDs.append(id)
            }
            if let id = event.unitId, !unitIDs.contains(id) { unitIDs.append(id) }
        }
        return CommandOutcome(
            events: events,
            incidents: incidentIDs.compactMap { staged.working.incidents[$0] },
            units: unitIDs.compactMap { staged.working.units[$0] })
    }
}
