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
    public var points: [GeoCoordinate]? { CAPNumber.pairs(text) }

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
///
/// Read byte by byte: a provincial warning's polygon can hold thousands of points, and feeds
/// are read at thousands of messages a second.
enum CAPNumber {
    /// Space-separated `lat,lon` pairs, each in range; nil at the first one that is not.
    static func pairs(_ text: String) -> [GeoCoordinate]? {
        var text = text
        return text.withUTF8 { bytes -> [GeoCoordinate]? in
            var scanner = DecimalScanner(bytes: bytes)
            var points: [GeoCoordinate] = []
            while true {
                scanner.skipWhitespace()
                if scanner.atEnd { return points }
                guard let lat = scanner.decimal(), scanner.take(UInt8(ascii: ",")), let lon = scanner.decimal(),
                    scanner.atEnd || scanner.atWhitespace, (-90...90).contains(lat), (-180...180).contains(lon)
                else { return nil }
                points.append(GeoCoordinate(latitude: lat, longitude: lon))
            }
        }
    }

    /// `lat,lon` with latitude in [-90, 90] and longitude in [-180, 180].
    static func pair(_ text: Substring) -> GeoCoordinate? {
        guard let points = pairs(String(text)), points.count == 1 else { return nil }
        return points[0]
    }

    /// An `xs:decimal`: optional sign, digits, optional fraction; no exponent, no NaN.
    static func decimal(_ text: Substring) -> Double? {
        var text = String(text)
        return text.withUTF8 { bytes in
            var scanner = DecimalScanner(bytes: bytes)
            guard let value = scanner.decimal(), scanner.atEnd else { return nil }
            return value
        }
    }

    /// Up to 7 decimals (about a centimetre), no trailing zeros.
    static func format(_ value: Double) -> String {
        var text = String(format: "%.7f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// Reads `xs:decimal` numbers from UTF-8 bytes.
private struct DecimalScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { i >= bytes.count }
    var atWhitespace: Bool { !atEnd && Self.isWhitespace(bytes[i]) }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    mutating func skipWhitespace() { while atWhitespace { i += 1 } }

    mutating func take(_ byte: UInt8) -> Bool {
        guard !atEnd, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// `[+-]?(digits)?(.digits)?` with at least one digit.
    mutating func decimal() -> Double? {
        let start = i
        var negative = false
        if !atEnd, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenDot = false
        while !atEnd {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(b - 0x30) } else if !seenDot { return slow(start) }
                digits += 1
                if seenDot && digits <= 19 { fractionDigits += 1 }
            } else if b == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        // Exact for up to 15 significant digits (a double's precision); longer text takes strtod.
        if digits > 15 { return slow(start) }
        let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private mutating func slow(_ start: Int) -> Double? {
        i = start
        while !atEnd, !Self.isWhitespace(bytes[i]), bytes[i] != UInt8(ascii: ",") { i += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        return text.contains(where: { $0 == "e" || $0 == "E" || $0.isLetter }) ? nil : Double(text)
    }

    private static let powersOfTen: [Double] = (0...19).map { pow(10, Double($0)) }
}
