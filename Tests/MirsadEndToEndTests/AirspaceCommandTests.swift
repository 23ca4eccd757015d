import Foundation
import MirsadTestSupport
import NIOHTTP1
import Testing

/// `mirsad airspace` and the demo's airspace: the demo imports its seven ED-269 zones, an
/// administrator adds the ED-318 sample from a script, a bad file names its fault and changes
/// nothing, and a served demo plans a drone flight round the zones.
@Suite("mirsad airspace, end to end", .serialized)
struct AirspaceCommandTests {
    @Test("the demo's zones, an ED-318 import from the command line, a refused file, and a plan round the zones")
    func airspace() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite("demo.sqlite")
        let (_, accounts) = try await MirsadProcess.run(["demo", "--db", db, "--prepare-only"])
        let (listed, zones) = try await MirsadProcess.run(["airspace", "list", "--db", db])
        #expect(listed == 0)
        let rows = zones.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 7, "\(zones)")
        #expect(rows.first { $0.first == "KHJAPT1" }?[1] == "prohibited")

        let broken = workspace.directory.appendingPathComponent("broken.json")
        try Data(#"{"UASZoneList":[{"identifier":"X1","restriction":"PROHIBITED","geometry":[]}]}"#.utf8)
            .write(to: broken)
        let (refused, said) = try await MirsadProcess.run(["airspace", "import", broken.path, "--db", db])
        #expect(refused == 1 && said.contains("broken.json: UASZoneList[0]"), "\(said)")
        if let sample = SharedData.file("uas/cis_source_sample_ed318.json") {
            let (imported, output) = try await MirsadProcess.run([
                "airspace", "import", sample.path, "--db", db, "--source", "FOCA sample",
            ])
            #expect(imported == 0 && output.contains("imported 3 zone(s) from FOCA sample"), "\(output)")
            let (_, after) = try await MirsadProcess.run(["airspace", "list", "--db", db])
            #expect(after.split(separator: "\n").count == 10)
        }

        // The served demo: the operations room asks which drone can reach a point beyond the prison.
        let line = try #require(accounts.split(separator: "\n").first { $0.hasPrefix("  supervisor /") })
        let password = String(line.split(separator: "/")[1].split(separator: " ")[0])
        let username = String(line.split(separator: "/")[0].trimmingCharacters(in: .whitespaces))
        let serve = try MirsadProcess(["serve", "--db", db, "--port", "0"])
        let port = try await serve.waitForPort()
        let client = try await APIClient(port: port).loggedIn(username, password)
        let incident = try await client.call(
            .POST, "/v1/incidents", body: #"{"type":"PS-NOISE","location":{"lat":29.245,"lon":47.95}}"#)
        let id = try #require(incident.json["id"] as? String, "\(incident.body)")
        let plans = try await client.call(.POST, "/v1/drones/missions/plan", body: #"{"incidentId":"\#(id)"}"#)
        #expect(plans.status == 200, "\(plans.body)")
        let all = plans.json["plans"] as? [[String: Any]] ?? []
        #expect(all.count >= 6, "the operations room plans every free drone")
        #expect(all.first?["refusal"] == nil, "the nearest drone can fly it")
        serve.signal(SIGTERM)
        _ = try await serve.wait()
    }
}
