import Foundation
import MirsadDomain

/// JSON documents in TEXT columns. Encoders are not thread-safe to share, so each call makes
/// its own (cheap next to the query that follows).
enum Codec {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try MirsadJSON.encoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: @autoclosure () -> String) throws -> T {
        do {
            return try MirsadJSON.decoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("\(what()): \(error)")
        }
    }
}
