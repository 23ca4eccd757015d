import Foundation
import MirsadGeodesy

/// Where the alert applies: a description, and any of polygons, circles and geocodes.
public struct CAPArea: Sendable, Equatable, Codable {
    public var areaDesc: String
    public var polygon: [CAPPolygon]
    public var circle: [CAPCircle]
    public var geocode: [CAPNamedValue]
    /// Feet above mean sea level, as written (`xs:decimal`).
    public var altitude: String?
    /// Feet above mean sea level; only with `altitude`.
    public var ceiling: String?

    public init(
        areaDesc: String, polygon: [CAPPolygon] = [], circle: [CAPCircle] = [], geocode: [CAPNamedValue] = [],
        altitude: String? = nil, ceiling: String? = nil
    ) {
        self.areaDesc = areaDesc
        self.polygon = polygon
        self.circle = circle
        self.geocode = geocode
        self.altitude = altitude
        self.ceiling = ceiling
    }

    enum CodingKeys: String, CodingKey {
        case areaDesc, polygon, circle, geocode, altitude, ceiling
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        areaDesc = try c.decode(String.self, forKey: .areaDesc)
        polygon = try c.decodeIfPresent([CAPPolygon].self, forKey: .polygon) ?? []
        circle = try c.decodeIfPresent([CAPCircle].self, forKey: .circle) ?? []
        geocode = try c.decodeIfPresent([CAPNamedValue].self, forKey: .geocode) ?? []
        altitude = try c.decodeIfPresent(String.self, forKey: .altitude)
        ceiling = try c.decodeIfPresent(String.self, forKey: .ceiling)
    }

    /// Empty lists are left out, as absent elements are in XML.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(areaDesc, forKey: .areaDesc)
        if !polygon.isEmpty { try c.encode(polygon, forKey: .polygon) }
        if !circle.isEmpty { try c.encode(circle, forKey: .circle) }
        if !geocode.isEmpty { try c.encode(geocode, forKey: .geocode) }
        try c.encodeIfPresent(altitude, forKey: .altitude)
        try c.encodeIfPresent(ceiling, forKey: .ceiling)
    }
}

/// A closed ring of WGS 84 points, written `lat,lon lat,lon ...` with the first point repeated
/// last. The text is kept as written; `points` is its reading (nil when it does not read).
public struct CAPPolygon: Sendable, Equatable, Codable {
    public let text: String

    public init(text: String) { self.text = text }

    /// A ring from points; the first point is repeated at the end when it is not already.
    public init(points: [GeoCoordinate]) {
        var ring = points
        if let first = ring.first, ring.last != first { ring.append(first) }
        text = ring.map { "\(CAPNumber.format($0.latitude)),\(CAPNumber.format($0.longitude))" }
            .joined(separator: " ")
    }

    public init(from decoder: any Decoder) throws { text = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// The points in order, or nil when a pair is not `lat,lon` with numbers in range.
    public var points: [GeoCoordinate]? {
        var points: [GeoCoordinate] = []
        for pair in text.split(whereSeparator: { $0.isXMLWhitespace }) {
            guard let point = CAPNumber.pair(pair) else { return nil }
            points.append(point)
        }
        return points
    }

    /// As a geodesy polygon (for containment and overlap), when it reads.
    public var geoPolygon: GeoPolygon? { points.map { GeoPolygon(outer: $0) } }
}

/// A circle: `lat,lon radius`, the radius in kilometres.
public struct CAPCircle: Sendable, Equatable, Codable {
    public let text: String

    public init(text: String) { self.text = text }

    public init(center: GeoCoordinate, radiusKilometres: Double) {
        text =
            "\(CAPNumber.format(center.latitude)),\(CAPNumber.format(center.longitude)) "
            + CAPNumber.format(radiusKilometres)
    }

    public init(from decoder: any Decoder) throws { text = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// The centre and radius, or nil when the text is not `lat,lon radius` in range.
    public var reading: (center: GeoCoordinate, radiusKilometres: Double)? {
        let parts = text.split(whereSeparator: { $0.isXMLWhitespace })
        guard parts.count == 2, let center = CAPNumber.pair(parts[0]), let radius = CAPNumber.decimal(parts[1]),
            radius >= 0
        else { return nil }
        return (center, radius)
    }
}

/// Reading and writing the numbers of CAP's geometry and decimals.
enum CAPNumber {
    /// `lat,lon` with latitude in [-90, 90] and longitude in [-180, 180].
    static func pair(_ text: Substring) -> GeoCoordinate? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lat = decimal(parts[0]), let lon = decimal(parts[1]),
            (-90...90).contains(lat), (-180...180).contains(lon)
        else { return nil }
        return GeoCoordinate(latitude: lat, longitude: lon)
    }

    /// An `xs:decimal`: optional sign, digits, optional fraction; no exponent, no NaN.
    static func decimal(_ text: Substring) -> Double? {
        var digits = 0
        var dots = 0
        for (i, c) in text.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "+") where i == 0, UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            default: return nil
            }
        }
        guard digits > 0, dots <= 1 else { return nil }
        return Double(text)
    }

    /// Up to 7 decimals (about a centimetre), no trailing zeros.
    static func format(_ value: Double) -> String {
        var text = String(format: "%.7f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
