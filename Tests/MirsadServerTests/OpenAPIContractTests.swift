import Foundation
import Hummingbird
import HummingbirdTesting
import MirsadServer
import MirsadTestSupport
import Testing

@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    @Test("every served route is documented and every documented route is served")
    func routesMatchDocument() async throws {
        try await ServerHarness.with { harness, client in
            let reply = try await client.call(.get, "/openapi.json")
            #expect(reply.json["openapi"] as? String == "3.1.0")
            let paths = try #require(reply.json["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let router = buildRouter(services: harness.services, settings: ServerSettings())
            let served = Set(router.routes.map { route in
                // Hummingbird writes captures as `:id`; OpenAPI as `{id}`.
                let path = route.path.description.split(separator: "/").map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            })
            #expect(served.subtracting(documented).sorted() == [], "served but undocumented")
            #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        }
    }
}
