import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import NIOCore

/// A JSON response in Mirsad's dialect (ISO-8601 timestamps with milliseconds, sorted keys).
public struct JSONReply: ResponseGenerator, Sendable {
    public var status: HTTPResponse.Status
    public var body: Data
    public var headers: HTTPFields

    public init<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws {
        self.status = status
        self.body = try MirsadJSON.encoder().encode(value)
        self.headers = headers
    }

    /// A reply whose bytes are already encoded (an idempotent replay).
    public init(raw: Data, status: HTTPResponse.Status, headers: HTTPFields = [:]) {
        self.status = status
        self.body = raw
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
