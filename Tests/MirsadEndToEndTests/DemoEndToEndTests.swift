import Foundation
import MirsadTestSupport
import NIOHTTP1
import Testing

@Suite("mirsad demo, end to end", .serialized)
struct DemoEndToEndTests {
    @Test("the demo prints stable accounts for a seed, comes alive at once, and serve reuses its world")
    func demo() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite("demo.sqlite")
        let (_, first) = try await MirsadProcess.run(["demo", "--db", db, "--seed", "7", "--prepare-only"])
        let (_, second) = try await MirsadProcess.run([
            "demo", "--db", workspace.sqlite("other.sqlite"), "--seed", "7", "--prepare-only",
        ])
        let accounts = first.split(separator: "\n").filter { $0.contains(" / ") }
        #expect(accounts.count >= 5)
        #expect(accounts == second.split(separator: "\n").filter { $0.contains(" / ") })
        #expect(first.contains("units"))

        let demo = try MirsadProcess(["demo", "--db", db, "--seed", "7", "--port", "0", "--speed", "60"])
        let port = Int(try await demo.waitFor(#"Open http://127\.0\.0\.1:(\d+)/"#))!
        let line = try #require(accounts.first { $0.contains("dispatcher /") && $0.contains("operations") })
        let password = String(line.split(separator: "/")[1].split(separator: " ")[0])
        let api = try await APIClient(port: port).loggedIn("dispatcher", password)
        // A new demo opens on a day in progress: the morning's calls are played in first.
        let played = Int(try await demo.waitFor(#"The day so far: (\d+) calls"#)) ?? 0
        #expect(played >= 20, "\(played) calls played in")
        let open = try await api.call(.GET, "/v1/incidents?scope=open&limit=500")
        let statuses = (open.json["incidents"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
        #expect(statuses.count >= 10, "\(statuses.count) incidents open at the start")
        #expect(statuses.contains("onScene"), "units are at work: \(statuses)")
        let live = LiveFeedClient(port: port, token: try #require(api.token))
        let frames = await live.collect(until: { $0.type == "positions" }, timeout: .seconds(20))
        #expect(frames != nil, "units move from the first seconds")
        let events = await live.collect(until: { $0.eventType == "unit.statusChanged" }, timeout: .seconds(60))
        #expect(events != nil, "calls are dispatched")
        live.close()
        let units = try await api.call(.GET, "/v1/units")
        #expect(((units.json["units"] as? [Any])?.count ?? 0) >= 280)
        demo.signal(SIGTERM)
        _ = try await demo.wait()

        let serve = try MirsadProcess(["serve", "--db", db, "--port", "0"])
        let servePort = try await serve.waitForPort()
        _ = try await APIClient(port: servePort).loggedIn("dispatcher", password)
        serve.signal(SIGTERM)
        _ = try await serve.wait()

        // Seed-derived passwords never face a network.
        let (exposed, refusal) = try await MirsadProcess.run(["serve", "--db", db, "--host", "0.0.0.0", "--port", "0"])
        #expect(exposed != 0)
        #expect(refusal.contains("refusing to listen on 0.0.0.0") && refusal.contains("dispatcher"), "\(refusal)")
    }
}
