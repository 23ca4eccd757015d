import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore
import NIOCore

/// An RFC 9457 problem: every error the API returns has this JSON body with
/// `Content-Type: application/problem+json`, a stable `type`, a human `title`, and the field
/// at fault when there is one. Stack traces and SQL never appear in it.
public struct Problem: Error, HTTPResponseError, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String?
    /// The request field at fault, as a path such as `location.lat`.
    public var field: String?
    /// Somewhere else to turn: for a full shelter, the nearest open shelter with room.
    public var alternative: String?

    public init(status: HTTPResponse.Status, code: String, title: String, detail: String? = nil, field: String? = nil) {
        self.type = "https://mirsad.dev/problems/\(code)"
        self.title = title
        self.status = status
        self.detail = detail
        self.field = field
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = (try? MirsadJSON.encoder().encode(self)) ?? Data(#"{"title":"error"}"#.utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .serviceUnavailable { headers[.retryAfter] = "2" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Common problems

    public static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(
            status: .badRequest, code: "invalid-request", title: "The request is not valid", detail: detail,
            field: field)
    }

    public static func invalidField(_ field: String, _ reason: String) -> Problem {
        Problem(
            status: .unprocessableContent, code: "invalid-field", title: "A field is not valid",
            detail: "\(field): \(reason)", field: field)
    }

    public static func notFound(_ what: String = "resource") -> Problem {
        Problem(status: .notFound, code: "not-found", title: "Not found", detail: "\(what) not found")
    }

    public static let unauthorized = Problem(
        status: .unauthorized, code: "unauthorized", title: "Authentication required",
        detail: "send a bearer token from POST /v1/auth/login")

    public static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, code: "forbidden", title: "Not allowed", detail: detail)
    }

    public static func unavailable(_ detail: String) -> Problem {
        Problem(
            status: .serviceUnavailable, code: "unavailable", title: "Service temporarily unavailable",
            detail: detail)
    }

    /// The database file or its data is damaged: retrying will not help, an operator must act.
    static let databaseCorrupt = Problem(
        status: .internalServerError, code: "database-corrupt", title: "Stored data is damaged",
        detail: "the server's database is damaged; \(StoreError.corruptionAdvice)")

    /// Maps any error to the problem the client should see; unknown errors become a plain 500
    /// without internal detail (which goes to the log instead).
    public static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as DomainError:
            switch error {
            case .invalidField(let field, let reason):
                return .invalidField(field, reason)
            case .notFound(let kind, _):
                return .notFound(kind)
            case .illegalTransition:
                return Problem(
                    status: .conflict, code: "illegal-transition", title: "Transition not allowed",
                    detail: error.message)
            case .conflict:
                return Problem(
                    status: .conflict, code: "conflict", title: "Conflicts with the current state",
                    detail: error.message)
            case .forbidden:
                return .forbidden(error.message)
            }
        case let error as StoreError:
            switch error {
            case .unavailable:
                return .unavailable("the database cannot be reached; retry shortly")
            case .idempotencyMismatch:
                return Problem(
                    status: .unprocessableContent, code: "idempotency-key-reused",
                    title: "Idempotency-Key already used", detail: error.description, field: "Idempotency-Key")
            case .invalidConfiguration(let reason):
                return Problem(
                    status: .serviceUnavailable, code: "not-configured", title: "Not configured",
                    detail: reason)
            case .corrupt:
                return .databaseCorrupt
            case .writeFailed:
                return Problem(status: .internalServerError, code: "internal", title: "Internal error")
            }
        case let error as HTTPError:
            return Problem(
                status: error.status, code: "http-\(error.status.code)",
                title: error.status.reasonPhrase, detail: error.body)
        default:
            // Reads reach the drivers directly; a lost database there is still a 503, not a
            // 500, and a damaged one says so.
            switch StoreError.classify(error) {
            case .unavailable: return .unavailable("the database cannot be reached; retry shortly")
            case .corrupt: return .databaseCorrupt
            default: break
            }
            return Problem(status: .internalServerError, code: "internal", title: "Internal error")
        }
    }
}

extension Problem: Codable {
    enum CodingKeys: String, CodingKey { case type, title, status, detail, field, alternative }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        title = try c.decode(String.self, forKey: .title)
        status = HTTPResponse.Status(code: try c.decode(Int.self, forKey: .status))
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        alternative = try c.decodeIfPresent(String.self, forKey: .alternative)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encode(status.code, forKey: .status)
        try c.encodeIfPresent(detail, forKey: .detail)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encodeIfPresent(alternative, forKey: .alternative)
    }
}
