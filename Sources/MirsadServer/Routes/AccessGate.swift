import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore

/// Applies need-to-know on the HTTP side: existence and visibility (404 either way, denial
/// audited), restricted fields (removed, or shown to the owning sector with a stated purpose,
/// the read audited before the data leaves), and views of replies.
struct AccessGate {
    let services: AppServices

    func policy() throws -> AccessPolicy { AccessPolicy(catalog: try services.catalog()) }

    /// The stated purpose of a read (`X-Purpose`), if any.
    static func purpose(of request: Request) throws -> String? {
        guard let purpose = request.headers[.purpose]?.trimmingCharacters(in: .whitespaces), !purpose.isEmpty else {
            return nil
        }
        guard purpose.count <= 500 else { throw Problem.invalidField("X-Purpose", "at most 500 characters") }
        return purpose
    }

    /// The incident as the caller may read it. Reading restricted content needs a purpose.
    func read(_ id: UUID, request: Request, principal: Principal, requirePurposeForRestricted: Bool = true)
        async throws -> (Incident, includesRestricted: Bool)
    {
        try principal.actor.require(.readOperations)
        let policy = try policy()
        // Absent and hidden take the same path, audit included, so neither answer nor timing tells them apart.
        guard let incident = try await services.store.incident(id), policy.canSee(incident, principal.actor) else {
            try await notVisible(principal, incidentId: id, request: request)
        }
        let restricted = policy.restrictedContent(of: incident)
        guard !restricted.isEmpty, policy.isEntitledToRestricted(incident, principal.actor) else {
            return (policy.view(incident, for: principal.actor), false)
        }
        guard let purpose = try Self.purpose(of: request) else {
            guard requirePurposeForRestricted else { return (policy.view(incident, for: principal.actor), false) }
            throw Problem.purposeRequired(restricted)
        }
        // Fail closed: if the read cannot be recorded, the data is not returned.
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .restrictedRead, outcome: "success", subject: principal.username, incidentId: id,
                            purpose: purpose,
                            detail: "\(request.method) \(request.uri.path): \(restricted.joined(separator: ", "))")),
                    sectors: []
                )
            ],
            actor: principal.actor)
        return (incident, true)
    }

    /// Records a refused access in the audit trail (coalesced per actor, object and minute).
    func denied(_ principal: Principal, incidentId: UUID?, detail: String, object: String? = nil) async throws {
        try await services.denials.record(
            actor: principal.actor, object: object ?? incidentId?.uuidString ?? detail, incidentId: incidentId,
            detail: detail)
    }

    /// An incident the caller may not see, or that does not exist: audited alike, then 404.
    func notVisible(_ principal: Principal, incidentId: UUID, request: Request) async throws -> Never {
        try await denied(
            principal, incidentId: incidentId,
            detail: "\(request.method) \(request.uri.path): no incident \(incidentId) visible to \(principal.sector)")
        throw Problem.notFound("incident")
    }
}

extension HTTPField.Name {
    static let purpose = HTTPField.Name("X-Purpose")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let serverTiming = HTTPField.Name("Server-Timing")!
}

extension Problem {
    static func purposeRequired(_ fields: [String]) -> Problem {
        Problem(
            status: HTTPResponse.Status(code: 428, reasonPhrase: "Precondition Required"), code: "purpose-required",
            title: "State the purpose of this read",
            detail:
                "this record holds restricted fields (\(fields.joined(separator: ", "))); send an X-Purpose header saying why you read it",
            field: "X-Purpose")
    }
}

/// Audits every refusal by role (403) on the routes behind authentication.
struct DenialAuditMiddleware: RouterMiddleware {
    typealias Context = MirsadRequestContext
    let services: AppServices

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if Problem.from(error).status == .forbidden, let principal = context.principal {
                try await AccessGate(services: services).denied(
                    principal, incidentId: context.parameters.get("id", as: UUID.self),
                    detail: "\(request.method) \(request.uri.path): \(Problem.from(error).detail ?? "forbidden")")
            }
            throw error
        }
    }
}
