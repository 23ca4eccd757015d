import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore
import NIOCore

struct CheckInBody: StrictBody {
    var registration: EvacueeRegistration
    init(from decoder: any Decoder) throws { registration = try EvacueeRegistration(from: decoder) }
    static let shape = JSONShape.documented("post", "/v1/shelters/{id}/evacuees")
}

struct CheckOutBody: StrictBody {
    var reason: String?
    static let shape = JSONShape.documented("post", "/v1/evacuees/{id}/check-out")
}

struct TransferBody: StrictBody {
    var shelterId: String
    static let shape = JSONShape.documented("post", "/v1/evacuees/{id}/transfer")
}

/// Evacuees: checked in at a shelter, checked out, moved to another. Their records are for the
/// sector running their shelter and for oversight (404 for anyone else, as for an absent one);
/// who they are is for that sector's staff only, with a stated purpose (`X-Purpose`), and each
/// such read is audited before the data leaves. `GET /v1/pfif` exports the staff's evacuees in
/// PFIF 1.4 for family reunification services, on the same terms.
struct EvacueeRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.post("shelters/:id/evacuees", use: checkIn)
        group.get("shelters/:id/evacuees", use: list)
        group.get("evacuees/:id", use: show)
        group.post("evacuees/:id/check-out", use: checkOut)
        group.post("evacuees/:id/transfer", use: transfer)
        group.get("pfif", use: pfif)
    }

    @Sendable func checkIn(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id")
        let body = try await StrictJSON.decode(CheckInBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.checkIn(shelterId: id, body.registration), actor, .created)
    }

    @Sendable func checkOut(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id", as: UUID.self)
        let data = try await StrictJSON.body(of: request, limit: services.limits.commandBody)
        let reason = data.isEmpty ? nil : try StrictJSON.decode(CheckOutBody.self, from: data).reason
        return try await run(.checkOut(evacuee: id, reason: reason), actor, .ok)
    }

    @Sendable func transfer(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id", as: UUID.self)
        let body = try await StrictJSON.decode(TransferBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.transfer(evacuee: id, to: body.shelterId), actor, .ok)
    }

    /// One evacuee. Their own sector's staff must state a purpose when the record holds who they are.
    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readShelters)
        let id = try context.parameters.require("id", as: UUID.self)
        let policy = AccessPolicy(catalog: try services.catalog())
        guard let evacuee = try await services.store.evacuee(id), policy.canSee(evacuee, principal.actor) else {
            try await AccessGate(services: services).denied(
                principal, incidentId: nil,
                detail: "\(request.method) \(request.uri.path): no evacuee \(id) visible to \(principal.sector)",
                object: id.uuidString)
            throw Problem.from(DomainError.notFound(kind: "evacuee", id: id.uuidString))
        }
        guard evacuee.personal != nil, policy.isEntitledToPersonal(evacuee, principal.actor) else {
            return try JSONReply(EvacueeView(evacuee: evacuee, includesPersonal: false))
        }
        guard let purpose = try AccessGate.purpose(of: request) else { throw Problem.purposeRequired(["personal"]) }
        try await auditPersonalRead(principal, purpose: purpose, request: request, count: 1)
        return try JSONReply(EvacueeView(evacuee: evacuee, includesPersonal: true))
    }

    /// Who is at a shelter (`?present=true` for those there now): for the sector running it and
    /// oversight; with `X-Purpose`, the staff also see who they are (audited).
    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readShelters)
        let id = try context.parameters.require("id")
        guard let shelter = try await services.store.shelter(id) else {
            throw Problem.from(DomainError.notFound(kind: "shelter", id: id))
        }
        let policy = AccessPolicy(catalog: try services.catalog())
        do { try policy.checkRuns(sector: shelter.site.sector, by: principal.actor) } catch {
            throw Problem.from(error)
        }
        let presentOnly: Bool
        switch request.uri.queryParameters["present"] {
        case nil, "false": presentOnly = false
        case "true": presentOnly = true
        default: throw Problem.invalidField("present", "true or false")
        }
        let evacuees = try await services.store.evacuees(shelter: id, presentOnly: presentOnly)
            .filter { policy.canSee($0, principal.actor) }
        let purpose = try AccessGate.purpose(of: request)
        let entitled = evacuees.filter { $0.personal != nil && policy.isEntitledToPersonal($0, principal.actor) }
        if let purpose, !entitled.isEmpty {
            try await auditPersonalRead(principal, purpose: purpose, request: request, count: entitled.count)
        }
        let shown = Set(purpose == nil ? [] : entitled.map(\.id))
        return try JSONReply([
            "evacuees": evacuees.map { EvacueeView(evacuee: $0, includesPersonal: shown.contains($0.id)) }
        ])
    }

    /// Everyone the caller's sector has sheltered, as PFIF 1.4 person records with a note each
    /// saying where they are; for that sector's staff, with a stated purpose, audited.
    @Sendable func pfif(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.registerEvacuees)
        let catalog = try services.catalog()
        let policy = AccessPolicy(catalog: catalog)
        guard let purpose = try AccessGate.purpose(of: request) else { throw Problem.purposeRequired(["personal"]) }
        let evacuees = try await services.store.evacuees().filter { policy.isEntitledToPersonal($0, principal.actor) }
        try await auditPersonalRead(principal, purpose: purpose, request: request, count: evacuees.count)
        let document = PFIFDocument(
            catalog: catalog, exportedAt: services.clock.now(), evacuees: evacuees,
            shelters: try await services.store.shelters())
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"evacuees.pfif.xml\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: document.xml)))
    }

    /// Records that `count` evacuees' personal data were read, and why; fails closed.
    private func auditPersonalRead(_ principal: Principal, purpose: String, request: Request, count: Int) async throws {
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .restrictedRead, outcome: "success", subject: principal.username,
                            purpose: purpose,
                            detail: "\(request.method) \(request.uri.path): personal data of \(count) evacuee(s)")),
                    sectors: []
                )
            ],
            actor: principal.actor)
    }

    private func run(_ command: EvacueeCommand, _ actor: Actor, _ status: HTTPResponse.Status) async throws
        -> JSONReply
    {
        do {
            let (events, evacuee) = try await services.store.execute(command, actor: actor)
            services.logger.info("evacuee \(evacuee.id) \(events[0].type) at \(evacuee.shelterId) by \(actor.username)")
            return try JSONReply(EvacueeView(evacuee: evacuee, includesPersonal: false), status: status)
        } catch DomainError.conflict(let reason) {
            // A full or closed shelter: say where to go instead.
            guard let id = command.arrivalShelter,
                [ShelterDecider.fullReason(id), ShelterDecider.closedReason(id)].contains(reason),
                let shelter = try await services.store.shelter(id)
            else { throw DomainError.conflict(reason: reason) }
            throw ShelterFinder(routing: services.routing).overflow(
                from: shelter, among: try await services.store.shelters(), reason: reason)
        }
    }
}
