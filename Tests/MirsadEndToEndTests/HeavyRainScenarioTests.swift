import Foundation
import MirsadAlerts
import MirsadTestSupport
import NIOHTTP1
import Testing

/// `mirsad demo --scenario heavy-rain` through the real binary: a simulated meteorological
/// feed publishes a heavy-rain CAP warning → the flood plan starts → flood-prone underpasses
/// close in routing → tasks reach Civil Defense, Traffic and Public Security → the plan's
/// public warning waits for approval → approved by the press officer, it is in the CAP feed →
/// the underpass flood gauge goes into alarm.
@Suite("demo --scenario heavy-rain, end to end")
struct HeavyRainScenarioTests {
    @Test("the whole chain, from the meteorological feed to the published warning")
    func chain() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite("rain.sqlite")
        let (_, accountsText) = try await MirsadProcess.run(["demo", "--db", db, "--prepare-only"])
        func password(_ user: String) throws -> String {
            let line = try #require(accountsText.split(separator: "\n").first { $0.hasPrefix("  \(user) / ") })
            return String(line.split(separator: "/")[1].split(separator: " ")[0])
        }
        let demo = try MirsadProcess([
            "demo", "--db", db, "--port", "0", "--scenario", "heavy-rain", "--scenario-delay", "1", "--call-rate", "0",
        ])
        defer { demo.signal(SIGTERM) }
        let port = Int(try await demo.waitFor(#"Open http://127\.0\.0\.1:(\d+)/"#))!
        let supervisor = try await APIClient(port: port).loggedIn("supervisor", try password("supervisor"))

        var operation: [String: Any]?
        for _ in 0..<150 where operation == nil {
            let listed = try await supervisor.call(.GET, "/v1/operations")
            operation = (listed.json["operations"] as? [[String: Any]])?.first {
                $0["playbookId"] as? String == "heavy-rain"
            }
            if operation == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        let started = try #require(operation, "the flood plan starts from the meteorological warning")
        #expect((started["trigger"] as? String)?.contains("Heavy rain (Severe)") == true)
        let sectors = Set((started["tasks"] as? [[String: Any]] ?? []).compactMap { $0["sector"] as? String })
        #expect(sectors.isSuperset(of: ["civil-defense", "traffic", "public-security"]))

        var closures: [String] = []
        var draft: [String: Any]?
        for _ in 0..<100 where closures.count < 2 || draft == nil {
            closures =
                ((try await supervisor.call(.GET, "/v1/roads/closures")).json["closures"] as? [[String: Any]] ?? [])
                .compactMap { $0["id"] as? String }
            draft =
                ((try await supervisor.call(.GET, "/v1/alerts?state=draft")).json["alerts"] as? [[String: Any]])?.first
            if closures.count < 2 || draft == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(closures.filter { $0.hasSuffix("-underpass") }.count == 2, "the underpasses close in routing")
        let alert = try #require(draft, "the public warning waits for approval")
        let id = try #require(alert["id"] as? String), identifier = try #require(alert["identifier"] as? String)
        let before = try await APIClient(port: port).call(.GET, "/cap/feed.atom")
        #expect(!before.body.contains(identifier), "nothing reaches the public unapproved")

        let press = try await APIClient(port: port).loggedIn("press.officer", try password("press.officer"))
        let approved = try await press.call(.POST, "/v1/alerts/\(id)/approve")
        #expect(approved.status == 200, "\(approved.body)")
        let feed = try await APIClient(port: port).call(.GET, "/cap/feed.atom")
        let links = CAPReader.readFile(Data(feed.body.utf8)).links
        #expect(links.contains { $0.hasSuffix("/cap/alerts/\(identifier).xml") })
        let document = try await APIClient(port: port).call(.GET, "/cap/alerts/\(identifier).xml")
        let reading = CAPReader.read(Data(document.body.utf8))
        #expect(reading.isValidCAP12 && reading.alert?.info.map(\.language) == ["ar-KW", "en-US"])

        // After the warning the water rises in the Al-Asima underpass until its gauge is in alarm;
        // the plan is already running, so the alarm starts no second operation.
        var gauge: [String: Any]?
        for _ in 0..<150 where (gauge?["state"] as? [String: Any])?["alarm"] as? Bool != true {
            gauge = (try await supervisor.call(.GET, "/v1/sensors/gauge-asima-underpass")).json
            try await Task.sleep(for: .milliseconds(200))
        }
        let state = try #require(gauge?["state"] as? [String: Any], "the underpass gauge reports")
        #expect(state["alarm"] as? Bool == true && (state["value"] as? Double ?? 0) > 30, "\(state)")
        let operations =
            (try await supervisor.call(.GET, "/v1/operations")).json["operations"] as? [[String: Any]] ?? []
        #expect(operations.filter { $0["playbookId"] as? String == "heavy-rain" }.count == 1)
    }
}
