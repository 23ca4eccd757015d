import Foundation

/// Closing and reopening roads. Decided by `RoadClosureDecider` against the closures in force
/// as the write transaction sees them, so two instances posting one id get one 201 and one 409.
public enum RoadClosureCommand: Hashable, Sendable {
    /// Closes the roads in `polygon` (or slows them by `slowdownFactor`).
    case add(id: String, polygon: [Coordinate], slowdownFactor: Double?, reason: String)
    case lift(id: String, reason: String)

    public var id: String {
        switch self {
        case .add(let id, _, _, _), .lift(let id, _): id
        }
    }
}

/// The rules of a closure. They are at least the routing engine's rules (three valid
/// vertices, a factor ≥ 1), so whatever the log records every instance's engine can apply.
public enum RoadClosureDecider {
    /// A closure is a cordon or a flooded stretch, not a city: its box is bounded so that one
    /// request cannot make the routing engine re-weigh the whole network.
    public static let maximumSideMetres = 50_000.0
    /// Each vertex is tested against every road in the polygon's box, on the request path.
    public static let maximumVertices = 200

    public static func decide(_ command: RoadClosureCommand, inForce: Bool, actor: Actor) throws(DomainError)
        -> RoadClosureChanged
    {
        try actor.require(.manageRoadClosures)
        let change = try validated(command)
        switch (change.removed, inForce) {
        case (false, true): throw .conflict(reason: "closure \(change.id) is in force")
        case (true, false): throw .notFound(kind: "closure", id: change.id)
        default: return change
        }
    }

    /// The change a command asks for, if it keeps the rules (whatever is in force).
    public static func validated(_ command: RoadClosureCommand) throws(DomainError) -> RoadClosureChanged {
        switch command {
        case .add(let id, let polygon, let factor, let reason):
            guard id.range(of: #"^[A-Za-z0-9._-]{1,64}$"#, options: .regularExpression) != nil else {
                throw .invalidField(field: "id", reason: "1-64 characters of letters, digits, '.', '_' or '-'")
            }
            try validate(polygon)
            if let factor, !(factor >= 1 && factor <= 100) {
                throw .invalidField(
                    field: "slowdownFactor", reason: "must be between 1 and 100 (absent blocks the roads)")
            }
            let reason = reason.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else { throw .invalidField(field: "reason", reason: "a reason is required") }
            return RoadClosureChanged(id: id, removed: false, polygon: polygon, slowdownFactor: factor, reason: reason)
        case .lift(let id, let reason):
            return RoadClosureChanged(id: id, removed: true, polygon: nil, slowdownFactor: nil, reason: reason)
        }
    }

    private static func validate(_ polygon: [Coordinate]) throws(DomainError) {
        guard polygon.count >= 3 else { throw .invalidField(field: "polygon", reason: "needs at least three points") }
        guard polygon.count <= maximumVertices else {
            throw .invalidField(field: "polygon", reason: "may have at most \(maximumVertices) points")
        }
        for (i, point) in polygon.enumerated() { _ = try point.validated(field: "polygon[\(i)]") }
        let lats = polygon.map(\.lat), lons = polygon.map(\.lon)
        let south = Coordinate(lat: lats.min()!, lon: lons.min()!)
        let height = south.distance(to: Coordinate(lat: lats.max()!, lon: south.lon))
        let width = south.distance(to: Coordinate(lat: south.lat, lon: lons.max()!))
        guard height <= maximumSideMetres && width <= maximumSideMetres else {
            throw .invalidField(
                field: "polygon",
                reason:
                    "spans \(Int(width / 1000)) × \(Int(height / 1000)) km; at most \(Int(maximumSideMetres / 1000)) km a side"
            )
        }
    }
}
