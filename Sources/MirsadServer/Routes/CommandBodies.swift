import Foundation
import MirsadDomain

extension CreateIncident: StrictBody {
    public static let shape = JSONShape.object([
        "type": .value, "location": .coordinate, "address": .value, "narrative": .value, "priority": .value,
        "caller": .object(["name": .value, "phone": .value, "language": .value]),
    ])
}

/// `PATCH /v1/incidents/{id}`: re-classify or re-prioritise, always with a reason.
struct IncidentPatch: StrictBody {
    var priority: Int?
    var type: String?
    var reason: String
    static let shape = JSONShape.object(["priority": .value, "type": .value, "reason": .value])
}

struct StatusChange<Status: Decodable & Sendable>: StrictBody {
    var status: Status
    var reason: String?
    static var shape: JSONShape { .object(["status": .value, "reason": .value]) }
}

struct NoteBody: StrictBody {
    var text: String
    static let shape = JSONShape.object(["text": .value])
}

struct MergeBody: StrictBody {
    var into: UUID
    var reason: String?
    static let shape = JSONShape.object(["into": .value, "reason": .value])
}

struct AssignBody: StrictBody {
    var unitIds: [UUID]
    static let shape = JSONShape.object(["unitIds": .array(.value)])
}

struct ShareBody: StrictBody {
    var sector: String
    var reason: String
    static let shape = JSONShape.object(["sector": .value, "reason": .value])
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
    static let shape = JSONShape.object([
        "positions": .array(.object([
            "unitId": .value, "lat": .value, "lon": .value, "at": .value, "speed": .value, "heading": .value,
        ]))
    ])
}
