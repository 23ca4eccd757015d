import AsyncHTTPClient
import Foundation
import MirsadTestSupport
import NIOCore
import NIOHTTP1

/// Talks HTTP to a running `mirsad` like any client would.
struct APIClient: Sendable {
    let port: Int
    var token: String?

    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(30))))

    struct Reply: Sendable {
        let status: Int
        let body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
    }

    func call(_ method: HTTPMethod, _ path: String, body: String? = nil, headers extra: [(String, String)] = [])
        async throws -> Reply
    {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), body: String(buffer: buffer))
    }

    func loggedIn(_ username: String, _ password: String) async throws -> APIClient {
        let reply = try await call(
            .POST, "/v1/auth/login", body: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard reply.status == 200, let token = reply.json["token"] as? String else {
            throw TestSupportError("login failed: \(reply.status) \(reply.body)")
        }
        return APIClient(port: port, token: token)
    }

    /// Waits until `/health` answers 200.
    func waitHealthy(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let reply = try? await call(.GET, "/health"), reply.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSupportError("server on port \(port) never became healthy")
    }
}

/// A scratch directory with the test jurisdiction written as a file.
struct Workspace: Sendable {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(TestJurisdiction.jurisdiction)
        try data.write(to: directory.appendingPathComponent("jurisdiction.json"))
    }

    var jurisdictionPath: String { directory.appendingPathComponent("jurisdiction.json").path }
    var auditKeyPath: String { directory.appendingPathComponent("audit.key").path }
    func sqlite(_ name: String = "mirsad.sqlite") -> String { "sqlite:" + directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

let e2ePassword = "end to end secret"

/// Starts `mirsad serve` on a fresh port with the test jurisdiction, and one dispatcher and one
/// call-taker account.
func startServer(db: String, workspace: Workspace, addUsers: Bool = true) async throws -> (MirsadProcess, Int) {
    let server = try MirsadProcess([
        "serve", "--db", db, "--jurisdiction", workspace.jurisdictionPath, "--port", "0",
        "--bcrypt-cost", "4", "--audit-key", workspace.auditKeyPath,
    ])
    let port = try await server.waitForPort()
    if addUsers {
        for (name, role) in [("dispatcher", "dispatcher"), ("calltaker", "callTaker")] {
            let (status, output) = try await MirsadProcess.run(
                [
                    "users", "add", "--db", db, "--username", name, "--role", role, "--sector", "operations",
                    "--bcrypt-cost", "4",
                ], stdin: e2ePassword + "\n")
            guard status == 0 || output.contains("already exists") else {
                throw TestSupportError("users add failed: \(output)")
            }
        }
    }
    return (server, port)
}
