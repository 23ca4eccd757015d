import Foundation

/// The keys a request body may hold, read from the OpenAPI document: the schema written in
/// `scripts/openapi/generate.py` is the one description of a request, and the strict decoder
/// refuses whatever it does not name. (The Codable type says how the keys are read; the
/// contract test holds both to the document.)
extension JSONShape {
    /// The shape of the JSON request body of `method path` as documented, e.g.
    /// `.documented("post", "/v1/incidents/{id}/notes")`. An operation without a documented
    /// JSON body is a programming error, caught by the first test that sends that request.
    public static func documented(_ method: String, _ path: String) -> JSONShape {
        guard let shape = DocumentedShapes.shared.requestBody(method: method, path: path) else {
            preconditionFailure("\(method.uppercased()) \(path) has no JSON request body in the OpenAPI document")
        }
        return shape
    }
}

struct DocumentedShapes: Sendable {
    static let shared = DocumentedShapes(json: OpenAPIDocument.json)

    private let paths: [String: [String: JSONShape]]

    init(json: String) {
        let document = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        var paths: [String: [String: JSONShape]] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let body = (operation as? [String: Any])?["requestBody"] as? [String: Any],
                    let schema = ((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                else { continue }
                paths[path, default: [:]][method] = Self.shape(of: schema, schemas: schemas)
            }
        }
        self.paths = paths
    }

    func requestBody(method: String, path: String) -> JSONShape? {
        paths[path]?[method.lowercased()]
    }

    /// Objects with named properties are checked key by key (recursively); maps, arrays of
    /// scalars and scalars are `.value` or `.array(.value)`.
    static func shape(of schema: Any, schemas: [String: Any]) -> JSONShape {
        guard var schema = schema as? [String: Any] else { return .value }
        if let ref = schema["$ref"] as? String, let named = schemas[String(ref.split(separator: "/").last ?? "")] {
            schema = named as? [String: Any] ?? [:]
        }
        switch schema["type"] as? String {
        case "object":
            guard let properties = schema["properties"] as? [String: Any] else { return .value }
            return .object(properties.mapValues { shape(of: $0, schemas: schemas) })
        case "array":
            return .array(schema["items"].map { shape(of: $0, schemas: schemas) } ?? .value)
        default:
            return .value
        }
    }
}
