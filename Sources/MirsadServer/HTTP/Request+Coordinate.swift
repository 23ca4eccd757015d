import Foundation
import Hummingbird
import MirsadDomain

extension Request {
    /// A `lat,lon` query parameter, validated; the problem names the parameter.
    func coordinate(_ name: String) throws -> Coordinate {
        guard let text = uri.queryParameters[Substring(name)] else {
            throw Problem.invalidField(name, "is required as lat,lon")
        }
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2 else { throw Problem.invalidField(name, "expected lat,lon") }
        do { return try Coordinate(lat: parts[0], lon: parts[1]).validated(field: name) } catch {
            throw Problem.from(error)
        }
    }
}
