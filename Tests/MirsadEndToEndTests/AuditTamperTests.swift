import Foundation
import MirsadTestSupport
import NIOHTTP1
import Testing

/// `mirsad audit verify` against a real database tampered with behind the server's back.
@Suite("Audit trail tampering, end to end", .serialized)
struct AuditTamperTests {
    /// Runs a server long enough to write `count` incidents and sign a checkpoint over all of
    /// them, then stops it and keeps that checkpoint in an external file.
    func prepare(db: String, workspace: Workspace, count: Int = 40) async throws -> (kept: String, size: Int) {
        let (server, port) = try await startServer(db: db, workspace: workspace)
        let api = try await APIClient(port: port).loggedIn("calltaker", e2ePassword)
        for i in 0..<count {
            let reply = try await api.call(
                .POST, "/v1/incidents",
                body: #"{"type":"TRAFFIC-ACCIDENT","location":{"lat":\#(20 + Double(i)),"lon":47.9}}"#)
            #expect(reply.status == 201)
        }
        // Checkpoints are signed at most once a second: one more write after a pause covers everything.
        try await Task.sleep(for: .milliseconds(1200))
        _ = try await api.call(.POST, "/v1/incidents", body: #"{"type":"FIRE-VEHICLE","location":{"lat":10,"lon":10}}"#)
        let checkpoint = try await APIClient(port: port).call(.GET, "/v1/audit/checkpoint")
        #expect(checkpoint.status == 200)
        server.signal(SIGTERM)
        _ = try await server.wait()
        let kept = workspace.directory.appendingPathComponent("kept-by-another-agency.txt").path
        let (status, output) = try await MirsadProcess.run(["audit", "export", "--db", db, "--out", kept])
        #expect(status == 0, "\(output)")
        let size = Int(checkpoint.body.split(separator: "\n")[1]) ?? 0
        return (kept, size)
    }

    func verify(_ db: String, kept: String) async throws -> (Int32, String) {
        try await MirsadProcess.run(["audit", "verify", "--db", db, "--checkpoint", kept])
    }

    /// A fresh copy of the SQLite database to tamper with.
    func copy(_ db: String, _ name: String, in workspace: Workspace) throws -> String {
        let source = String(db.dropFirst("sqlite:".count))
        let target = workspace.directory.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return "sqlite:" + target
    }

    /// Runs SQL on an SQLite file with Python's sqlite3 module (no server involved).
    func sqlite(_ db: String, _ sql: String) async throws {
        let path = String(db.dropFirst("sqlite:".count))
        let script = """
            import hashlib, sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            con.create_function("leaf", 1, lambda body: __import__("base64").b64encode(hashlib.sha256(b"\\x00" + body.encode()).digest()).decode())
            con.executescript(sys.argv[2])
            con.commit()
            """
        let result = try await ChildProcess.run("python3", ["-c", script, path, sql])
        guard result.succeeded else { throw TestSupportError("python3 sqlite3 failed for: \(sql): \(result.errors)") }
    }

    @Test("SQLite: an untouched log verifies; every kind of tampering is found with its entry number")
    func sqliteTampering() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite()
        let (kept, size) = try await prepare(db: db, workspace: workspace)
        #expect(size > 40)

        let (cleanStatus, clean) = try await verify(db, kept: kept)
        #expect(cleanStatus == 0, "\(clean)")
        #expect(clean.contains("OK: no tampering found"))

        let cases: [(String, String, String)] = [
            (
                "modified", "UPDATE events SET body = replace(body, 'TRAFFIC-ACCIDENT', 'FIRE-VEHICLE') WHERE id = 7;",
                "entry 7 was modified"
            ),
            ("deleted", "DELETE FROM events WHERE id = 9;", "entry 9 was deleted"),
            ("first entries deleted", "DELETE FROM events WHERE id <= 3;", "entries 1...3 were deleted"),
            (
                "reordered",
                "UPDATE events SET id = -1 WHERE id = 11; UPDATE events SET id = 11 WHERE id = 12; UPDATE events SET id = 12 WHERE id = -1;",
                "entry 11"
            ),
            (
                "rewritten",
                "UPDATE events SET body = replace(body, 'TRAFFIC-ACCIDENT', 'FIRE-VEHICLE'), leaf_hash = leaf(replace(body, 'TRAFFIC-ACCIDENT', 'FIRE-VEHICLE')) WHERE id = 20;",
                "history rewritten"
            ),
            (
                "truncated", "DELETE FROM events WHERE id > 30; DELETE FROM audit_checkpoints WHERE size > 30;",
                "log truncated"
            ),
            // The columns reads use sit outside the hashed body: each is checked against it.
            (
                "incident column", "UPDATE events SET incident_id = NULL WHERE id = 7;",
                "entry 7 was altered: its column(s) incident_id"
            ),
            (
                "sectors column", "UPDATE events SET sectors = 'firefighting' WHERE id = 8;",
                "entry 8 was altered: its column(s) sectors"
            ),
            (
                "type column", "UPDATE events SET type = 'security.login' WHERE id = 9;",
                "entry 9 was altered: its column(s) type"
            ),
        ]
        for (name, sql, expected) in cases {
            let tampered = try copy(db, "\(name).sqlite", in: workspace)
            try await sqlite(tampered, sql)
            let (status, report) = try await verify(tampered, kept: kept)
            #expect(status == 1, "\(name): \(report)")
            #expect(report.contains(expected), "\(name): \(report)")
        }
    }

    @Test("verify trusts a key given from outside, names a replaced one, and warns when given nothing")
    func externalKey() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite()
        let (kept, _) = try await prepare(db: db, workspace: workspace, count: 5)
        let (keyStatus, key) = try await MirsadProcess.run(["audit", "key", "--db", db])
        #expect(keyStatus == 0)
        let keyFile = workspace.directory.appendingPathComponent("audit.pub").path
        try Data(key.utf8).write(to: URL(fileURLWithPath: keyFile))
        let (bare, bareOutput) = try await MirsadProcess.run(["audit", "verify", "--db", db])
        #expect(bare == 0)
        #expect(bareOutput.contains("WARNING: neither --public-key nor --checkpoint"), "\(bareOutput)")
        let (clean, cleanOutput) = try await MirsadProcess.run(
            ["audit", "verify", "--db", db, "--public-key", keyFile, "--checkpoint", kept])
        #expect(clean == 0, "\(cleanOutput)")
        #expect(!cleanOutput.contains("WARNING"))
        let swapped = try copy(db, "swapped.sqlite", in: workspace)
        try await sqlite(
            swapped, "UPDATE settings SET value = 'mirsad.audit/forged+00000000+AAAA' WHERE name = 'audit-public-key';")
        let (status, report) = try await MirsadProcess.run(
            ["audit", "verify", "--db", swapped, "--public-key", keyFile, "--checkpoint", kept])
        #expect(status == 1)
        #expect(report.contains("registered audit key is not the one given"), "\(report)")
    }

