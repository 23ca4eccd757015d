import Foundation
import MirsadGeodesy

/// The coordinate reference system of input coordinates or of an analysis grid.
///
/// Analyses run in metres, so geographic input (`EPSG:4326`, x = longitude, y = latitude) is
/// projected to a UTM zone; planar input (`EPSG:326NN`, `EPSG:26971`, ...) is used as is.
/// Encoded as its text form (`"EPSG:4326"`) so it reads naturally in JSON requests.
public enum CoordinateSystem: Hashable, Sendable, CustomStringConvertible {
    /// WGS84 longitude/latitude in degrees (EPSG:4326).
    case wgs84
    /// WGS84 / UTM in metres (EPSG:326NN or 327NN).
    case utm(UTMZone)
    /// Another metre-based projected system, identified by its EPSG code when known.
    case planar(epsg: Int?)

    /// Parses `EPSG:NNNN` (also `epsg:NNNN`, `NNNN`, `utm:15N`, `planar`).
    public init(parsing text: String, field: String = "crs") throws(AnalyticsError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if upper.hasPrefix("UTM:") {
            do {
                self = .utm(try UTMZone(parsing: trimmed))
            } catch {
                throw .invalidField(field, error.message)
            }
            return
        }
        if upper == "PLANAR" {
            self = .planar(epsg: nil)
            return
        }
        let digits = upper.hasPrefix("EPSG:") ? String(upper.dropFirst(5)) : upper
        guard let code = Int(digits), code > 0 else {
            throw .invalidField(field, "expected EPSG:4326 or EPSG:NNNNN, got '\(text)'")
        }
        if code == 4326 {
            self = .wgs84
        } else if let zone = UTMZone(epsg: code) {
            self = .utm(zone)
        } else {
            self = .planar(epsg: code)
        }
    }

    /// True for longitude/latitude input that must be projected before analysis.
    public var isGeographic: Bool { self == .wgs84 }

    /// The EPSG code, when known.
    public var epsg: Int? {
        switch self {
        case .wgs84: 4326
        case .utm(let zone): zone.epsg
        case .planar(let epsg): epsg
        }
    }

    public var description: String {
        if let epsg { return "EPSG:\(epsg)" }
        return "planar"
    }

    /// Converts a planar position in this system back to WGS84, when the system allows it
    /// (UTM zones do; unknown planar systems do not, and return nil).
    public func geographic(_ point: PlanarPoint) -> GeoCoordinate? {
        switch self {
        case .wgs84: GeoCoordinate(latitude: point.y, longitude: point.x)
        case .utm(let zone): TransverseMercator(zone: zone).inverse(point)
        case .planar: nil
        }
    }
}

extension CoordinateSystem: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CoordinateSystem(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
