import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore

/// Runs commands for a route: the caller becomes the actor, an `Idempotency-Key` makes a
/// retry return the first reply, and the reply is rendered inside the committing transaction.
struct CommandRunner {
    let services: AppServices

    func run<Reply: Encodable & Sendable>(
        _ commands: [Command], request: Request, context: MirsadRequestContext, body: Data,
        status: HTTPResponse.Status = .ok, headers: @escaping @Sendable (CommandOutcome) -> HTTPFields = { _ in [:] },
        reply: @escaping @Sendable (CommandOutcome) throws -> Reply
    ) async throws -> JSONReply {
        let principal = try context.requirePrincipal()
        // Replies show incidents as the caller may read them (restricted fields removed).
        let policy = AccessPolicy(catalog: try services.catalog())
        let actor = principal.actor
        let visibleReply: @Sendable (CommandOutcome) throws -> Reply = { outcome in
            var visible = outcome
            visible.incidents = outcome.incidents.map { policy.view($0, for: actor) }
            return try reply(visible)
        }
        var idempotency: IdempotentRequest?
        if let key = request.headers[.idempotencyKey] {
            guard (1...200).contains(key.count) else {
                throw Problem.invalidField("Idempotency-Key", "must be 1 to 200 characters")
            }
            var hasher = SHA256()
            hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)\n".utf8))
            hasher.update(data: body)
            let hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            idempotency = IdempotentRequest(
                key: IdempotencyKey(principal: principal.username, key: key), requestHash: hash)
        }
        let result: CommandReply
        do {
            result = try await services.store.execute(
                commands, actor: principal.actor, idempotency: idempotency,
                render: { outcome in
                    let data = try MirsadJSON.encoder().encode(try visibleReply(outcome))
                    return StoredResponse(
                        status: status.code, body: String(decoding: data, as: UTF8.self), requestHash: "")
                })
        } catch DomainError.notFound(let kind, let id) where kind == "incident" {
            // Missing, or there but not visible to the caller: the same answer and the same audit.
            guard let uuid = UUID(uuidString: id) else { throw Problem.notFound("incident") }
            try await AccessGate(services: services).notVisible(principal, incidentId: uuid, request: request)
        }
        switch result {
        case .executed(let outcome, let stored):
            if let stored {
                return JSONReply(raw: Data(stored.body.utf8), status: status, headers: headers(outcome))
            }
            return try JSONReply(try visibleReply(outcome), status: status, headers: headers(outcome))
        case .replayed(let stored):
            var fields = HTTPFields()
            fields[.idempotentReplay] = "true"
            return JSONReply(
                raw: Data(stored.body.utf8), status: HTTPResponse.Status(code: stored.status), headers: fields)
        }
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplay = HTTPField.Name("Idempotent-Replayed")!
}