    @Test(
        "PostgreSQL: tampering with the events table is found with its entry number",
        .enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.absentMessage)))
    func postgresTampering() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = try await TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabaseLater(db) }
        let (kept, _) = try await prepare(db: db, workspace: workspace)
        let (cleanStatus, clean) = try await verify(db, kept: kept)
        #expect(cleanStatus == 0, "\(clean)")

        // A rewrite that recomputes the stored leaf hash is caught by the signed checkpoints.
        try await TestPostgres.psql(
            db,
            """
            UPDATE events SET body = replace(body, 'TRAFFIC-ACCIDENT', 'FIRE-VEHICLE'),
              leaf_hash = encode(sha256(decode('00', 'hex') || convert_to(replace(body, 'TRAFFIC-ACCIDENT', 'FIRE-VEHICLE'), 'UTF8')), 'base64')
            WHERE id = 15
            """)
        var (status, report) = try await verify(db, kept: kept)
        #expect(status == 1)
        #expect(report.contains("history rewritten") && report.contains("entries"), "\(report)")

        try await TestPostgres.psql(
            db, "UPDATE events SET body = replace(body, 'TRAFFIC-ACCIDENT', 'FIRE-VEHICLE') WHERE id = 5")
        (status, report) = try await verify(db, kept: kept)
        #expect(report.contains("entry 5 was modified"), "\(report)")

        try await TestPostgres.psql(db, "DELETE FROM events WHERE id = 8")
        (status, report) = try await verify(db, kept: kept)
        #expect(report.contains("entry 8 was deleted"), "\(report)")
    }

    @Test("prune refuses entries younger than 365 days")
    func pruneRefusesYoung() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite()
        let (server, _) = try await startServer(db: db, workspace: workspace)
        server.signal(SIGTERM)
        _ = try await server.wait()
        let recent = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-30 * 86_400)).prefix(10)
        let (status, output) = try await MirsadProcess.run(["audit", "prune", "--db", db, "--before", String(recent)])
        #expect(status != 0)
        #expect(output.contains("365 days"))
        let old = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-400 * 86_400)).prefix(10)
        let (okStatus, okOutput) = try await MirsadProcess.run(["audit", "prune", "--db", db, "--before", String(old)])
        #expect(okStatus == 0, "\(okOutput)")
        #expect(okOutput.contains("nothing older"))
    }
}
