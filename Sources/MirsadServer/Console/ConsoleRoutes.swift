import Foundation
import HTTPTypes
import Hummingbird
import MirsadConsole
import NIOCore

/// `/` and `/console/{file}`: the console's files. Their content-security policy allows only
/// the console's own scripts, styles and images and WebSocket connections back to this server.
struct ConsoleRoutes {
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// A folder to read the files from on every request instead of the embedded copy.
    let directory: URL?

    func add(to router: RouterGroup<MirsadRequestContext>) {
        router.get("/") { _, _ in try file(ConsoleFiles.index) }
        router.get("console/{file}") { _, context in try file(context.parameters.require("file")) }
    }

    private func file(_ name: String) throws -> Response {
        // Names are flat (no folders), so "..", "/" and hidden files never reach the disk.
        guard !name.hasPrefix("."), !name.contains("/"), let type = ConsoleFiles.contentType(of: name),
            let bytes = try bytes(of: name)
        else { throw Problem.notFound("console file") }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = Self.policy
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func bytes(of name: String) throws -> [UInt8]? {
        guard let directory else { return ConsoleFiles.embedded[name] }
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            return nil
        }
        return [UInt8](data)
    }
}
