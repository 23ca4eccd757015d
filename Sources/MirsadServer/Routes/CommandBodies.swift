import Foundation
import MirsadDomain

extension CreateIncident: StrictBody {
    public static let shape = JSONShape.documented("post", "/v1/incidents")
}

/// `PATCH /v1/incidents/{id}`: re-classify or re-prioritise, always with a reason.
struct IncidentPatch: StrictBody {
    var priority: Int?
    var type: String?
    var reason: String
    static let shape = JSONShape.documented("patch", "/v1/incidents/{id}")
}

struct StatusChange<Status: Decodable & Sendable>: StrictBody {
    var status: Status
    var reason: String?
    static var shape: JSONShape { .documented("post", "/v1/units/{id}/status") }
}

struct NoteBody: StrictBody {
    var text: String
    static let shape = JSONShape.documented("post", "/v1/incidents/{id}/notes")
}

struct MergeBody: StrictBody {
    var into: UUID
    var reason: String?
    static let shape = JSONShape.documented("post", "/v1/incidents/{id}/merge")
}

struct AssignBody: StrictBody {
    var unitIds: [UUID]
    static let shape = JSONShape.documented("post", "/v1/incidents/{id}/assignments")
}

struct ShareBody: StrictBody {
    var sector: String
    var reason: String
    static let shape = JSONShape.documented("post", "/v1/incidents/{id}/shares")
}

/// `POST /v1/units/positions`.
struct PositionBatch: StrictBody {
    struct Report: Decodable, Sendable {
        var unitId: UUID
        var lat: Double
        var lon: Double
        /// Device time; the server's receive time when absent.
        var at: Date?
        var speed: Double?
        var heading: Double?
    }
    var positions: [Report]
    static let shape = JSONShape.documented("post", "/v1/units/positions")
}
