import Foundation
import HTTPTypes
import Hummingbird
import MirsadAlerts
import MirsadAudit
import MirsadDomain
import MirsadStore
import NIOCore

/// What the public and other agencies read, without an account: the Atom feed of warnings in
/// force, each published message as CAP 1.2, and its detached Ed25519 signature made with the
/// audit key (`GET /v1/audit/key`; `mirsad cap verify` checks it). Only approved messages are
/// ever served here; a draft or an unknown identifier is 404.
struct CAPPublicRoutes {
    let services: AppServices

    static func documentPath(_ identifier: String) -> String { "/cap/alerts/\(identifier).xml" }

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("cap/feed.atom", use: feed)
        group.get("cap/alerts/:file", use: document)
    }

    @Sendable func feed(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let catalog = try services.catalog()
        let now = services.clock.now()
        let base = Self.base(of: request)
        let active = try await services.store.publicAlerts().filter { $0.isActive(at: now) }
            .sorted { ($0.sentAt ?? .distantPast, $0.identifier) > ($1.sentAt ?? .distantPast, $1.identifier) }
        let feed = CAPAtomFeed(
            id: "urn:cap:\(catalog.publicAlerts.sender):feed",
            title: "\(catalog.publicAlerts.senderName.en) — \(catalog.publicAlerts.senderName.ar)",
            selfLink: base + "/cap/feed.atom", author: catalog.publicAlerts.senderName.en,
            updated: active.compactMap(\.sentAt).max() ?? now,
            entries: active.map {
                CAPAtomFeed.Entry(
                    link: base + Self.documentPath($0.identifier), alert: PublicAlertCAP.alert($0, catalog: catalog))
            })
        return Self.response(feed.xml, contentType: "application/atom+xml; charset=utf-8")
    }

    /// `{identifier}.xml` or `{identifier}.xml.sig`.
    @Sendable func document(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        let signature = file.hasSuffix(".xml.sig")
        let identifier = String(file.dropLast(signature ? 8 : 4))
        guard signature || file.hasSuffix(".xml"), !identifier.isEmpty,
            let alert = try await services.store.publicAlert(identifier: identifier), alert.wasPublished
        else { throw Problem.notFound("alert") }
        let xml = PublicAlertCAP.xml(alert, catalog: try services.catalog())
        guard signature else { return Self.xmlResponse(xml) }
        guard let signer = services.store.auditSigner else {
            throw Problem.notFound("signature (this server has no audit key)")
        }
        let bytes = try signer.signature(for: Data(xml.utf8))
        return Self.response(bytes.base64EncodedString() + "\n", contentType: "text/plain; charset=utf-8")
    }

    static func xmlResponse(_ xml: String) -> Response {
        response(xml, contentType: "application/cap+xml; charset=utf-8")
    }

    static func response(_ text: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        // Feeds are polled; a short shared cache spares the server without delaying a warning much.
        headers[.cacheControl] = "public, max-age=15"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Where the public reaches this server, as the request (or the proxy in front) says.
    static func base(of request: Request) -> String {
        let scheme = request.headers[.xForwardedProto] == "https" ? "https" : "http"
        // The Host header is the client's word: only a plain host[:port] goes into the links.
        let host = request.head.authority.flatMap {
            $0.range(of: #"^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$"#, options: .regularExpression) != nil ? $0 : nil
        }
        return "\(scheme)://\(host ?? "localhost")"
    }
}
