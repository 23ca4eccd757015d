import Foundation
import Hummingbird
import HummingbirdTesting
import MirsadDomain
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
            let served = Set(
                router.routes.map { route in
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

    @Test("the document's enums are the Swift enums, case for case")
    func enumsMatchSwift() async throws {
        try await ServerHarness.with { _, client in
            let reply = try await client.call(.get, "/openapi.json")
            let schemas = try #require((reply.json["components"] as? [String: Any])?["schemas"] as? [String: Any])
            func documented(_ name: String) -> [String]? { (schemas[name] as? [String: Any])?["enum"] as? [String] }
            #expect(documented("IncidentStatus") == IncidentStatus.allCases.map(\.rawValue))
            #expect(documented("UnitStatus") == UnitStatus.allCases.map(\.rawValue))
            #expect(documented("Role") == Role.allCases.map(\.rawValue))
        }
    }

    @Test("every documented JSON request body is an object the strict decoder checks key by key")
    func requestShapesComeFromTheDocument() async throws {
        try await ServerHarness.with { harness, client in
            let reply = try await client.call(.get, "/openapi.json")
            let paths = try #require(reply.json["paths"] as? [String: [String: Any]])
            var bodies = 0
            for (path, operations) in paths {
                for (method, operation) in operations {
                    guard (operation as? [String: Any])?["requestBody"] != nil else { continue }
                    bodies += 1
                    guard case .object(let keys) = JSONShape.documented(method, path) else {
                        Issue.record("\(method.uppercased()) \(path): the body is not an object")
                        continue
                    }
                    #expect(!keys.isEmpty, "\(method.uppercased()) \(path) names no fields")
                }
            }
            #expect(bodies >= 20)
            // A field the document does not name is refused, naming the field.
            let token = try await client.login("calltaker")
            let typo = try await client.call(
                .post, "/v1/incidents", token: token,
                body: #"{"type":"FIRE-STRUCTURE","location":{"lat":29.37,"lon":47.98},"narative":"typo"}"#)
            #expect(typo.status == .unprocessableContent && typo.problemField == "narative")
            _ = harness
        }
    }
}
