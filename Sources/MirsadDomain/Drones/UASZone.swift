import Foundation
import MirsadGeodesy

/// A UAS geographical zone (ED-269 / ED-318), normalised: the horizontal outline and the vertical band it covers.
///
/// Both formats let one zone hold several volumes; the importer makes one `UASZone` per volume (ids
/// `<identifier>`, `<identifier>#2`, …), so every value is a single prism: `outline` extruded from `lowerMeters`
/// up to `upperMeters`.
public struct UASZone: Codable, Hashable, Sendable, Identifiable {
    /// What the zone demands of a remote pilot (ED-269 `restriction`, ED-318 `type`).
    public enum Restriction: String, Codable, Sendable, CaseIterable {
        /// No UAS flight is allowed.
        case prohibited
        /// Flights need the permission of the zone's authority.
        case reqAuthorisation
        /// Flights are allowed under the conditions the zone states.
        case conditional
        /// Published for information: no restriction applies.
        case noRestriction

        /// The code in ED-269 spelling (`REQ_AUTHORISATION`; ED-318 writes `REQ_AUTHORIZATION`).
        public var code: String {
            switch self {
            case .prohibited: "PROHIBITED"
            case .reqAuthorisation: "REQ_AUTHORISATION"
            case .conditional: "CONDITIONAL"
            case .noRestriction: "NO_RESTRICTION"
            }
        }

        /// Reads a code in either spelling, ignoring case and surrounding spaces; nil for anything else.
        public init?(code: String) {
            switch code.trimmingCharacters(in: .whitespaces).uppercased() {
            case "PROHIBITED": self = .prohibited
            case "REQ_AUTHORISATION", "REQ_AUTHORIZATION": self = .reqAuthorisation
            case "CONDITIONAL": self = .conditional
            case "NO_RESTRICTION": self = .noRestriction
            default: return nil
            }
        }
    }

    /// The exchange format a zone was read from.
    public enum Format: String, Codable, Sendable {
        /// EUROCAE ED-269 (2020): a `UASZoneList` of zones, each with a list of volumes.
        case ed269
        /// EUROCAE ED-318 (2023): a GeoJSON FeatureCollection whose geometries carry a vertical layer.
        case ed318
    }

    /// The zone's identifier, with `#2`, `#3`, … for the second and later volumes of one published zone.
    public var id: String
    /// English and Arabic names.
    public var name: LocalizedName
    public var restriction: Restriction
    /// The reason codes as published (`AIR_TRAFFIC`, `SENSITIVE`, `NATURE`, …).
    public var reasons: [String]
    /// The zone's message to pilots, when it has one.
    public var message: String?
    /// The horizontal outline: at least three points, not closed (the first point is not repeated at the end).
    /// A published circle becomes a regular 32-gon whose vertices lie on the circle.
    public var outline: [Coordinate]
    /// The lower limit in metres.
    public var lowerMeters: Double
    /// The upper limit in metres; nil when the zone has no upper limit.
    public var upperMeters: Double?
    /// The datum of the lower limit: `AGL`, `AMSL` or `WGS84`.
    public var lowerReference: String
    /// The datum of the upper limit: `AGL`, `AMSL` or `WGS84`.
    public var upperReference: String
    public var format: Format

    public init(
        id: String, name: LocalizedName, restriction: Restriction, reasons: [String] = [], message: String? = nil,
        outline: [Coordinate], lowerMeters: Double = 0, upperMeters: Double? = nil, lowerReference: String = "AGL",
        upperReference: String = "AGL", format: Format = .ed269
    ) {
        self.id = id
        self.name = name
        self.restriction = restriction
        self.reasons = reasons
        self.message = message
        self.outline = outline
        self.lowerMeters = lowerMeters
        self.upperMeters = upperMeters
        self.lowerReference = lowerReference
        self.upperReference = upperReference
        self.format = format
    }

    /// The vertical references both formats define.
    public static let verticalReferences: Set<String> = ["AGL", "AMSL", "WGS84"]

    /// The longest identifier accepted (ED-269 itself allows 7 characters; national data sets use more).
    public static let maxIDLength = 100

    /// Whether a flight at `metres` above ground is inside the zone's vertical band (limits included).
    public func covers(altitudeAGL metres: Double) -> Bool {
        // AMSL and WGS84 limits are compared as if they were heights above ground: the demo terrain is at sea
        // level, and the geoid's separation from the ellipsoid is ignored. A real deployment needs a terrain model.
        guard metres >= lowerMeters else { return false }
        guard let upperMeters else { return true }
        return metres <= upperMeters
    }

    /// Whether `point` lies inside the outline (plane geometry over latitude and longitude, as `GeoPolygon` does).
    public func contains(_ point: Coordinate) -> Bool {
        GeoPolygon(outer: outline.map(\.geo)).contains(point.geo)
    }

    /// Checks the identifier (1 to 100 characters), the outline (at least three distinct valid points), the
    /// limits (finite, lower not above upper) and the vertical references; the offending field is reported
    /// under `field`.
    public func validate(field: String = "zone") throws(DomainError) {
        try Self.checkIdentifier(id, field: "\(field).id")
        try Self.checkOutline(outline, field: "\(field).outline")
        try Self.checkLimits(
            lower: lowerMeters, upper: upperMeters, lowerField: "\(field).lowerMeters",
            upperField: "\(field).upperMeters")
        try Self.checkReference(lowerReference, field: "\(field).lowerReference")
        try Self.checkReference(upperReference, field: "\(field).upperReference")
    }

    // The checks, shared with the importer, which names the JSON path at fault instead of the property.

    static func checkIdentifier(_ id: String, field: String) throws(DomainError) {
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: field, reason: "must not be empty")
        }
        guard id.count <= maxIDLength else {
            throw .invalidField(field: field, reason: "must be at most \(maxIDLength) characters")
        }
    }

    static func checkOutline(_ points: [Coordinate], field: String) throws(DomainError) {
        for (i, point) in points.enumerated() {
            _ = try point.validated(field: "\(field)[\(i)]")
        }
        guard Set(points).count >= 3 else {
            throw .invalidField(field: field, reason: "needs at least three distinct points")
        }
    }

    static func checkLimits(lower: Double, upper: Double?, lowerField: String, upperField: String)
        throws(DomainError)
    {
        guard lower.isFinite else { throw .invalidField(field: lowerField, reason: "must be a finite number") }
        guard let upper else { return }
        guard upper.isFinite else { throw .invalidField(field: upperField, reason: "must be a finite number") }
        guard lower <= upper else {
            throw .invalidField(field: upperField, reason: "must not be below the lower limit")
        }
    }

    static func checkReference(_ reference: String, field: String) throws(DomainError) {
        guard verticalReferences.contains(reference) else {
            throw .invalidField(field: field, reason: "unknown vertical reference '\(reference)' (AGL, AMSL or WGS84)")
        }
    }
}
