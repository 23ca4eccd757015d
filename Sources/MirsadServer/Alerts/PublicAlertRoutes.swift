import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore

/// The content of a warning as a request body (`POST /v1/alerts`, `.../update`).
struct AlertContentBody: StrictBody {
    var content: PublicAlertContent
    init(from decoder: any Decoder) throws { content = try PublicAlertContent(from: decoder) }
    static let shape = JSONShape.documented("post", "/v1/alerts")
}

struct AlertCancelBody: StrictBody {
    var note: String
    static let shape = JSONShape.documented("post", "/v1/alerts/{id}/cancel")
}

struct AlertRejectBody: StrictBody {
    var reason: String
    static let shape = JSONShape.documented("post", "/v1/alerts/{id}/reject")
}

/// An alert as the API shows it: the record, its state now (`expired` once past its expiry),
/// and where the public reads it once published.
struct PublicAlertView: Encodable, Sendable {
    var alert: PublicAlert
    var now: Date

    enum Keys: String, CodingKey { case state, capUrl, signatureUrl }

    func encode(to encoder: any Encoder) throws {
        try alert.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(alert.displayStatus(at: now), forKey: .state)
        if alert.wasPublished {
            try c.encode(CAPPublicRoutes.documentPath(alert.identifier), forKey: .capUrl)
            try c.encode(CAPPublicRoutes.documentPath(alert.identifier) + ".sig", forKey: .signatureUrl)
        }
    }
}

/// `/v1/alerts`: public warnings under the two-person rule. A public-information officer
/// drafts (a new alert, an update or a cancellation); a different supervisor or officer
/// approves, which publishes it in `/cap/feed.atom`, or rejects it. Drafts are seen only by
/// those who write or approve them and by oversight; a hidden draft answers 404 like an
/// absent one.
struct PublicAlertRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("alerts", use: list)
        group.post("alerts", use: draft)
        group.get("alerts/:id", use: show)
        group.get("alerts/:id/cap", use: capPreview)
        group.post("alerts/:id/update", use: draftUpdate)
        group.post("alerts/:id/cancel", use: draftCancel)
        group.post("alerts/:id/approve", use: approve)
        group.post("alerts/:id/reject", use: reject)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        try actor.require(.readOperations)
        let policy = AccessPolicy(catalog: try services.catalog())
        let now = services.clock.now()
        let state = request.uri.queryParameters["state"].map(String.init)
        let states = ["draft", "published", "rejected", "superseded", "cancelled", "expired"]
        if let state, !states.contains(state) {
            throw Problem.invalidField("state", "one of \(states.joined(separator: ", "))")
        }
        let alerts = try await services.store.publicAlerts().filter { alert in
            policy.canSee(alert, actor) && (state == nil || alert.displayStatus(at: now) == state)
        }
        return try JSONReply(["alerts": alerts.map { PublicAlertView(alert: $0, now: now) }])
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try JSONReply(PublicAlertView(alert: try await visible(context), now: services.clock.now()))
    }

    /// The CAP document as it is or will be published (a draft says `<status>Draft</status>`).
    @Sendable func capPreview(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let alert = try await visible(context)
        return CAPPublicRoutes.xmlResponse(PublicAlertCAP.xml(alert, catalog: try services.catalog()))
    }

    @Sendable func draft(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        try actor.require(.draftPublicAlerts)
        let body = try await StrictJSON.decode(AlertContentBody.self, from: request, limit: services.limits.commandBody)
        try check(body.content)
        return try await run(.draft(body.content), actor: actor, status: .created)
    }

    @Sendable func draftUpdate(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let (id, actor) = try ids(context)
        let body = try await StrictJSON.decode(AlertContentBody.self, from: request, limit: services.limits.commandBody)
        // Which alert, then who, then what: a hidden alert is not found whatever the body says.
        _ = try await visible(context)
        try actor.require(.draftPublicAlerts)
        try check(body.content)
        return try await run(.draftUpdate(of: id, body.content), actor: actor, status: .created)
    }

    @Sendable func draftCancel(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let (id, actor) = try ids(context)
        let body = try await StrictJSON.decode(AlertCancelBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.draftCancel(of: id, note: body.note), actor: actor, status: .created)
    }

    @Sendable func approve(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let (id, actor) = try ids(context)
        return try await run(.approve(id), actor: actor, status: .ok)
    }

    @Sendable func reject(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let (id, actor) = try ids(context)
        let body = try await StrictJSON.decode(AlertRejectBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.reject(id, reason: body.reason), actor: actor, status: .ok)
    }

    // MARK: - Helpers

    private func ids(_ context: MirsadRequestContext) throws -> (UUID, Actor) {
        (try context.parameters.require("id", as: UUID.self), try context.requirePrincipal().actor)
    }

    /// The alert named by the path, if the caller may see it; 404 alike for hidden and absent.
    private func visible(_ context: MirsadRequestContext) async throws -> PublicAlert {
        let (id, actor) = try ids(context)
        try actor.require(.readOperations)
        let policy = AccessPolicy(catalog: try services.catalog())
        guard let alert = try await services.store.publicAlert(id), policy.canSee(alert, actor) else {
            throw Problem.from(DomainError.notFound(kind: "alert", id: id.uuidString))
        }
        return alert
    }

    /// The CAP vocabulary, then the whole message as the CAP engine reads it back.
    private func check(_ content: PublicAlertContent) throws {
        try PublicAlertCAP.checkVocabulary(content)
        let catalog = try services.catalog()
        let now = services.clock.now()
        do {
            let validated = try PublicAlertRules.validated(content, catalog: catalog, now: now)
            let preview = PublicAlert(
                id: UUID(), identifier: "preview", kind: .alert, replaces: nil, references: [], content: validated,
                note: nil, draftedBy: "preview", draftedAt: now)
            try PublicAlertCAP.checkReadsBack(preview, catalog: catalog)
        } catch let error as DomainError {
            throw Problem.from(error)
        }
    }

    private func run(_ command: PublicAlertCommand, actor: Actor, status: HTTPResponse.Status) async throws
        -> JSONReply
    {
        let (event, alert) = try await services.store.execute(command, actor: actor)
        services.logger.info(
            "public alert \(alert.identifier) \(event.type) by \(actor.username)",
            metadata: ["event": "\(event.id)", "user": "\(actor.username)"])
        return try JSONReply(PublicAlertView(alert: alert, now: services.clock.now()), status: status)
    }
}
