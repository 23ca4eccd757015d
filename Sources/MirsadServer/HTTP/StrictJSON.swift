import Foundation
import Hummingbird
import MirsadDomain
import NIOCore

/// The keys a JSON request body may contain, as the OpenAPI document describes them
/// (`JSONShape.documented`). Commands are strict: an unknown field is an error (a typo such
/// as `"narative"` must not be silently dropped).
public indirect enum JSONShape: Sendable {
    /// An object with exactly these optional keys (no others).
    case object([String: JSONShape])
    case array(JSONShape)
    /// A scalar or anything else not checked further.
    case value
}

/// A request body type with a declared shape.
public protocol StrictBody: Decodable, Sendable {
    static var shape: JSONShape { get }
}

public enum StrictJSON {
    /// Decodes `data` as `T`, reporting malformed JSON, unknown fields and bad values with
    /// the path of the field at fault.
    public static func decode<T: StrictBody>(_ type: T.Type, from data: Data) throws -> T {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Problem.badRequest("the body is not valid JSON")
        }
        try check(object, against: T.shape, path: "")
        do {
            return try MirsadJSON.decoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw problem(for: error)
        } catch let error as DomainError {
            throw Problem.from(error)
        }
    }

    /// Reads the whole body (up to `limit` bytes, else 413) and decodes it strictly.
    public static func decode<T: StrictBody>(
        _ type: T.Type, from request: Request, limit: Int
    ) async throws -> T {
        try decode(type, from: try await body(of: request, limit: limit))
    }

    public static func body(of request: Request, limit: Int) async throws -> Data {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    private static func tooLarge(_ limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, code: "too-large", title: "Request body too large",
            detail: "the body may be at most \(limit) bytes")
    }

    private static func check(_ value: Any, against shape: JSONShape, path: String) throws {
        switch shape {
        case .value:
            return
        case .array(let element):
            guard let array = value as? [Any] else {
                throw Problem.invalidField(path.isEmpty ? "body" : path, "expected an array")
            }
            for (i, item) in array.enumerated() { try check(item, against: element, path: "\(path)[\(i)]") }
        case .object(let keys):
            guard let object = value as? [String: Any] else {
                throw Problem.invalidField(path.isEmpty ? "body" : path, "expected an object")
            }
            for key in object.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let childShape = keys[key] else { throw Problem.invalidField(child, "unknown field") }
                if object[key] is NSNull { continue }
                try check(object[key]!, against: childShape, path: child)
            }
        }
    }

    static func problem(for error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(path(context.codingPath, key), "is required")
        case .valueNotFound(_, let context):
            return .invalidField(path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            return .invalidField(path(context.codingPath), "expected \(describe(type))")
        case .dataCorrupted(let context):
            return .invalidField(path(context.codingPath), context.debugDescription)
        @unknown default:
            return .badRequest("the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "a \(type)"
        }
    }
}
