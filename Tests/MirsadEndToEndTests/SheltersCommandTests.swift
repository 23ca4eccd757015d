import Foundation
import MirsadTestSupport
import NIOHTTP1
import Testing

/// `mirsad shelters` against a demo database: the board, and the PFIF export that records its
/// purpose in the audit trail before it writes a private file.
@Suite("mirsad shelters, end to end", .serialized)
struct SheltersCommandTests {
    @Test("the board lists the demo's shelters; the PFIF export is audited, private and never overwrites")
    func board() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite("demo.sqlite")
        let (_, accounts) = try await MirsadProcess.run(["demo", "--db", db, "--prepare-only"])
        let line = try #require(accounts.split(separator: "\n").first { $0.contains("shelter.staff /") })
        let password = String(line.split(separator: "/")[1].split(separator: " ")[0])

        // Someone checks in at a shelter the staff open over the API.
        let serve = try MirsadProcess(["serve", "--db", db, "--port", "0"])
        let port = try await serve.waitForPort()
        let staff = try await APIClient(port: port).loggedIn("shelter.staff", password)
        #expect(try await staff.call(.POST, "/v1/shelters/asima-school/open").status == 200)
        let checkedIn = try await staff.call(
            .POST, "/v1/shelters/asima-school/evacuees",
            body: #"{"ageBand":"18-59","personal":{"fullName":"Noura Al-Mutairi"}}"#)
        #expect(checkedIn.status == 201, "\(checkedIn.body)")
        let incidents = try await staff.call(.GET, "/v1/incidents")
        #expect(incidents.status == 403, "shelter staff do not see the incident picture")
        serve.signal(SIGTERM)
        _ = try await serve.wait()

        let (status, board) = try await MirsadProcess.run(["shelters", "list", "--db", db])
        #expect(status == 0)
        let rows = board.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 18, "a school, a sports hall and a wedding hall in each of six governorates")
        let school = try #require(rows.first { $0.first == "asima-school" })
        #expect(school[1] == "open" && school[2] == "1/250" && school[5] == "civil-defense")

        let file = workspace.directory.appendingPathComponent("evacuees.xml").path
        let (exported, said) = try await MirsadProcess.run([
            "shelters", "pfif", "--db", db, "--sector", "civil-defense", "--purpose", "tracing handover", "--output",
            file,
        ])
        #expect(exported == 0, "\(said)")
        let xml = try String(contentsOfFile: file, encoding: .utf8)
        #expect(xml.contains("<pfif:full_name>Noura Al-Mutairi</pfif:full_name>"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (again, refusal) = try await MirsadProcess.run([
            "shelters", "pfif", "--db", db, "--sector", "civil-defense", "--purpose", "again", "--output", file,
        ])
        #expect(again != 0 && refusal.contains(file), "an export is never overwritten")
        let (noPurpose, complaint) = try await MirsadProcess.run([
            "shelters", "pfif", "--db", db, "--sector", "civil-defense", "--purpose", " ",
        ])
        #expect(noPurpose != 0 && complaint.contains("--purpose"))
        let (unknown, named) = try await MirsadProcess.run([
            "shelters", "pfif", "--db", db, "--sector", "atlantis", "--purpose", "x",
        ])
        #expect(unknown != 0 && named.contains("--sector"))
    }
}
