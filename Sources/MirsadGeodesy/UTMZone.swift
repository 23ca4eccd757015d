import Foundation

/// A Universal Transverse Mercator zone (1...60) and hemisphere, e.g. `15N` for Houston.
public struct UTMZone: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Hemisphere: String, Codable, Sendable {
        case north = "N"
        case south = "S"
    }

    public let number: Int
    public let hemisphere: Hemisphere

    public init(number: Int, hemisphere: Hemisphere) throws(GeodesyError) {
        guard (1...60).contains(number) else {
            throw .invalidUTMZone("UTM zone must be 1...60, got \(number)")
        }
        self.number = number
        self.hemisphere = hemisphere
    }

    /// Parses `utm:15N`, `15N`, `utm:33s` (case-insensitive).
    public init(parsing text: String) throws(GeodesyError) {
        var body = text.trimmingCharacters(in: .whitespaces).uppercased()
        if body.hasPrefix("UTM:") { body.removeFirst(4) }
        guard let last = body.last, let hemisphere = Hemisphere(rawValue: String(last)),
            let number = Int(body.dropLast())
        else {
            throw .invalidUTMZone("expected utm:ZONE{N|S} such as utm:15N, got '\(text)'")
        }
        try self.init(number: number, hemisphere: hemisphere)
    }

    private init(validNumber: Int, hemisphere: Hemisphere) {
        self.number = validNumber
        self.hemisphere = hemisphere
    }

    /// The WGS84 / UTM EPSG code: 326NN north, 327NN south.
    public var epsg: Int { (hemisphere == .north ? 32600 : 32700) + number }

    /// The zone for an EPSG code 32601...32660 or 32701...32760, else nil.
    public init?(epsg: Int) {
        switch epsg {
        case 32601...32660: self.init(validNumber: epsg - 32600, hemisphere: .north)
        case 32701...32760: self.init(validNumber: epsg - 32700, hemisphere: .south)
        default: return nil
        }
    }

    /// The standard zone containing a WGS84 position (without the Norway/Svalbard exceptions).
    public static func containing(_ coordinate: GeoCoordinate) -> UTMZone {
        let lon = coordinate.longitude >= 180 ? coordinate.longitude - 360 : coordinate.longitude
        let number = min(60, max(1, Int(((lon + 180) / 6).rounded(.down)) + 1))
        return UTMZone(validNumber: number, hemisphere: coordinate.latitude < 0 ? .south : .north)
    }

    /// Longitude of the zone's central meridian in degrees.
    public var centralMeridian: Double { Double(number - 1) * 6 - 180 + 3 }

    public var description: String { "utm:\(number)\(hemisphere.rawValue)" }
}
